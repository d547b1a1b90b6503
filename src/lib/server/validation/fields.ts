// Shared zod field rules for everything people type: one place decides which characters a title,
// a name or a message may hold, and how large a row id can be. Messages come from the catalogue
// and are rendered when a value fails, so they follow the request's language.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

/** A field's name as the message shows it: a fixed text, or a catalogue message. */
export type Label = string | (() => string);

/** PostgreSQL `integer` (every id column): larger numbers cannot name a row. */
export const MAX_DB_ID = 2_147_483_647;

/** C0 controls (with CR, LF and tab), DEL, C1 controls, and Unicode line/paragraph separators. */
const LINE_CONTROLS = /[\p{Cc}\u2028\u2029]/u;
const LINE_BREAKS = /[\r\n\u2028\u2029]/;
/** C0 controls except tab, LF and CR, and DEL: what a multi-line text may not hold. */
const TEXT_CONTROLS = /(?![\t\n\r\u0080-\u009f])\p{Cc}/u;
/** Bidi embeddings, overrides and isolates: they make a name or title read differently. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;

const say = (label: Label) => (typeof label === 'string' ? label : label());

/** True when `value` holds a NUL character anywhere (PostgreSQL text cannot store one). */
export function hasNul(value: string): boolean {
	return value.includes('\u0000');
}

/** Wording a domain may choose for its own fields instead of "{label} is required." etc. */
export interface TextMessages {
	required?: () => string;
	tooLong?: (max: number) => string;
}

function text(max: number, label: Label, messages: TextMessages = {}) {
	const { tooLong } = messages;
	const required = messages.required ?? (() => m.field_error_required({ label: say(label) }));
	const long = tooLong
		? () => tooLong(max)
		: () => m.field_error_too_long({ label: say(label), max });
	return z.string({ error: required }).trim().min(1, { error: required }).max(max, { error: long });
}

/**
 * One line of text (titles, names, email addresses, group, category and calendar names): trimmed,
 * 1..max characters, no line breaks, no other control characters, no bidi overrides.
 */
export function singleLine(max: number, label: Label, messages?: TextMessages) {
	return text(max, label, messages)
		.refine((v) => !LINE_BREAKS.test(v), {
			error: () => m.field_error_line_break({ label: say(label) })
		})
		.refine((v) => LINE_BREAKS.test(v) || !LINE_CONTROLS.test(v), {
			error: () => m.field_error_control({ label: say(label) })
		})
		.refine((v) => !BIDI_CONTROLS.test(v), {
			error: () => m.field_error_bidi({ label: say(label) })
		});
}

/**
 * Free text (descriptions, comments, reasons): trimmed, 1..max characters; tab, CR and LF are
 * fine, NUL and the other C0 controls are not.
 */
export function multiLine(max: number, label: Label, messages?: TextMessages) {
	return text(max, label, messages).refine((v) => !TEXT_CONTROLS.test(v), {
		error: () => m.field_error_control({ label: say(label) })
	});
}

/** An email address: one line, at most 254 characters, lower-cased. */
export function emailAddress(label: Label) {
	return singleLine(254, label)
		.toLowerCase()
		.pipe(z.email({ error: () => m.field_error_email() }));
}

export interface IdOptions {
	/** Read form fields: digit strings become numbers ("" and anything else stay invalid). */
	fromForm?: boolean;
	/** The message for any invalid value instead of the range text (e.g. "choose one"). */
	error?: () => string;
}

/** A row id: a whole number from 1 to 2147483647, so an oversized id is a 400, not a 500. */
export function dbId(label?: Label, options: IdOptions = {}) {
	const error =
		options.error ??
		(() => (label ? m.field_error_id({ label: say(label) }) : m.field_error_id_bare()));
	const id = z.number({ error }).int({ error }).min(1, { error }).max(MAX_DB_ID, { error });
	if (!options.fromForm) return id;
	return z.preprocess((v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v), id);
}
