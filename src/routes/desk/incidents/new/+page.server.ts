import { redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { formFlag, formText, formValues, formAction, isRefusal } from '$lib/server/forms';
import * as incidents from '$lib/server/incidents/db';
import { formComponentChanges, formIds, formWhen } from '$lib/server/incidents/forms';
import { declareIncident, scheduleMaintenance } from '$lib/server/incidents/service';
import { organisationTimeZone } from '$lib/server/settings/time-zone';
import { STAFF_ROLES } from '$lib/types/user';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, ...STAFF_ROLES);
	const { db } = await app();
	const [components, templates] = await Promise.all([
		incidents.listComponents(db.sql),
		incidents.listTemplates(db.sql)
	]);
	return {
		kind: event.url.searchParams.get('kind') === 'maintenance' ? 'maintenance' : 'incident',
		components: components.map((c) => ({
			id: c.id,
			name: c.name,
			isGroup: c.isGroup,
			groupId: c.groupId,
			status: c.status
		})),
		templates: templates.filter((t) => t.purpose !== 'ticket_reply'),
		/** A template chosen without JavaScript (`?template=`), to fill the form. */
		template: templates.find((t) => t.id === Number(event.url.searchParams.get('template'))) ?? null
	};
};

/** Run a declaration; on success go to the new incident's page. */
async function create(
	form: FormData,
	kind: 'incident' | 'maintenance',
	run: () => Promise<number>
) {
	const result = await formAction(run, { extra: { kind, values: formValues(form) } });
	if (isRefusal(result)) return result;
	redirect(303, `/desk/incidents/${result}`);
}

export const actions: Actions = {
	declare: async (event) => {
		const me = requireRole(event, ...STAFF_ROLES);
		const form = await event.request.formData();
		const { db } = await app();
		const zone = await organisationTimeZone(db.sql);
		return create(form, 'incident', async () => {
			const incident = await declareIncident(db, me, {
				title: formText(form, 'title'),
				impact: (formText(form, 'impact') || undefined) as never,
				status: (formText(form, 'status') || undefined) as never,
				components: formComponentChanges(form),
				bodyEn: formText(form, 'bodyEn'),
				bodyDe: formText(form, 'bodyDe'),
				nextUpdateAt: formWhen(form, 'nextUpdateAt', zone) ?? null
			});
			return incident.id;
		});
	},

	schedule: async (event) => {
		const me = requireRole(event, ...STAFF_ROLES);
		const form = await event.request.formData();
		const { db } = await app();
		const zone = await organisationTimeZone(db.sql);
		return create(form, 'maintenance', async () => {
			const incident = await scheduleMaintenance(db, me, {
				title: formText(form, 'title'),
				scheduledFor: formWhen(form, 'scheduledFor', zone) as Date,
				scheduledUntil: formWhen(form, 'scheduledUntil', zone) as Date,
				components: formIds(form, 'componentIds'),
				autoTransition: formFlag(form, 'autoTransition'),
				bodyEn: formText(form, 'bodyEn'),
				bodyDe: formText(form, 'bodyDe')
			});
			return incident.id;
		});
	}
};
