// Turn refused portal form input into field messages in the requester's language.
import type { z } from 'zod';
import { m } from '$lib/paraglide/messages';

export type FieldErrors = Record<string, string>;

/** What each field's "missing or not one of the choices" problem is called in the portal. */
const MISSING: Record<string, () => string> = {
	title: m.portal_error_title_required,
	body: m.portal_error_body_required,
	categoryId: m.portal_error_category,
	urgency: m.portal_error_urgency,
	impact: m.portal_error_impact,
	message: m.portal_error_message_required
};

/** One localised message per field from the issues of a shared service schema. */
export function issueMessages(issues: z.core.$ZodIssue[], rename: Record<string, string> = {}) {
	const errors: FieldErrors = {};
	for (const issue of issues) {
		const path = String(issue.path[0] ?? 'body');
		const field = rename[path] ?? path;
		if (errors[field]) continue;
		errors[field] =
			issue.code === 'too_big'
				? m.portal_error_too_long({ max: Number(issue.maximum) })
				: issue.code === 'custom'
					? m.portal_error_characters()
					: (MISSING[field] ?? m.portal_error_generic)();
	}
	return errors;
}

/** Localised field messages for a ticket service refusal (`TicketError` as `ticketAction` returns it). */
export function refusalMessages(
	data: { code: string; message: string; fields: Record<string, string> },
	byCodeHere: Record<string, () => string> = {}
): { message: string; errors: FieldErrors } {
	const errors: FieldErrors = {};
	for (const field of Object.keys(data.fields)) {
		errors[field] =
			field === 'categoryId' && data.code === 'invalid'
				? m.portal_error_category_unknown()
				: (MISSING[field] ?? m.portal_error_generic)();
	}
	const byCode: Record<string, () => string> = {
		invalid: m.portal_errors_summary,
		invalid_state: m.portal_error_state,
		reopen_expired: m.portal_error_reopen_expired,
		...byCodeHere
	};
	return { message: (byCode[data.code] ?? m.portal_error_generic)(), errors };
}
