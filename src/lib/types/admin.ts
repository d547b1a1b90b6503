/**
 * What every admin form action returns, success or not. `form` names the form on the page that
 * was submitted (pages with one form per row use e.g. `role:12`), so only that one shows it.
 */
export interface AdminFormResult {
	form: string;
	ok: boolean;
	message?: string;
	fields?: Record<string, string>;
	/** What was submitted, so a failed form is shown again as it was typed (never passwords). */
	values?: Record<string, string | string[]>;
	/** A secret to show once (a new API token). */
	token?: string;
}

/** The action result if it belongs to form `id`, else null. */
export function resultFor(form: unknown, id: string): AdminFormResult | null {
	const result = form as AdminFormResult | null | undefined;
	return result && typeof result === 'object' && result.form === id ? result : null;
}
