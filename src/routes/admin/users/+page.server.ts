import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { adminAction } from '$lib/server/admin/actions';
import { formFlag, formId, formList, formValues } from '$lib/server/forms';
import * as admin from '$lib/server/admin/db';
import * as service from '$lib/server/admin/service';
import { m } from '$lib/paraglide/messages';
import { ROLES } from '$lib/types/user';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireRole(event, 'admin');
	const { db } = await app();
	const [all, groups] = await Promise.all([admin.listUsers(db.sql), admin.listGroups(db.sql)]);
	const q = (event.url.searchParams.get('q') ?? '').trim().toLowerCase();
	const role = ROLES.find((r) => r === event.url.searchParams.get('role')) ?? '';
	const users = all.filter(
		(u) =>
			(!role || u.role === role) &&
			(!q || u.name.toLowerCase().includes(q) || u.email.toLowerCase().includes(q))
	);
	return {
		meId: me.id,
		filter: { q, role },
		total: all.length,
		users: users.map((u) => ({
			id: u.id,
			name: u.name,
			email: u.email,
			role: u.role,
			active: u.active,
			groupIds: u.groupIds
		})),
		groups: groups.map((g) => ({ id: g.id, name: g.name, level: g.level }))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const actor = requireRole(event, 'admin');
		const form = await event.request.formData();
		const values = formValues(form, ['password']);
		const groupIds = formList(form, 'groupIds');
		return adminAction('create', { ...values, groupIds }, async () => {
			const user = await service.createUser((await app()).db, actor, {
				name: values.name ?? '',
				email: values.email ?? '',
				role: values.role ?? '',
				password: String(form.get('password') ?? ''),
				groupIds
			});
			return m.admin_user_created({ email: user.email });
		});
	},
	role: async (event) => {
		const actor = requireRole(event, 'admin');
		const form = await event.request.formData();
		const userId = formId(form);
		return adminAction(`role:${userId}`, formValues(form), async () => {
			await service.changeUserRole((await app()).db, actor, userId, String(form.get('role')));
			return m.admin_saved();
		});
	},
	active: async (event) => {
		const actor = requireRole(event, 'admin');
		const form = await event.request.formData();
		const userId = formId(form);
		const active = formFlag(form, 'active');
		return adminAction(`active:${userId}`, formValues(form), async () => {
			await service.setUserActive((await app()).db, actor, userId, active);
			return active ? m.admin_user_activated() : m.admin_user_deactivated();
		});
	},
	groups: async (event) => {
		const actor = requireRole(event, 'admin');
		const form = await event.request.formData();
		const userId = formId(form);
		const groupIds = formList(form, 'groupIds');
		return adminAction(`groups:${userId}`, { groupIds }, async () => {
			await service.setUserGroups((await app()).db, actor, userId, groupIds);
			return m.admin_saved();
		});
	}
};
