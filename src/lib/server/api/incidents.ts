// Incident and component API plumbing shared by /api/incidents and /api/components: the request
// bodies (the services' own schemas, strict, with ISO-8601 strings for times), the list query, and
// the "409 carries the current incident" rule. No business rules: those live in the services.
import { json } from '@sveltejs/kit';
import { z } from 'zod';
import type { Queryable } from '../db/client';
import { DomainError, notFound, parseInput } from '../errors';
import { componentSchema } from '../incidents/components';
import {
	declareSchema,
	editSchema,
	getIncident,
	linkSchema,
	maintenanceSchema,
	noteSchema,
	updateSchema
} from '../incidents/service';
import * as incidents from '../incidents/db';
import { errorBody } from './respond';
import { m } from '$lib/paraglide/messages';

/** Times in API bodies: ISO-8601 with an offset (`2026-12-01T08:00:00Z`). */
const isoTime = (description: string) =>
	z.iso.datetime({ offset: true, error: 'Use an ISO-8601 date-time with an offset.' }).meta({
		description
	});

const nextUpdateAt = isoTime('When the next update is due (shown on the status page).').nullable();

/**
 * What each write endpoint accepts: the service's own schema, strict (unknown fields are refused),
 * with times as ISO strings. The endpoints validate with these, the services validate again, and
 * the OpenAPI document is generated from them.
 */
export const incidentRequestBodies = {
	NewIncident: declareSchema
		.extend({
			kind: z.literal('incident').optional().meta({ description: 'Default: incident.' }),
			nextUpdateAt: nextUpdateAt.optional()
		})
		.strict(),
	NewMaintenance: maintenanceSchema
		.extend({
			kind: z.literal('maintenance'),
			scheduledFor: isoTime('Start of the window.'),
			scheduledUntil: isoTime('End of the window.'),
			nextUpdateAt: nextUpdateAt.optional()
		})
		.strict(),
	IncidentChanges: editSchema
		.extend({
			scheduledFor: isoTime('Maintenance only: new start.').optional(),
			scheduledUntil: isoTime('Maintenance only: new end.').optional()
		})
		.strict(),
	NewIncidentUpdate: updateSchema.extend({ nextUpdateAt: nextUpdateAt.optional() }).strict(),
	NewIncidentNote: noteSchema.strict(),
	TicketLinks: linkSchema.omit({ unlink: true }).strict(),
	/** "I am affected too" says nothing more: an empty object. */
	AffectedReport: z.strictObject({}),
	NewComponent: componentSchema.strict(),
	/** Only the fields sent change; a component cannot become a group or stop being one. */
	ComponentChanges: z
		.object({
			name: componentSchema.shape.name,
			description: componentSchema.shape.description.unwrap(),
			groupId: componentSchema.shape.groupId.unwrap(),
			position: componentSchema.shape.position.unwrap(),
			onlyShowIfDegraded: componentSchema.shape.onlyShowIfDegraded.unwrap(),
			showcase: componentSchema.shape.showcase.unwrap()
		})
		.partial()
		.strict()
};

/** `GET /api/incidents` query parameters; the OpenAPI document is generated from them. */
export const incidentListQuerySchema = z
	.strictObject({
		state: z
			.enum(['open', 'all'], { error: 'Use open or all.' })
			.meta({ description: '`open` (default): not resolved or completed; `all`: history too.' }),
		kind: z
			.enum(['incident', 'maintenance'], { error: 'Use incident or maintenance.' })
			.meta({ description: 'Only incidents or only maintenance.' }),
		limit: z
			.string()
			.regex(/^\d{1,3}$/, 'Limit must be between 1 and 200.')
			.meta({ description: 'How many, 1–200 (default 50).' })
			.transform(Number)
			.pipe(
				z
					.number()
					.int()
					.min(1, 'Limit must be between 1 and 200.')
					.max(200, 'Limit must be between 1 and 200.')
			)
	})
	.partial();

export function parseIncidentListQuery(url: URL) {
	const raw: Record<string, string> = {};
	for (const key of new Set(url.searchParams.keys())) {
		raw[key] = url.searchParams.getAll(key).join(',');
	}
	const q = parseInput(incidentListQuerySchema, raw);
	return { open: q.state !== 'all', kind: q.kind, limit: q.limit ?? 50 };
}

/** The incident as the API shows it: with its internal notes (staff only reach this). */
export async function incidentOr404(sql: Queryable, id: number) {
	const incident = await getIncident(sql, id);
	if (!incident) throw notFound(m.incident_error_not_found());
	const notes = await incidents.listNotes(sql, id);
	return { ...incident, notes };
}

/**
 * Run a versioned write; a stale version answers 409 with the incident as it is now, so the
 * client can show what changed instead of overwriting it.
 */
export async function withCurrentIncident(
	sql: Queryable,
	id: number,
	write: () => Promise<Response>
): Promise<Response> {
	try {
		return await write();
	} catch (e) {
		if (!(e instanceof DomainError) || e.status !== 409) throw e;
		const current = await incidentOr404(sql, id).catch(() => null);
		return json(
			{ ...errorBody(e.code, e.message), current },
			{ status: 409, headers: { 'cache-control': 'no-store' } }
		);
	}
}

/** The `{id}` of /api/components/{id}: anything but a plain positive integer is no component. */
export function componentIdParam(raw: string | undefined): number {
	if (raw && /^[1-9]\d{0,9}$/.test(raw) && Number(raw) <= 2_147_483_647) return Number(raw);
	throw notFound(m.incident_error_component_unknown());
}
