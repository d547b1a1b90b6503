import { json } from '@sveltejs/kit';
import * as api from '$lib/server/api/incidents';
import { apiRoute, methodNotAllowed, readBody } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { incidentIdParam } from '$lib/server/incidents/forms';
import { editIncident } from '$lib/server/incidents/service';
import { STAFF_ROLES } from '$lib/types/user';
import type { RequestHandler } from './$types';

/** One incident with its timeline and internal notes (staff). */
export const GET: RequestHandler = apiRoute(async (event) => {
	requireRole(event, ...STAFF_ROLES);
	const id = incidentIdParam(event.params.incident);
	const { db } = await app();
	return json(await api.incidentOr404(db.sql, id));
});

/** Change title, impact, components or the maintenance window; `version` guards the write. */
export const PATCH: RequestHandler = apiRoute(async (event) => {
	const user = requireRole(event, ...STAFF_ROLES);
	const id = incidentIdParam(event.params.incident);
	const body = await readBody(event.request, api.incidentRequestBodies.IncidentChanges);
	const { db } = await app();
	return api.withCurrentIncident(db.sql, id, async () => {
		await editIncident(db, user, id, body);
		return json(await api.incidentOr404(db.sql, id));
	});
});

export const fallback: RequestHandler = methodNotAllowed('GET', 'PATCH');
