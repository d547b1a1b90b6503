import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { loadQueue, PAGE_SIZE, parseQueueQuery } from '$lib/server/desk/queue';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { STAFF_ROLES } from '$lib/types/user';
import { DomainError } from '$lib/server/errors';
import { formAction, formText } from '$lib/server/forms';
import { formIds } from '$lib/server/incidents/forms';
import { activeIncidents, linkTickets } from '$lib/server/incidents/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireRole(event, ...STAFF_ROLES);
	const { db } = await app();
	const query = parseQueueQuery(event.url.searchParams, me);
	const [queue, incidents] = await Promise.all([
		loadQueue(db, me, query, getLocale()),
		activeIncidents(db.sql)
	]);
	return { me, pageSize: PAGE_SIZE, ...queue, incidents };
};

export const actions: Actions = {
	/** Link the tickets selected in the queue to an incident, all or none. */
	linkIncident: async (event) => {
		const me = requireRole(event, ...STAFF_ROLES);
		const form = await event.request.formData();
		const { db } = await app();
		const raw = formText(form, 'incidentId');
		const incidentId = /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
		return formAction(
			async () => {
				if (incidentId === 0) {
					const message = m.incident_error_choose();
					throw new DomainError(400, 'invalid', message, { incidentId: message });
				}
				const result = await linkTickets(db, me, incidentId, { numbers: formIds(form, 'numbers') });
				return { linked: result.changed.length, incidentId };
			},
			{ extra: { incidentId: raw } }
		);
	}
};
