import { json } from '@sveltejs/kit';
import * as api from '$lib/server/api/incidents';
import { apiRoute, methodNotAllowed, readBody } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { createComponent } from '$lib/server/incidents/components';
import * as incidents from '$lib/server/incidents/db';
import { STAFF_ROLES } from '$lib/types/user';
import type { RequestHandler } from './$types';

/** Every component and group, groups' children after their group (staff). */
export const GET: RequestHandler = apiRoute(async (event) => {
	requireRole(event, ...STAFF_ROLES);
	const { db } = await app();
	return json({ data: await incidents.listComponents(db.sql) });
});

/** Create a component or a group (admins). */
export const POST: RequestHandler = apiRoute(async (event) => {
	const user = requireRole(event, 'admin');
	const body = await readBody(event.request, api.incidentRequestBodies.NewComponent);
	const { db } = await app();
	const component = await createComponent(db, user, body);
	return json(component, {
		status: 201,
		headers: { location: `/api/components/${component.id}` }
	});
});

export const fallback: RequestHandler = methodNotAllowed('GET', 'POST');
