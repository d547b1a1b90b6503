import { json } from '@sveltejs/kit';
import * as api from '$lib/server/api/incidents';
import { apiRoute, methodNotAllowed, readBody } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { incidentIdParam } from '$lib/server/incidents/forms';
import { postUpdate } from '$lib/server/incidents/service';
import { STAFF_ROLES } from '$lib/types/user';
import type { RequestHandler } from './$types';

/** Post a public update: status, message, component changes; resolving can answer linked tickets. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireRole(event, ...STAFF_ROLES);
	const id = incidentIdParam(event.params.incident);
	const body = await readBody(event.request, api.incidentRequestBodies.NewIncidentUpdate);
	const { db } = await app();
	return api.withCurrentIncident(db.sql, id, async () => {
		await postUpdate(db, user, id, body);
		return json(await api.incidentOr404(db.sql, id), { status: 201 });
	});
});

export const fallback: RequestHandler = methodNotAllowed('POST');
