// The one way an operation is refused. Services throw `DomainError` (an HTTP-like status, a
// machine code, a message and messages per field) and validate with `parseInput`, the one
// conversion from zod issues to field errors. API endpoints turn the error into
// `{ error: { code, message, fields? } }` (api/respond.ts), form actions into
// `fail(status, { code, message, fields, values })` (forms.ts).
//
// Messages come from the catalogue and are rendered when the error is made, in the language of
// the request that caused it: pages answer in the user's language, while every /api/ request
// runs in English (hooks.server.ts), so the API's `message` is always English.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

/** A message per field, keyed by the field's path (`title`, `week.mon`, `memberIds.0`). */
export type FieldErrors = Record<string, string>;

export type ErrorStatus = 400 | 403 | 404 | 409 | 410 | 422 | 429;

/** A refused operation; nothing was written. */
export class DomainError extends Error {
	constructor(
		readonly status: ErrorStatus,
		readonly code: string,
		message: string,
		readonly fields: FieldErrors = {}
	) {
		super(message);
		this.name = 'DomainError';
	}
}

/** Input that cannot be used: 400 with a message per field. */
export const invalid = (fields: FieldErrors, message: string = m.refused_fields()) =>
	new DomainError(400, 'invalid', message, fields);

/** Something that does not exist, or that the caller may not know exists. */
export const notFound = (message: string) => new DomainError(404, 'not_found', message);

/** The caller's role does not allow it. */
export const forbidden = (message: string = m.refused_forbidden()) =>
	new DomainError(403, 'forbidden', message);

/** Where an issue without a path (the input as a whole) is reported. */
export const FORM_FIELD = 'form';

/**
 * One message per field from zod issues: the first issue of a field wins. Keys a strict object
 * does not know are named one by one ("Unknown field.").
 */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
	const fields: FieldErrors = {};
	for (const issue of issues) {
		const path = issue.path.map(String);
		if (issue.code === 'unrecognized_keys') {
			for (const key of issue.keys) fields[[...path, key].join('.')] ??= m.field_error_unknown();
		} else {
			fields[path.join('.') || FORM_FIELD] ??= issue.message;
		}
	}
	return fields;
}

/** Parse `input` with `schema`; any problem is `invalid(fields)`. Every service validates so. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	throw invalid(fieldErrors(result.error.issues));
}
