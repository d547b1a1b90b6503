import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { adminAction } from '$lib/server/admin/actions';
import { formFlag, formId, formList, formValues } from '$lib/server/forms';
import * as admin from '$lib/server/admin/db';
import * as service from '$lib/server/admin/service';
import * as rules from '$lib/server/escalation/db';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const { db } = await app();
	const [ruleList, groups] = await Promise.all([rules.listRules(db.sql), admin.listGroups(db.sql)]);
	return {
		rules: ruleList,
		groups: groups.map((g) => ({ id: g.id, name: g.name, level: g.level }))
	};
};

export const actions: Actions = {
	save: async (event) => {
		const actor = requireRole(event, 'admin');
		const form = await event.request.formData();
		const values = formValues(form);
		const priorities = formList(form, 'priorities');
		const groupIds = formList(form, 'groupIds');
		const id = values.id ?? '';
		return adminAction(
			id ? `rule:${id}` : 'create',
			{ ...values, priorities, groupIds },
			async () => {
				await service.saveEscalationRule((await app()).db, actor, {
					id,
					name: values.name ?? '',
					trigger: values.trigger ?? '',
					metric: values.metric ?? '',
					priorities,
					groupIds,
					escalate: formFlag(form, 'escalate'),
					notifyLead: formFlag(form, 'notifyLead'),
					active: formFlag(form, 'active')
				});
				return id ? m.admin_saved() : m.admin_rule_created();
			}
		);
	},
	delete: async (event) => {
		const actor = requireRole(event, 'admin');
		const form = await event.request.formData();
		const id = formId(form);
		return adminAction('delete', {}, async () => {
			await service.deleteEscalationRule((await app()).db, actor, id);
			return m.admin_rule_deleted();
		});
	}
};
