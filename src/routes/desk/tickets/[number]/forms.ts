// What the ticket page's forms share: how a refused submission is handed to the form it came from.
import type { SubmitFunction } from '@sveltejs/kit';
import type { DeskAction, SeenTicket } from '$lib/types/desk';

/** A refused submission of one form: the summary and a message per field. */
export interface Failure {
	message: string;
	fields: Record<string, string>;
}

/** What every write form of the page needs from it. */
export interface FormContext {
	/** The ticket as the agent sees it, sent with every write (stale writes become conflicts). */
	seen: SeenTicket;
	/** The page's `use:enhance` handler. */
	submit: SubmitFunction;
	/** The form whose submission is under way, if any: buttons wait. */
	busy: DeskAction | null;
}

/** Something the agent typed or chose that a submission would send. */
export interface Draft {
	readonly dirty: boolean;
	clear(): void;
	/** The change as it stands now, for the conflict view (if it differs from what was sent). */
	values?(): Record<string, string>;
}
