import { json } from '@sveltejs/kit';
import * as api from '$lib/server/api/incidents';
import { apiRoute, methodNotAllowed, readJson } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { parseInput } from '$lib/server/errors';
import { declareIncident, listForDesk, scheduleMaintenance } from '$lib/server/incidents/service';
import { STAFF_ROLES } from '$lib/types/user';
import type { RequestHandler } from './$types';

/** Incidents and maintenance, open ones first (staff). */
export const GET: RequestHandler = apiRoute(async (event) => {
	const user = requireRole(event, ...STAFF_ROLES);
	const query = api.parseIncidentListQuery(event.url);
	const { db } = await app();
	return json({ data: await listForDesk(db, user, query) });
});

/** Declare an incident, or (`kind: "maintenance"`) schedule maintenance. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireRole(event, ...STAFF_ROLES);
	const raw = await readJson(event.request);
	const { db } = await app();
	const incident =
		raw.kind === 'maintenance'
			? await scheduleMaintenance(
					db,
					user,
					parseInput(api.incidentRequestBodies.NewMaintenance, raw)
				)
			: await declareIncident(db, user, parseInput(api.incidentRequestBodies.NewIncident, raw));
	return json(await api.incidentOr404(db.sql, incident.id), {
		status: 201,
		headers: { location: `/api/incidents/${incident.id}` }
	});
});

export const fallback: RequestHandler = methodNotAllowed('GET', 'POST');
