import { app } from '$lib/server/app';
import { adminAction } from '$lib/server/admin/actions';
import { requireRole } from '$lib/server/auth/guard';
import { formId, formText, formValues } from '$lib/server/forms';
import { deleteTemplate, saveTemplate } from '$lib/server/incidents/components';
import * as incidents from '$lib/server/incidents/db';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

/** Shared wording for incident updates: leads and admins keep it. */
const MANAGERS = ['lead', 'admin'] as const;

export const load: PageServerLoad = async (event) => {
	requireRole(event, ...MANAGERS);
	const { db } = await app();
	return { templates: await incidents.listTemplates(db.sql) };
};

export const actions: Actions = {
	save: async (event) => {
		const me = requireRole(event, ...MANAGERS);
		const form = await event.request.formData();
		const values = formValues(form);
		const id = values.id ? formId(form) : null;
		return adminAction(id ? `template:${values.id}` : 'create', values, async () => {
			const status = formText(form, 'status');
			await saveTemplate((await app()).db, me, id, {
				name: formText(form, 'name'),
				purpose: formText(form, 'purpose') as never,
				status: status === '' ? null : (status as never),
				title: formText(form, 'title'),
				bodyEn: formText(form, 'bodyEn'),
				bodyDe: formText(form, 'bodyDe')
			});
			return id ? m.admin_saved() : m.incident_template_created({ name: values.name ?? '' });
		});
	},

	delete: async (event) => {
		const me = requireRole(event, ...MANAGERS);
		const form = await event.request.formData();
		const values = formValues(form);
		return adminAction(`template:${values.id ?? ''}`, values, async () => {
			await deleteTemplate((await app()).db, me, formId(form));
			return m.incident_template_deleted();
		});
	}
};
