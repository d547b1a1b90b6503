import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { adminAction } from '$lib/server/admin/actions';
import { formValues } from '$lib/server/forms';
import * as service from '$lib/server/admin/service';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	return { settings: await service.readSettings((await app()).db) };
};

export const actions: Actions = {
	save: async (event) => {
		const actor = requireRole(event, 'admin');
		const values = formValues(await event.request.formData());
		return adminAction('settings', values, async () => {
			await service.updateSettings((await app()).db, actor, {
				reopenDays: values.reopenDays ?? '',
				autoCloseDays: values.autoCloseDays ?? ''
			});
			return m.admin_saved();
		});
	}
};
