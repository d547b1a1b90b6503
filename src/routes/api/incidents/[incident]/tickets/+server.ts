import { json, type RequestEvent } from '@sveltejs/kit';
import * as api from '$lib/server/api/incidents';
import { apiRoute, methodNotAllowed, readBody } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { incidentIdParam } from '$lib/server/incidents/forms';
import { linkTickets } from '$lib/server/incidents/service';
import { STAFF_ROLES } from '$lib/types/user';
import type { RequestHandler } from './$types';

/** Link (POST) or unlink (DELETE) tickets by number, all or none. */
const links = (unlink: boolean) =>
	apiRoute(async (event: RequestEvent<{ incident: string }>) => {
		const user = requireRole(event, ...STAFF_ROLES);
		const id = incidentIdParam(event.params.incident);
		const body = await readBody(event.request, api.incidentRequestBodies.TicketLinks);
		const { db } = await app();
		return json(await linkTickets(db, user, id, { numbers: body.numbers, unlink }));
	});

export const POST: RequestHandler = links(false);
export const DELETE: RequestHandler = links(true);

export const fallback: RequestHandler = methodNotAllowed('POST', 'DELETE');
