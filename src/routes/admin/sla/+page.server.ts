import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { adminAction } from '$lib/server/admin/actions';
import { formValues } from '$lib/server/forms';
import { formatDuration, workingDayMinutes } from '$lib/server/admin/parse';
import * as service from '$lib/server/admin/service';
import * as sla from '$lib/server/sla/db';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const { db } = await app();
	const [policies, calendars] = await Promise.all([
		sla.listPolicies(db.sql),
		sla.listCalendars(db.sql)
	]);
	const dayOf = new Map(calendars.map((c) => [c.id, workingDayMinutes(c.calendar)]));
	const policy = policies.find((p) => p.isDefault) ?? policies[0] ?? null;
	return {
		calendars: calendars.map((c) => ({
			id: c.id,
			name: c.name,
			dayHours: Math.round(((dayOf.get(c.id) ?? 1440) / 60) * 10) / 10
		})),
		policy: policy && {
			id: policy.id,
			name: policy.name,
			warnPercent: Math.round(policy.warnRatio * 100),
			targets: policy.targets.map((t) => {
				const day = dayOf.get(t.calendarId) ?? 1440;
				return {
					priority: t.priority,
					calendarId: t.calendarId,
					firstResponse: formatDuration(t.firstResponseMinutes, day),
					firstResponseMinutes: t.firstResponseMinutes,
					resolution: formatDuration(t.resolutionMinutes, day),
					resolutionMinutes: t.resolutionMinutes
				};
			})
		}
	};
};

export const actions: Actions = {
	save: async (event) => {
		const actor = requireRole(event, 'admin');
		const form = await event.request.formData();
		const values = formValues(form);
		return adminAction('policy', values, async () => {
			await service.updateSlaPolicy((await app()).db, actor, {
				policyId: values.policyId,
				warnPercent: values.warnPercent,
				targets: ([1, 2, 3, 4] as const).map((priority) => ({
					priority,
					firstResponse: values[`firstResponse.${priority}`] ?? '',
					resolution: values[`resolution.${priority}`] ?? '',
					calendarId: values[`calendar.${priority}`] ?? ''
				}))
			});
			return m.admin_saved();
		});
	}
};
