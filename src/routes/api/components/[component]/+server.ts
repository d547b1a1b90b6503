import { json } from '@sveltejs/kit';
import * as api from '$lib/server/api/incidents';
import { apiRoute, methodNotAllowed, readBody } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { notFound } from '$lib/server/errors';
import { deleteComponent, updateComponent } from '$lib/server/incidents/components';
import * as incidents from '$lib/server/incidents/db';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/** Change a component or group (admins): the fields sent change, the others stay. */
export const PATCH: RequestHandler = apiRoute(async (event) => {
	const user = requireRole(event, 'admin');
	const id = api.componentIdParam(event.params.component);
	const body = await readBody(event.request, api.incidentRequestBodies.ComponentChanges);
	const { db } = await app();
	const current = await incidents.getComponent(db.sql, id);
	if (!current) throw notFound(m.incident_error_component_unknown());
	const { name, description, isGroup, groupId, position, onlyShowIfDegraded, showcase } = current;
	return json(
		await updateComponent(db, user, id, {
			...{ name, description, isGroup, groupId, position, onlyShowIfDegraded, showcase },
			...body
		})
	);
});

/** Delete a component, or an empty group (admins). */
export const DELETE: RequestHandler = apiRoute(async (event) => {
	const user = requireRole(event, 'admin');
	const id = api.componentIdParam(event.params.component);
	const { db } = await app();
	await deleteComponent(db, user, id);
	return new Response(null, { status: 204 });
});

export const fallback: RequestHandler = methodNotAllowed('PATCH', 'DELETE');
