import { error } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { DomainError } from '$lib/server/errors';
import { streamMark } from '$lib/server/events/db';
import { formFlag, formText } from '$lib/server/forms';
import * as incidents from '$lib/server/incidents/db';
import {
	formComponentChanges,
	formIds,
	formVersion,
	formWhen,
	incidentFormAction,
	incidentIdParam,
	typedTicketNumbers,
	type IncidentAction
} from '$lib/server/incidents/forms';
import {
	addNote,
	editIncident,
	getIncident,
	incidentForDesk,
	linkTickets,
	postUpdate,
	savePostmortem,
	suggestTickets
} from '$lib/server/incidents/service';
import { organisationTimeZone } from '$lib/server/settings/time-zone';
import type { Database } from '$lib/server/db/client';
import { m } from '$lib/paraglide/messages';
import { isFinished } from '$lib/types/incident';
import { STAFF_ROLES, type SessionUser } from '$lib/types/user';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	// Live changes by others re-run this load once per burst (`invalidate('app:incident')`).
	event.depends('app:incident');
	const me = requireRole(event, ...STAFF_ROLES);
	const id = incidentIdParam(event.params.incident);
	const { db } = await app();
	// The stream position first: every event after it is replayed to the page.
	const stream = await streamMark(db.sql);
	const desk = await incidentForDesk(db, me, id).catch((e: unknown) => {
		if (e instanceof DomainError && e.status === 404) {
			error(404, { code: 'not_found', message: m.incident_error_not_found() });
		}
		throw e;
	});
	const finished = isFinished(desk.incident.status);
	const [linked, suggestions] = await Promise.all([
		incidents.listLinkedTickets(db.sql, id),
		desk.incident.kind === 'incident' && !finished ? suggestTickets(db, me, id) : []
	]);
	const template = Number(event.url.searchParams.get('template'));
	return {
		me: { id: me.id, name: me.name },
		stream,
		incident: desk.incident,
		notes: desk.notes,
		components: desk.components.map((c) => ({
			id: c.id,
			name: c.name,
			isGroup: c.isGroup,
			groupId: c.groupId,
			status: c.status
		})),
		templates: desk.templates,
		/** A template chosen without JavaScript (`?template=`), to fill the update form. */
		template: desk.templates.find((t) => t.id === template) ?? null,
		linked,
		suggestions: suggestions.map((s) => ({
			number: s.number,
			title: s.title,
			status: s.status,
			createdAt: s.createdAt,
			category: s.category,
			categoryDe: s.categoryDe,
			requester: s.requester
		}))
	};
};

interface Step {
	db: Database;
	me: SessionUser;
	id: number;
	form: FormData;
	zone: string;
}

async function deskAction(
	event: RequestEvent,
	action: IncidentAction,
	run: (step: Step) => Promise<unknown>
) {
	const me = requireRole(event, ...STAFF_ROLES);
	const id = incidentIdParam(event.params.incident);
	const form = await event.request.formData();
	const { db } = await app();
	const zone = await organisationTimeZone(db.sql);
	return incidentFormAction(
		form,
		action,
		() => run({ db, me, id, form, zone }),
		() => getIncident(db.sql, id)
	);
}

export const actions: Actions = {
	update: (event) =>
		deskAction(event, 'update', ({ db, me, id, form, zone }) => {
			const replying = formFlag(form, 'replyTickets');
			return postUpdate(db, me, id, {
				version: formVersion(form),
				status: formText(form, 'status') as never,
				impact: (formText(form, 'impact') || undefined) as never,
				components: formComponentChanges(form),
				bodyEn: formText(form, 'bodyEn'),
				bodyDe: formText(form, 'bodyDe'),
				nextUpdateAt: formWhen(form, 'nextUpdateAt', zone) ?? null,
				ticketReply: replying ? formText(form, 'ticketReply') : undefined,
				resolveTickets: formFlag(form, 'resolveTickets')
			});
		}),

	edit: (event) =>
		deskAction(event, 'edit', ({ db, me, id, form, zone }) =>
			editIncident(db, me, id, {
				version: formVersion(form),
				title: formText(form, 'title'),
				impact: (formText(form, 'impact') || undefined) as never,
				componentIds: form.has('componentsShown') ? formIds(form, 'componentIds') : undefined,
				scheduledFor: formWhen(form, 'scheduledFor', zone),
				scheduledUntil: formWhen(form, 'scheduledUntil', zone),
				autoTransition: form.has('autoTransitionShown')
					? formFlag(form, 'autoTransition')
					: undefined
			})
		),

	note: (event) =>
		deskAction(event, 'note', ({ db, me, id, form }) =>
			addNote(db, me, id, { body: formText(form, 'body') })
		),

	postmortem: (event) =>
		deskAction(event, 'postmortem', ({ db, me, id, form }) =>
			savePostmortem(db, me, id, {
				version: formVersion(form),
				body: formText(form, 'body'),
				publish: formText(form, 'publish') === '1'
			})
		),

	link: (event) =>
		deskAction(event, 'link', ({ db, me, id, form }) => {
			const numbers = [...formIds(form, 'numbers'), ...typedTicketNumbers(form, 'more')];
			if (numbers.length === 0) {
				const message = m.incident_error_tickets_none();
				throw new DomainError(400, 'invalid', message, { more: message });
			}
			return linkTickets(db, me, id, { numbers, unlink: formText(form, 'unlink') === '1' });
		})
};
