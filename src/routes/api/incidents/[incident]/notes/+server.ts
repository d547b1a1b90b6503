import { json } from '@sveltejs/kit';
import * as api from '$lib/server/api/incidents';
import { apiRoute, methodNotAllowed, readBody } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { incidentIdParam } from '$lib/server/incidents/forms';
import { addNote } from '$lib/server/incidents/service';
import { STAFF_ROLES } from '$lib/types/user';
import type { RequestHandler } from './$types';

/** An internal note for the incident team; never public. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireRole(event, ...STAFF_ROLES);
	const id = incidentIdParam(event.params.incident);
	const body = await readBody(event.request, api.incidentRequestBodies.NewIncidentNote);
	const { db } = await app();
	return json(await addNote(db, user, id, body), { status: 201 });
});

export const fallback: RequestHandler = methodNotAllowed('POST');
