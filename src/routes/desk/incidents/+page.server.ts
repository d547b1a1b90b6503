import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { listForDesk } from '$lib/server/incidents/service';
import { canManageTemplates } from '$lib/server/incidents/service';
import { isFinished } from '$lib/types/incident';
import { STAFF_ROLES } from '$lib/types/user';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireRole(event, ...STAFF_ROLES);
	const { db } = await app();
	const all = await listForDesk(db, me, { limit: 100 });
	const open = all.filter((i) => !isFinished(i.status));
	return {
		active: open.filter((i) => i.kind === 'incident'),
		// Running maintenance first, then the next one to start.
		maintenance: open
			.filter((i) => i.kind === 'maintenance')
			.sort(
				(a, b) =>
					Number(b.status !== 'scheduled') - Number(a.status !== 'scheduled') ||
					(a.scheduledFor ?? '').localeCompare(b.scheduledFor ?? '')
			),
		history: all.filter((i) => isFinished(i.status)),
		canManageTemplates: canManageTemplates(me)
	};
};
