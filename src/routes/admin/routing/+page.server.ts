import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { adminAction } from '$lib/server/admin/actions';
import { formFlag, formValues } from '$lib/server/forms';
import * as admin from '$lib/server/admin/db';
import * as service from '$lib/server/admin/service';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const { db } = await app();
	const [categories, groups] = await Promise.all([
		admin.listCategories(db.sql),
		admin.listGroups(db.sql)
	]);
	return {
		categories,
		groups: groups.map((g) => ({ id: g.id, name: g.name, level: g.level }))
	};
};

export const actions: Actions = {
	save: async (event) => {
		const actor = requireRole(event, 'admin');
		const form = await event.request.formData();
		const values = formValues(form);
		return adminAction(values.id ? `category:${values.id}` : 'create', values, async () => {
			await service.saveCategory((await app()).db, actor, {
				id: values.id,
				key: values.key,
				nameEn: values.nameEn,
				nameDe: values.nameDe,
				groupId: values.groupId,
				level2GroupId: values.level2GroupId,
				level3GroupId: values.level3GroupId,
				active: formFlag(form, 'active'),
				sortOrder: values.sortOrder
			});
			return values.id ? m.admin_saved() : m.admin_category_created({ key: values.key ?? '' });
		});
	}
};
