import { error } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guard';
import { formAction } from '$lib/server/forms';
import * as incidents from '$lib/server/incidents/db';
import { incidentIdParam } from '$lib/server/incidents/forms';
import { reportAffected } from '$lib/server/incidents/service';
import { m } from '$lib/paraglide/messages';
import { isFinished } from '$lib/types/incident';
import type { Actions, PageServerLoad } from './$types';

/** The incident as the public may see it: only incidents, not maintenance nor unknown ids. */
async function publicIncident(id: number) {
	const { db } = await app();
	const incident = await incidents.getIncidentSummary(db.sql, id);
	if (!incident || incident.kind !== 'incident') {
		error(404, { code: 'not_found', message: m.incident_error_not_found() });
	}
	return incident;
}

export const load: PageServerLoad = async (event) => {
	const me = requireUser(event);
	const id = incidentIdParam(event.params.incident);
	const incident = await publicIncident(id);
	const { db } = await app();
	return {
		incident: {
			id: incident.id,
			title: incident.title,
			status: incident.status,
			active: !isFinished(incident.status),
			affectedUsers: incident.affectedUsers
		},
		affected: await incidents.userIsAffected(db.sql, id, me.id)
	};
};

export const actions: Actions = {
	/** "I am affected too": counted once, told of every update; no ticket is filed. */
	default: async (event) => {
		const me = requireUser(event);
		const id = incidentIdParam(event.params.incident);
		await publicIncident(id);
		const { db } = await app();
		return formAction(async () => ({ done: true as const, ...(await reportAffected(db, me, id)) }));
	}
};
