// Glue between admin form actions and the admin service: read form fields, turn a refused change
// into `fail(status, …)` that the page shows next to the right form and field.
import { fail } from '@sveltejs/kit';
import { AdminError } from './service';
import type { AdminFormResult } from '$lib/types/admin';

export async function adminAction(
	formId: string,
	values: Record<string, string | string[]>,
	run: () => Promise<string | { message: string; token?: string }>
) {
	try {
		const outcome = await run();
		const done = typeof outcome === 'string' ? { message: outcome } : outcome;
		return { form: formId, ok: true, ...done } satisfies AdminFormResult;
	} catch (error) {
		if (error instanceof AdminError) {
			return fail(error.status, {
				form: formId,
				ok: false,
				message: error.message,
				fields: error.fields,
				values
			} satisfies AdminFormResult);
		}
		throw error;
	}
}

/** Text fields of a form (files ignored); repeated names become lists via `formList`. */
export function formValues(form: FormData, omit: string[] = []): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of form) {
		if (typeof value === 'string' && !omit.includes(key) && !(key in values)) values[key] = value;
	}
	return values;
}

export function formList(form: FormData, name: string): string[] {
	return form.getAll(name).filter((v): v is string => typeof v === 'string');
}

/** A checkbox: present means on. */
export const formFlag = (form: FormData, name: string) => form.get(name) !== null;

export function formId(form: FormData, name = 'id'): number {
	const raw = form.get(name);
	return typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
}
