import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { adminAction } from '$lib/server/admin/actions';
import { formId, formList, formValues } from '$lib/server/forms';
import { listComponents } from '$lib/server/incidents/db';
import * as subscriptions from '$lib/server/subscriptions/service';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireRole(event, 'admin');
	const { db } = await app();
	const [webhooks, components, counts] = await Promise.all([
		subscriptions.listWebhooks(db, me),
		listComponents(db.sql),
		subscriptions.subscriberCounts(db.sql)
	]);
	const attempts = await Promise.all(
		webhooks.map((w) => subscriptions.webhookAttempts(db, me, w.id, 10))
	);
	return {
		webhooks: webhooks.map((w, n) => ({ ...w, attempts: attempts[n] })),
		components: components.filter((c) => !c.isGroup).map((c) => ({ id: c.id, name: c.name })),
		counts
	};
};

export const actions: Actions = {
	create: async (event) => {
		const actor = requireRole(event, 'admin');
		const form = await event.request.formData();
		const values = formValues(form);
		return adminAction('create', values, async () => {
			const { secret } = await subscriptions.createWebhook((await app()).db, actor, {
				url: values.url ?? '',
				componentIds: formList(form, 'componentIds'),
				language: values.language === 'de' ? 'de' : 'en'
			});
			return { message: m.admin_webhook_created({ url: values.url ?? '' }), token: secret };
		});
	},
	delete: async (event) => {
		const actor = requireRole(event, 'admin');
		const id = formId(await event.request.formData());
		return adminAction('delete', {}, async () => {
			await subscriptions.deleteWebhook((await app()).db, actor, id);
			return m.admin_webhook_deleted();
		});
	}
};
