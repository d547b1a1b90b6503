// Incident forms on the desk: read FormData into the service's inputs (the service validates
// every value; here they are only typed), and answer a refused write the one way — a stale
// version as 409 with the incident as it is now, anything else with its fields, and what was
// typed handed back so a page without JavaScript shows the form again as it was.
import { error } from '@sveltejs/kit';
import { DateTime } from 'luxon';
import { DomainError } from '../errors';
import { formList, formText, formValues, refusal } from '../forms';
import { MAX_DB_ID } from '../validation/fields';
import { m } from '$lib/paraglide/messages';
import type { Incident } from '$lib/types/incident';

/** The `[id]` path segment: anything but a plain positive integer names no incident. */
export function incidentIdParam(raw: string | undefined): number {
	if (raw && /^[1-9]\d{0,9}$/.test(raw) && Number(raw) <= MAX_DB_ID) return Number(raw);
	error(404, { code: 'not_found', message: m.incident_error_not_found() });
}

/**
 * A `datetime-local` value, read in the organisation's time zone (the page shows times there).
 * Empty: undefined; malformed: an invalid date, which the service refuses by field.
 */
export function formWhen(form: FormData, name: string, zone: string): Date | undefined {
	const raw = formText(form, name).trim();
	if (raw === '') return undefined;
	const at = DateTime.fromISO(raw, { zone });
	return at.isValid ? at.toJSDate() : new Date(Number.NaN);
}

/** A version field: the number, or NaN so the service names the field. */
export function formVersion(form: FormData): number {
	const raw = formText(form, 'version');
	return /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
}

/** `component-<id>` fields with a status chosen ("" = no change). */
export function formComponentChanges(form: FormData): Array<{ id: number; status: never }> {
	const changes: Array<{ id: number; status: never }> = [];
	for (const [key, value] of form) {
		if (!key.startsWith('component-') || typeof value !== 'string' || value === '') continue;
		const raw = key.slice('component-'.length);
		changes.push({ id: /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN, status: value as never });
	}
	return changes;
}

/** Checked ids of a repeated field; malformed ones as NaN for the service to refuse. */
export function formIds(form: FormData, name: string): number[] {
	return formList(form, name).map((v) => (/^\s*\d{1,10}\s*$/.test(v) ? Number(v) : Number.NaN));
}

/**
 * Ticket numbers typed into a text field ("1042, #1043 1044"): each as a number, anything else
 * refused here by field before any SQL.
 */
export function typedTicketNumbers(form: FormData, name: string): number[] {
	const raw = formText(form, name).trim();
	if (raw === '') return [];
	const tokens = raw.split(/[\s,;]+/).filter(Boolean);
	const numbers: number[] = [];
	for (const token of tokens) {
		const match = /^#?(\d{1,10})$/.exec(token);
		if (!match) {
			const message = m.incident_error_ticket_numbers();
			throw new DomainError(400, 'invalid', message, { [name]: message });
		}
		numbers.push(Number(match[1]));
	}
	return numbers;
}

/** The desk's incident write actions (form action names on the incident page). */
export type IncidentAction = 'update' | 'edit' | 'note' | 'postmortem' | 'link';

/** What a page gets with a 409: the incident as it is now, to compare with what was typed. */
export interface IncidentConflict {
	message: string;
	current: Pick<Incident, 'version' | 'title' | 'impact' | 'status' | 'updatedAt'> & {
		latest: { status: string; bodyEn: string; bodyDe: string; authorName: string | null } | null;
	};
}

/**
 * Run one incident write from a form. Refusals keep their status and fields; a stale version is
 * a 409 with the current state (`current` reads it); "no such incident" is the page's 404.
 */
export async function incidentFormAction<T>(
	form: FormData,
	action: IncidentAction,
	run: () => Promise<T>,
	current: () => Promise<Incident | null>
) {
	const values = formValues(form, ['version']);
	try {
		await run();
		return { action, done: true as const };
	} catch (e) {
		if (!(e instanceof DomainError)) throw e;
		if (e.status === 404 && Object.keys(e.fields).length === 0) {
			const now = await current();
			if (!now) error(404, { code: 'not_found', message: m.incident_error_not_found() });
		}
		let conflict: IncidentConflict | null = null;
		if (e.status === 409) {
			const now = await current();
			if (!now) error(404, { code: 'not_found', message: m.incident_error_not_found() });
			const latest = now.updates[0] ?? null;
			conflict = {
				message: e.message,
				current: {
					version: now.version,
					title: now.title,
					impact: now.impact,
					status: now.status,
					updatedAt: now.updatedAt,
					latest: latest && {
						status: latest.status,
						bodyEn: latest.bodyEn,
						bodyDe: latest.bodyDe,
						authorName: latest.authorName
					}
				}
			};
		}
		// One field problem is the message itself; several get a pointer to the fields.
		const problems = Object.values(e.fields);
		const message = problems.length === 1 ? problems[0] : e.message;
		return refusal(new DomainError(e.status, e.code, message, e.fields), {
			extra: { action, values, conflict }
		});
	}
}
