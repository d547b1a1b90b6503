import { json } from '@sveltejs/kit';
import { incidentRequestBodies } from '$lib/server/api/incidents';
import { apiRoute, methodNotAllowed, readBody } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guard';
import { incidentIdParam } from '$lib/server/incidents/forms';
import { reportAffected } from '$lib/server/incidents/service';
import type { RequestHandler } from './$types';

/** The caller is affected too: counted once, and told of every update. The body is `{}`. */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireUser(event);
	const id = incidentIdParam(event.params.incident);
	await readBody(event.request, incidentRequestBodies.AffectedReport);
	const { db } = await app();
	return json(await reportAffected(db, user, id));
});

export const fallback: RequestHandler = methodNotAllowed('POST');
