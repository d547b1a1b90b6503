import { adminAction, formId, formList, formValues } from '$lib/server/admin/actions';
import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import * as dashboard from '$lib/server/dashboard/db';
import * as walls from '$lib/server/walls/db';
import { organisationTimeZone } from '$lib/server/settings/time-zone';
import * as service from '$lib/server/walls/service';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, ...service.WALL_MANAGERS);
	const { db } = await app();
	const [list, groups, tokens, timeZone] = await Promise.all([
		walls.listWalls(db.sql),
		dashboard.groupChoices(db.sql),
		walls.listWallTokens(db.sql),
		organisationTimeZone(db.sql)
	]);
	return { walls: list, groups, tokens, timeZone };
};

export const actions: Actions = {
	create: async (event) => {
		const actor = requireRole(event, ...service.WALL_MANAGERS);
		const form = await event.request.formData();
		const fields = formValues(form, ['groupIds']);
		const groupIds = formList(form, 'groupIds');
		return adminAction('create', { ...fields, groupIds }, async () => {
			const wall = await service.createWall((await app()).db, actor, {
				name: fields.name ?? '',
				groupIds
			});
			return m.wall_manage_created({ name: wall.name });
		});
	},
	save: async (event) => {
		const actor = requireRole(event, ...service.WALL_MANAGERS);
		const form = await event.request.formData();
		const id = formId(form);
		const fields = formValues(form, ['groupIds']);
		const groupIds = formList(form, 'groupIds');
		return adminAction(`save:${id}`, { ...fields, groupIds }, async () => {
			const wall = await service.updateWall((await app()).db, actor, id, {
				name: fields.name ?? '',
				groupIds
			});
			return m.wall_manage_saved({ name: wall.name });
		});
	},
	delete: async (event) => {
		const actor = requireRole(event, ...service.WALL_MANAGERS);
		const id = formId(await event.request.formData());
		return adminAction('delete', {}, async () => {
			await service.deleteWall((await app()).db, actor, id);
			return m.wall_manage_deleted();
		});
	},
	token: async (event) => {
		const actor = requireRole(event, ...service.WALL_MANAGERS);
		const values = formValues(await event.request.formData());
		return adminAction('token', values, async () => {
			const { token } = await service.createWallToken((await app()).db, actor, {
				wallId: values.wallId ?? '',
				name: values.name ?? ''
			});
			return { message: m.wall_manage_token_created({ name: (values.name ?? '').trim() }), token };
		});
	},
	revoke: async (event) => {
		const actor = requireRole(event, ...service.WALL_MANAGERS);
		const id = formId(await event.request.formData());
		return adminAction('revoke', {}, async () => {
			await service.revokeWallToken((await app()).db, actor, id);
			return m.wall_manage_token_revoked();
		});
	}
};
