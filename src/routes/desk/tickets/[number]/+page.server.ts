import { error, redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { buildConflict, isStale, parseSeen, seenOf, typedValues } from '$lib/server/desk/conflict';
import * as desk from '$lib/server/desk/db';
import { DomainError } from '$lib/server/errors';
import { formInt, formText, refusal } from '$lib/server/forms';
import { streamMark } from '$lib/server/events/db';
import * as incidents from '$lib/server/incidents/db';
import { activeIncidents } from '$lib/server/incidents/service';
import * as tickets from '$lib/server/tickets/db';
import { ticketDetail } from '$lib/server/tickets/queries';
import { articlesForTicket } from '$lib/server/kb/service';
import {
	addComment,
	claimTicket,
	linkTicket,
	mergeTicket,
	moveTicket,
	notifyLead,
	updateTicket,
	type UpdateTicketInput
} from '$lib/server/tickets/service';
import type { Database } from '$lib/server/db/client';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { Conflict, DeskAction } from '$lib/types/desk';
import type { Priority, TicketStatus } from '$lib/types/ticket';
import { STAFF_ROLES, type SessionUser } from '$lib/types/user';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function notFound(): never {
	error(404, { code: 'not_found', message: m.desk_not_found() });
}

function ticketNumber(event: Pick<RequestEvent, 'params'>): number {
	const raw = event.params.number;
	if (!/^\d{1,9}$/.test(raw)) notFound();
	return Number(raw);
}

export const load: PageServerLoad = async (event) => {
	const me = requireRole(event, ...STAFF_ROLES);
	const number = ticketNumber(event);
	const { db } = await app();
	const locale = getLocale();
	// The stream position first: every event after it is replayed to the page and applied once.
	const stream = await streamMark(db.sql);
	const ticket = await ticketDetail(db.sql, number, me, locale);
	if (!ticket) notFound();
	const [groups, members, categories, incident, openIncidents] = await Promise.all([
		desk.listGroups(db.sql),
		desk.groupMembers(db.sql, ticket.group.id),
		tickets.listCategories(db.sql, locale),
		tickets
			.getTicket(db.sql, number)
			.then((row) =>
				row?.incidentId ? incidents.getIncidentSummary(db.sql, row.incidentId) : null
			),
		activeIncidents(db.sql)
	]);
	// Knowledge-base articles for this ticket's area and words (runbooks included).
	const articles = await articlesForTicket(
		db,
		me,
		{ title: ticket.title, body: ticket.body, categoryId: ticket.category.id },
		locale
	);
	return {
		me,
		stream,
		ticket,
		seen: seenOf(ticket),
		groups,
		members,
		categories,
		/** The incident this ticket is part of, and the active ones it could be linked to. */
		incident,
		openIncidents,
		articles
	};
};

interface Step {
	db: Database;
	me: SessionUser;
	number: number;
	form: FormData;
	version: number | undefined;
}

/**
 * Run one desk write: guard, parse, call the service. A stale version becomes a 409 with what
 * changed (the agent's input is returned untouched); other refusals keep their status and field
 * errors, with what was typed handed back (also without JavaScript).
 */
async function deskAction(
	event: RequestEvent,
	action: DeskAction,
	run: (step: Step) => Promise<unknown>,
	options: { notFoundField?: string; checkComments?: boolean } = {}
) {
	const me = requireRole(event, ...STAFF_ROLES);
	const number = ticketNumber(event);
	const form = await event.request.formData();
	const version = formInt(form, 'version');
	const { db } = await app();
	const values = typedValues(form);
	const refused = (error: DomainError, conflict: Conflict | null = null) =>
		refusal(error, { extra: { action, values, conflict } });
	const conflict = async () => {
		const details = await buildConflict(db.sql, number, me, getLocale(), action, form);
		if (!details) notFound();
		return refused(new DomainError(409, 'conflict', m.desk_conflict_title()), details);
	};

	// Replies and notes are not version-guarded by the service; a reply written while someone
	// else changed or answered the ticket deserves the same look at what happened.
	if (options.checkComments) {
		const state = await desk.ticketState(db.sql, number);
		if (!state) notFound();
		if (isStale(parseSeen(form.get('seen')), version, state)) return conflict();
	}

	try {
		await run({ db, me, number, form, version });
		return { action, done: true as const };
	} catch (error) {
		if (!(error instanceof DomainError)) throw error;
		if (error.status === 409) return conflict();
		if (error.status === 404) {
			// The other ticket of a link or merge does not exist; this one does (it loaded).
			if (options.notFoundField && (await desk.ticketState(db.sql, number))) {
				const message = m.desk_error_no_such_ticket();
				return refused(refusedNumber(options.notFoundField, message, 422));
			}
			notFound();
		}
		// One field problem is the message itself; several get a pointer to the fields.
		const problems = Object.values(error.fields);
		const message = problems.length === 1 ? problems[0] : error.message;
		return refused(new DomainError(error.status, error.code, message, error.fields));
	}
}

/** A ticket number field that names no ticket. */
const refusedNumber = (field: string, message: string, status: 400 | 422) =>
	new DomainError(status, 'invalid', message, { [field]: message });

/** A required number field: the parsed value, or NaN so the service reports the field. */
const numberField = (form: FormData, name: string) => formInt(form, name) ?? Number.NaN;

/** The number of another ticket (link, merge); refused here, before any SQL, when malformed. */
function otherTicket(form: FormData, name: string): number {
	const n = formInt(form, name);
	if (n === undefined) throw refusedNumber(name, m.desk_error_ticket_number(), 400);
	return n;
}

export const actions: Actions = {
	claim: (event) =>
		deskAction(event, 'claim', ({ db, me, number, version }) =>
			claimTicket(db, me, number, version)
		),

	update: (event) =>
		deskAction(event, 'update', ({ db, me, number, form, version }) => {
			const input: UpdateTicketInput = { version: version ?? Number.NaN };
			// The service validates every value; here they are only typed.
			if (form.has('status')) input.status = formText(form, 'status') as TicketStatus;
			if (form.has('priority')) input.priority = Number(formText(form, 'priority')) as Priority;
			if (form.has('categoryId')) input.categoryId = numberField(form, 'categoryId');
			if (form.has('assigneeId')) {
				const raw = formText(form, 'assigneeId');
				input.assigneeId = raw === '' ? null : numberField(form, 'assigneeId');
			}
			return updateTicket(db, me, number, input);
		}),

	comment: (event) =>
		deskAction(
			event,
			'comment',
			({ db, me, number, form }) => {
				const status = formText(form, 'status');
				return addComment(db, me, number, {
					body: formText(form, 'body'),
					internal: formText(form, 'mode') === 'note',
					status: status ? (status as 'open') : undefined
				});
			},
			{ checkComments: true }
		),

	escalate: (event) =>
		deskAction(event, 'escalate', ({ db, me, number, form, version }) =>
			moveTicket(db, me, number, 'escalate', {
				groupId: formInt(form, 'groupId'),
				reason: formText(form, 'reason'),
				version
			})
		),

	handBack: (event) =>
		deskAction(event, 'handBack', ({ db, me, number, form, version }) =>
			moveTicket(db, me, number, 'hand_back', {
				groupId: formInt(form, 'groupId'),
				reason: formText(form, 'reason'),
				version
			})
		),

	notifyLead: (event) =>
		deskAction(event, 'notifyLead', ({ db, me, number, form }) =>
			notifyLead(db, me, number, formText(form, 'reason'))
		),

	link: (event) =>
		deskAction(
			event,
			'link',
			({ db, me, number, form }) => linkTicket(db, me, number, otherTicket(form, 'related')),
			{ notFoundField: 'related' }
		),

	merge: async (event) => {
		let into = 0;
		const result = await deskAction(
			event,
			'merge',
			async ({ db, me, number, form, version }) => {
				into = otherTicket(form, 'into');
				if (formText(form, 'confirm') !== 'yes') {
					const missing = m.desk_merge_confirm_missing();
					throw new DomainError(422, 'unconfirmed', missing, { confirm: missing });
				}
				return mergeTicket(db, me, number, into, version);
			},
			{ notFoundField: 'into' }
		);
		if ('done' in result) redirect(303, `/desk/tickets/${into}?merged=${event.params.number}`);
		return result;
	}
};
