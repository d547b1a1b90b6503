import { app } from '$lib/server/app';
import { hasRole, isStaff, requireRole } from '$lib/server/auth/guard';
import { adminAction } from '$lib/server/admin/actions';
import { formFlag, formList, formValues } from '$lib/server/forms';
import * as admin from '$lib/server/admin/db';
import * as service from '$lib/server/admin/service';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const { db } = await app();
	const [groups, users, categories] = await Promise.all([
		admin.listGroups(db.sql),
		admin.listUsers(db.sql),
		admin.listCategories(db.sql)
	]);
	const staff = users.filter((u) => u.active && isStaff(u));
	return {
		groups: groups.map((g) => ({
			...g,
			categories: categories.filter((c) => c.groupId === g.id).map((c) => c.key)
		})),
		staff: staff.map((u) => ({ id: u.id, name: u.name, role: u.role })),
		leads: staff.filter((u) => hasRole(u, ['lead'])).map((u) => ({ id: u.id, name: u.name })),
		names: Object.fromEntries(users.map((u) => [u.id, u.name]))
	};
};

export const actions: Actions = {
	save: async (event) => {
		const actor = requireRole(event, 'admin');
		const form = await event.request.formData();
		const values = formValues(form);
		const memberIds = formList(form, 'memberIds');
		const formId = values.id ? `group:${values.id}` : 'create';
		return adminAction(formId, { ...values, memberIds }, async () => {
			await service.saveGroup((await app()).db, actor, {
				id: values.id,
				name: values.name,
				level: values.level,
				area: values.area,
				autoAssign: formFlag(form, 'autoAssign'),
				capacity: values.capacity,
				leadId: values.leadId,
				memberIds
			});
			return values.id ? m.admin_saved() : m.admin_group_created({ name: values.name ?? '' });
		});
	}
};
