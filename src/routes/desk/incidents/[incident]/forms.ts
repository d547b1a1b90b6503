// What the incident page's forms share: the submit handler (busy state, 409 handling) and the
// shape of a refused submission.
import type { SubmitFunction } from '@sveltejs/kit';

export type IncidentAction = 'update' | 'edit' | 'note' | 'postmortem' | 'link';

/** A refused submission of one form, as the page shows it. */
export interface Failure {
	message: string;
	fields: Record<string, string>;
	values: Record<string, string>;
}

export interface FormContext {
	/** The incident version the forms refer to (moves with the incident while nothing is typed). */
	readonly seen: number;
	/** `use:enhance` for form `action`; `done` runs after it went through. */
	submit(action: IncidentAction, done?: () => void): SubmitFunction;
	readonly busy: IncidentAction | null;
	/** The refusal of `action`'s last submission (not a conflict: the page shows those). */
	failed(action: IncidentAction): Failure | null;
}
