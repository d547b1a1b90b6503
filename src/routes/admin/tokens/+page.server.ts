import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { adminAction } from '$lib/server/admin/actions';
import { formId, formValues } from '$lib/server/forms';
import * as admin from '$lib/server/admin/db';
import * as service from '$lib/server/admin/service';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireRole(event, 'admin');
	const { db } = await app();
	const [tokens, users] = await Promise.all([admin.listTokens(db.sql), admin.listUsers(db.sql)]);
	return {
		meId: me.id,
		tokens,
		users: users.filter((u) => u.active).map((u) => ({ id: u.id, name: u.name, email: u.email }))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const actor = requireRole(event, 'admin');
		const values = formValues(await event.request.formData());
		return adminAction('create', values, async () => {
			const { token, info } = await service.createToken((await app()).db, actor, {
				userId: values.userId ?? '',
				name: values.name ?? ''
			});
			return { message: m.admin_token_created({ name: info.name }), token };
		});
	},
	revoke: async (event) => {
		const actor = requireRole(event, 'admin');
		const id = formId(await event.request.formData());
		return adminAction('revoke', {}, async () => {
			await service.revokeToken((await app()).db, actor, id);
			return m.admin_token_revoked();
		});
	}
};
