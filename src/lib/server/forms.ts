// Form actions, the one way: read fields from FormData, run the service, and turn a refused
// operation (`DomainError`) into `fail(status, { code, message, fields, values, … })` for the page
// to show next to the right fields. Anything else is a real error and propagates.
import { fail, isActionFailure, type ActionFailure } from '@sveltejs/kit';
import { DomainError, type FieldErrors } from './errors';

/** What a page gets back from a refused form action, plus what the action adds (`extra`). */
export interface FormRefusal {
	code: string;
	message: string;
	fields: FieldErrors;
}

export interface RefusalOptions<E> {
	/** Page-specific data: what was typed (`values`), which form (`action`, `form`), … */
	extra?: E;
	/** Service field names as the form names them, e.g. `{ body: 'message' }`. */
	rename?: Record<string, string>;
}

/** A refused operation as a form action's answer. */
export function refusal<E extends object = object>(
	error: DomainError,
	{ extra, rename = {} }: RefusalOptions<E> = {}
): ActionFailure<FormRefusal & E> {
	const fields: FieldErrors = {};
	for (const [field, message] of Object.entries(error.fields))
		fields[rename[field] ?? field] = message;
	return fail(error.status, {
		code: error.code,
		message: error.message,
		fields,
		...(extra ?? ({} as E))
	});
}

/** Run a form action's operation: its result, or its refusal (see `refusal`). */
export async function formAction<T, E extends object = object>(
	run: () => Promise<T>,
	options: RefusalOptions<E> = {}
): Promise<T | ActionFailure<FormRefusal & E>> {
	try {
		return await run();
	} catch (error) {
		if (error instanceof DomainError) return refusal(error, options);
		throw error;
	}
}

/** Was `formAction`'s result a refusal? (Narrows the result to the operation's value if not.) */
export function isRefusal<T>(result: T): result is Extract<T, ActionFailure<FormRefusal>> {
	return isActionFailure(result);
}

// ───────────────────────── reading fields ─────────────────────────

/** Text fields of a form (files ignored; a repeated name keeps its first value). */
export function formValues(form: FormData, omit: readonly string[] = []): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of form) {
		if (typeof value === 'string' && !omit.includes(key) && !(key in values)) values[key] = value;
	}
	return values;
}

/** Every value of a repeated field (checkbox lists, multi-selects). */
export function formList(form: FormData, name: string): string[] {
	return form.getAll(name).filter((v): v is string => typeof v === 'string');
}

/** A checkbox: present means on. */
export const formFlag = (form: FormData, name: string) => form.get(name) !== null;

/** A text field, or "" when absent. */
export function formText(form: FormData, name: string): string {
	const raw = form.get(name);
	return typeof raw === 'string' ? raw : '';
}

/** A positive integer field, or undefined when absent or malformed (the service names it). */
export function formInt(form: FormData, name: string): number | undefined {
	const raw = form.get(name);
	if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw.trim())) return undefined;
	const n = Number(raw);
	return n > 0 ? n : undefined;
}

/** A row id from a hidden field; 0 (no such row) when malformed. */
export function formId(form: FormData, name = 'id'): number {
	return formInt(form, name) ?? 0;
}
