// Admin pages have one form per row or section: each result names its form (`form`), so only that
// one shows it. The refusal itself is the one form-action shape (../forms.ts).
import { formAction } from '../forms';
import type { AdminFormResult } from '$lib/types/admin';

// Field readers live in ../forms.ts; re-exported for the wall management page.
export { formFlag, formId, formList, formValues } from '../forms';

export async function adminAction(
	formId: string,
	values: Record<string, string | string[]>,
	run: () => Promise<string | { message: string; token?: string }>
) {
	return formAction(
		async () => {
			const outcome = await run();
			const done = typeof outcome === 'string' ? { message: outcome } : outcome;
			return { form: formId, ok: true, ...done } satisfies AdminFormResult;
		},
		{ extra: { form: formId, ok: false, values } satisfies Partial<AdminFormResult> }
	);
}
