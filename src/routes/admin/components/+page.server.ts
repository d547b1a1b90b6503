import { app } from '$lib/server/app';
import { adminAction } from '$lib/server/admin/actions';
import { requireRole } from '$lib/server/auth/guard';
import { formFlag, formId, formText, formValues } from '$lib/server/forms';
import {
	createComponent,
	deleteComponent,
	updateComponent
} from '$lib/server/incidents/components';
import * as incidents from '$lib/server/incidents/db';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const { db } = await app();
	return { components: await incidents.listComponents(db.sql) };
};

/** A whole number field as typed: a number, or the text for the service to refuse. */
function position(form: FormData): number {
	const raw = formText(form, 'position').trim();
	if (raw === '') return 0;
	return /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
}

export const actions: Actions = {
	save: async (event) => {
		const me = requireRole(event, 'admin');
		const form = await event.request.formData();
		const values = formValues(form);
		const id = values.id ? formId(form) : null;
		return adminAction(id ? `component:${values.id}` : 'create', values, async () => {
			const groupRaw = formText(form, 'groupId');
			const input = {
				name: formText(form, 'name'),
				description: formText(form, 'description').trim(),
				isGroup: formText(form, 'kind') === 'group',
				groupId: groupRaw === '' ? null : /^\d{1,10}$/.test(groupRaw) ? Number(groupRaw) : NaN,
				position: position(form),
				onlyShowIfDegraded: formFlag(form, 'onlyShowIfDegraded'),
				showcase: formFlag(form, 'showcase')
			};
			const { db } = await app();
			if (id) await updateComponent(db, me, id, input);
			else await createComponent(db, me, input);
			return id ? m.admin_saved() : m.incident_component_created({ name: input.name });
		});
	},

	delete: async (event) => {
		const me = requireRole(event, 'admin');
		const form = await event.request.formData();
		const values = formValues(form);
		return adminAction(`component:${values.id ?? ''}`, values, async () => {
			await deleteComponent((await app()).db, me, formId(form));
			return m.incident_component_deleted();
		});
	}
};
