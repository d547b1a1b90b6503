// What incident managers do: declare incidents and schedule maintenance, post public updates that
// move components, keep internal notes and a postmortem, link the flood of tickets, and resolve.
// Each operation is validated, runs in one transaction and appends its events: the incident's own
// (on `incident:<id>`, public ones also on `status`) and one `status.changed` with the whole public
// status, from which the status page, its JSON, its feeds and the snapshot are made. Mail and
// webhooks to subscribers are queued in the same transaction and sent by the outbox.
import { z } from 'zod';
import type { Database, TxContext } from '../db/client';
import { DomainError, forbidden, invalid as refusedFields, notFound as missing } from '../errors';
import { parseInput } from '../errors';
import { appendEvent } from '../events/writer';
import { hasRole, isStaff } from '../auth/roles';
import { log } from '../log';
import { addComment } from '../tickets/service';
import { getUserById, toSessionUser } from '../users/db';
import { dbId, MAX_DB_ID, multiLine, singleLine } from '../validation/fields';
import { loadStatus, v2Summary } from '../status/model';
import { queueStatusNotifications } from './notify';
import * as db from './db';
import { m } from '$lib/paraglide/messages';
import {
	COMPONENT_STATUSES,
	IMPACTS,
	INCIDENT_STATUSES,
	MAINTENANCE_STATUSES,
	isFinished,
	type AffectedComponent,
	type AnyIncidentStatus,
	type ComponentStatus,
	type Incident,
	type IncidentSummary,
	type IncidentUpdate
} from '$lib/types/incident';
import type { SessionUser } from '$lib/types/user';

// ───────────────────────── who ─────────────────────────

/** Incidents are worked by staff: agents, leads, admins. */
export const canWorkIncidents = (user: SessionUser | null) => isStaff(user);
/** Templates are shared wording: leads and admins keep them. */
export const canManageTemplates = (user: SessionUser | null) => hasRole(user, ['lead', 'admin']);

function assertStaff(actor: SessionUser) {
	if (!canWorkIncidents(actor)) throw forbidden(m.incident_error_forbidden());
}

const invalid = (fields: Record<string, string>) =>
	refusedFields(fields, m.incident_error_fields());
const notFound = () => missing(m.incident_error_not_found());
const conflict = (version: number, now: number) =>
	new DomainError(409, 'conflict', m.incident_error_conflict({ version, now }));
const refused = (code: string, message: string, fields?: Record<string, string>) =>
	new DomainError(422, code, message, fields);

// ───────────────────────── input ─────────────────────────

const title = singleLine(200, m.incident_field_title);
const bodyEn = multiLine(10_000, m.incident_field_body_en).optional().or(z.literal('').optional());
const bodyDe = multiLine(10_000, m.incident_field_body_de).optional().or(z.literal('').optional());
const version = dbId();
const when = z.coerce.date({ error: () => m.incident_error_date() });

/** Component status changes an update makes. */
const componentChanges = z
	.array(
		z.object({
			id: dbId(m.incident_error_component_unknown),
			status: z.enum(COMPONENT_STATUSES)
		})
	)
	.max(200)
	.default([])
	.refine((list) => new Set(list.map((c) => c.id)).size === list.length, {
		error: () => m.incident_error_component_twice()
	});

const messageFields = {
	bodyEn,
	bodyDe,
	nextUpdateAt: when.nullable().optional()
};

export const declareSchema = z.object({
	title,
	impact: z.enum(IMPACTS).default('minor'),
	status: z.enum(['investigating', 'identified', 'monitoring']).default('investigating'),
	components: componentChanges,
	...messageFields
});
export type DeclareInput = z.input<typeof declareSchema>;

export const maintenanceSchema = z.object({
	title,
	scheduledFor: when,
	scheduledUntil: when,
	components: z.array(dbId(m.incident_error_component_unknown)).max(200).default([]),
	autoTransition: z.boolean().default(true),
	...messageFields
});
export type MaintenanceInput = z.input<typeof maintenanceSchema>;

export const updateSchema = z.object({
	version,
	status: z.enum([...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES]),
	components: componentChanges,
	/** Change the impact with this update (incidents only). */
	impact: z.enum(IMPACTS).optional(),
	/** Resolving: reply to every linked open ticket with this text (from a template). */
	ticketReply: multiLine(10_000, m.incident_field_reply).optional(),
	/** Resolving: also resolve the linked tickets. */
	resolveTickets: z.boolean().default(false),
	...messageFields
});
export type UpdateInput = z.input<typeof updateSchema>;

export const editSchema = z.object({
	version,
	title: title.optional(),
	impact: z.enum(IMPACTS).optional(),
	componentIds: z.array(dbId(m.incident_error_component_unknown)).max(200).optional(),
	scheduledFor: when.optional(),
	scheduledUntil: when.optional(),
	autoTransition: z.boolean().optional()
});
export type EditInput = z.input<typeof editSchema>;

export const noteSchema = z.object({ body: multiLine(10_000, m.incident_field_note) });
export const postmortemSchema = z.object({
	version,
	body: multiLine(50_000, m.incident_field_postmortem),
	publish: z.boolean().default(false)
});
export type PostmortemInput = z.input<typeof postmortemSchema>;

export const linkSchema = z.object({
	numbers: z.array(dbId()).min(1).max(500),
	unlink: z.boolean().default(false)
});

// ───────────────────────── reading ─────────────────────────

export async function getIncident(sql: Database['sql'] | TxContext['sql'], id: number) {
	if (!Number.isInteger(id) || id < 1 || id > MAX_DB_ID) return null;
	const head = await db.getIncidentHead(sql, id);
	if (!head) return null;
	const [updates, componentIds] = await Promise.all([
		db.listUpdates(sql, [id]),
		db.incidentComponentIds(sql, id)
	]);
	return { ...head, updates, componentIds } satisfies Incident;
}

/** An incident with its internal notes, for the desk. */
export async function incidentForDesk(database: Database, actor: SessionUser, id: number) {
	assertStaff(actor);
	const incident = await getIncident(database.sql, id);
	if (!incident) throw notFound();
	const [notes, components, templates] = await Promise.all([
		db.listNotes(database.sql, id),
		db.listComponents(database.sql),
		db.listTemplates(database.sql)
	]);
	return { incident, notes, components, templates };
}

export async function listForDesk(
	database: Database,
	actor: SessionUser,
	options: { open?: boolean; limit?: number; before?: number } = {}
): Promise<IncidentSummary[]> {
	assertStaff(actor);
	return db.listIncidents(database.sql, { limit: 100, ...options });
}

/** Active incidents (not resolved), newest first: banners, the wall, "I am affected too". */
export async function activeIncidents(sql: Database['sql']): Promise<IncidentSummary[]> {
	const open = await db.listIncidents(sql, { open: true, kind: 'incident', limit: 50 });
	return open.filter((i) => !isFinished(i.status));
}

// ───────────────────────── writing ─────────────────────────

interface Op {
	tx: TxContext;
	actor: SessionUser | null;
	at: Date;
}

/**
 * Set component statuses for `incidentId`; returns what changed. A component the incident no
 * longer holds down (status back to operational) is left to other open incidents' say.
 */
async function applyComponentChanges(
	op: Op,
	incidentId: number,
	changes: Array<{ id: number; status: ComponentStatus }>
): Promise<AffectedComponent[]> {
	if (changes.length === 0) return [];
	const locked = await db.lockComponents(
		op.tx.sql,
		changes.map((c) => c.id)
	);
	const byId = new Map(locked.map((c) => [c.id, c]));
	const affected: AffectedComponent[] = [];
	for (const change of changes) {
		const current = byId.get(change.id);
		if (!current) throw invalid({ components: m.incident_error_component_unknown() });
		if (current.status === change.status) continue;
		await db.setComponentStatus(op.tx.sql, change.id, change.status, incidentId, op.at);
		affected.push({
			componentId: change.id,
			name: current.name,
			oldStatus: current.status,
			newStatus: change.status
		});
	}
	return affected;
}

async function assertComponentsExist(op: Op, ids: number[]) {
	if (ids.length === 0) return;
	const components = await db.listComponents(op.tx.sql);
	const known = new Map(components.map((c) => [c.id, c]));
	for (const id of ids) {
		const c = known.get(id);
		if (!c) throw invalid({ components: m.incident_error_component_unknown() });
		if (c.isGroup) throw invalid({ components: m.incident_error_component_group() });
	}
}

function requireBody(data: { bodyEn?: string; bodyDe?: string }) {
	if (!data.bodyEn && !data.bodyDe) {
		throw invalid({ bodyEn: m.incident_error_body_required() });
	}
}

/** Write the public events of a change and the new public status. */
async function publish(
	op: Op,
	incidentId: number,
	event:
		| { type: 'incident.declared' | 'incident.updated'; update: IncidentUpdate }
		| { type: 'incident.changed'; fields: string[] }
) {
	const incident = await db.getIncidentSummary(op.tx.sql, incidentId);
	if (!incident) throw notFound();
	const base = {
		topic: `incident:${incidentId}`,
		alsoTopics: ['status'],
		audience: 'public' as const
	};
	// Public events name no one: the status page does not show who wrote an update.
	if (event.type === 'incident.changed') {
		await appendEvent(op.tx, {
			...base,
			type: event.type,
			payload: { incident, fields: event.fields }
		});
	} else {
		const update = { ...event.update, authorId: null, authorName: null };
		await appendEvent(op.tx, { ...base, type: event.type, payload: { incident, update } });
	}
	await publishStatus(op.tx);
	return incident;
}

/** One `status.changed` with the whole public status, after any change to it. */
export async function publishStatus(tx: TxContext) {
	const summary = v2Summary(await loadStatus(tx.sql, { recent: false }));
	await appendEvent(tx, {
		topic: 'status',
		type: 'status.changed',
		audience: 'public',
		payload: { summary }
	});
}

async function postUpdateRow(
	op: Op,
	incidentId: number,
	data: { status: AnyIncidentStatus; bodyEn?: string; bodyDe?: string; nextUpdateAt?: Date | null },
	affected: AffectedComponent[]
): Promise<IncidentUpdate> {
	const updateId = await db.insertUpdate(op.tx.sql, {
		incidentId,
		status: data.status,
		bodyEn: data.bodyEn ?? '',
		bodyDe: data.bodyDe ?? '',
		authorId: op.actor?.id ?? null,
		at: op.at,
		displayAt: op.at,
		nextUpdateAt: data.nextUpdateAt ?? null
	});
	await db.insertUpdateComponents(op.tx.sql, updateId, affected);
	const update = await db.getUpdate(op.tx.sql, updateId);
	return update!;
}

/** Declare an incident with its first public message and the components it takes down. */
export async function declareIncident(
	database: Database,
	actor: SessionUser,
	input: DeclareInput,
	options: { at?: Date } = {}
): Promise<Incident> {
	assertStaff(actor);
	const data = parseInput(declareSchema, input);
	requireBody(data);
	const id = await database.transaction(async (tx) => {
		const op: Op = { tx, actor, at: options.at ?? new Date() };
		await assertComponentsExist(
			op,
			data.components.map((c) => c.id)
		);
		const id = await db.insertIncident(tx.sql, {
			kind: 'incident',
			title: data.title,
			impact: data.impact,
			status: data.status,
			createdBy: actor.id,
			at: op.at,
			scheduledFor: null,
			scheduledUntil: null,
			autoTransition: false
		});
		if (data.status === 'monitoring')
			await db.patchIncident(tx.sql, id, { monitoringAt: op.at }, op.at);
		await db.setIncidentComponents(
			tx.sql,
			id,
			data.components.map((c) => c.id)
		);
		const affected = await applyComponentChanges(op, id, data.components);
		const update = await postUpdateRow(op, id, data, affected);
		const incident = await publish(op, id, { type: 'incident.declared', update });
		await queueStatusNotifications(tx, {
			incident,
			update,
			componentIds: data.components.map((c) => c.id)
		});
		return id;
	});
	return (await getIncident(database.sql, id))!;
}

/** Announce maintenance ahead: it starts and completes itself at its times (unless turned off). */
export async function scheduleMaintenance(
	database: Database,
	actor: SessionUser,
	input: MaintenanceInput,
	options: { at?: Date } = {}
): Promise<Incident> {
	assertStaff(actor);
	const data = parseInput(maintenanceSchema, input);
	requireBody(data);
	if (data.scheduledUntil <= data.scheduledFor) {
		throw invalid({ scheduledUntil: m.incident_error_window() });
	}
	const id = await database.transaction(async (tx) => {
		const op: Op = { tx, actor, at: options.at ?? new Date() };
		const componentIds = [...new Set(data.components)];
		await assertComponentsExist(op, componentIds);
		const id = await db.insertIncident(tx.sql, {
			kind: 'maintenance',
			title: data.title,
			impact: 'maintenance',
			status: 'scheduled',
			createdBy: actor.id,
			at: op.at,
			scheduledFor: data.scheduledFor,
			scheduledUntil: data.scheduledUntil,
			autoTransition: data.autoTransition
		});
		await db.setIncidentComponents(tx.sql, id, componentIds);
		const update = await postUpdateRow(op, id, { ...data, status: 'scheduled' }, []);
		const incident = await publish(op, id, { type: 'incident.declared', update });
		await queueStatusNotifications(tx, { incident, update, componentIds });
		return id;
	});
	return (await getIncident(database.sql, id))!;
}

const NEXT_INCIDENT: Record<string, readonly AnyIncidentStatus[]> = {
	investigating: ['investigating', 'identified', 'monitoring', 'resolved'],
	identified: ['investigating', 'identified', 'monitoring', 'resolved'],
	monitoring: ['investigating', 'identified', 'monitoring', 'resolved'],
	resolved: [],
	scheduled: ['scheduled', 'in_progress', 'completed'],
	in_progress: ['in_progress', 'verifying', 'completed'],
	verifying: ['in_progress', 'verifying', 'completed'],
	completed: []
};

/** Load and lock an incident, refusing a stale version. */
async function lockCurrent(op: Op, id: number, seenVersion: number | undefined) {
	const head = await db.getIncidentHead(op.tx.sql, id, { lock: true });
	if (!head) throw notFound();
	if (seenVersion !== undefined && head.version !== seenVersion) {
		throw conflict(seenVersion, head.version);
	}
	return head;
}

const statusLabel = (s: AnyIncidentStatus) => m[`incident_status_${s}`]();

/**
 * Post a public update: a status, a message, component changes. Resolving (or completing) puts
 * every component the incident holds back to operational unless told otherwise, and, when asked,
 * replies to every linked open ticket and resolves them.
 */
export async function postUpdate(
	database: Database,
	actor: SessionUser | null,
	id: number,
	input: UpdateInput,
	options: {
		at?: Date;
		/** Leitstand itself (the maintenance schedule): no actor, no version check. */
		system?: boolean;
		/** Only if the incident is still in this status (another node may have moved it). */
		from?: AnyIncidentStatus;
		/** Wait until the linked tickets are answered (tests, scripts); pages do not. */
		awaitReplies?: boolean;
	} = {}
): Promise<Incident> {
	if (!options.system) assertStaff(actor!);
	const data = parseInput(updateSchema, input);
	requireBody(data);
	const result = await database.transaction(async (tx) => {
		const op: Op = { tx, actor, at: options.at ?? new Date() };
		const head = await lockCurrent(op, id, options.system ? undefined : data.version);
		if (options.from && head.status !== options.from) throw new StepTaken();
		if (isFinished(head.status)) {
			throw refused(
				'invalid_state',
				m.incident_error_finished({ kind: m[`incident_kind_${head.kind}`]() })
			);
		}
		const allowed = NEXT_INCIDENT[head.status] ?? [];
		const kindStatuses: readonly string[] =
			head.kind === 'incident' ? INCIDENT_STATUSES : MAINTENANCE_STATUSES;
		if (!kindStatuses.includes(data.status) || !allowed.includes(data.status)) {
			throw refused(
				'invalid_transition',
				m.incident_error_transition({
					from: statusLabel(head.status),
					to: statusLabel(data.status)
				}),
				{
					status: m.incident_error_transition({
						from: statusLabel(head.status),
						to: statusLabel(data.status)
					})
				}
			);
		}
		await assertComponentsExist(
			op,
			data.components.map((c) => c.id)
		);
		const held = await db.incidentComponentIds(tx.sql, id);
		const changes = [...data.components];
		const finishing = isFinished(data.status);
		const starting =
			head.kind === 'maintenance' && data.status === 'in_progress' && head.status === 'scheduled';
		const named = new Set(changes.map((c) => c.id));
		for (const componentId of held) {
			if (named.has(componentId)) continue;
			if (finishing && (await db.otherOpenIncidentsOn(tx.sql, componentId, id)) === 0) {
				changes.push({ id: componentId, status: 'operational' });
			} else if (starting) {
				changes.push({ id: componentId, status: 'under_maintenance' });
			}
		}
		await db.setIncidentComponents(tx.sql, id, [
			...new Set([...held, ...data.components.map((c) => c.id)])
		]);
		const affected = await applyComponentChanges(op, id, changes);
		const patch: db.IncidentPatch = { status: data.status };
		if (data.impact && head.kind === 'incident') patch.impact = data.impact;
		if (data.status === 'monitoring' && !head.monitoringAt) patch.monitoringAt = op.at;
		if (finishing) patch.resolvedAt = op.at;
		if (starting) patch.startedAt = op.at;
		await db.patchIncident(tx.sql, id, patch, op.at);
		const update = await postUpdateRow(op, id, data, affected);
		const incident = await publish(op, id, { type: 'incident.updated', update });
		await queueStatusNotifications(tx, { incident, update, componentIds: held });
		const answer = data.status === 'resolved' && (data.ticketReply || data.resolveTickets);
		if (answer && actor) {
			await db.insertReplyRequest(tx.sql, {
				incidentId: id,
				body: m
					.incident_resolution_reply({
						title: head.title,
						message: data.ticketReply ?? (data.bodyEn || data.bodyDe || '')
					})
					.slice(0, 20_000),
				resolve: data.resolveTickets,
				requestedBy: actor.id
			});
		}
		return { answer };
	});
	// The replies go out after the resolution is committed; the job takes over if this node stops.
	if (result.answer) {
		const replies = answerLinkedTickets(database, { incidentId: id });
		if (options.awaitReplies) await replies;
		else void replies.catch(() => {});
	}
	return (await getIncident(database.sql, id))!;
}

/** How long a node holds a reply request before another may take it over. */
const REPLY_LEASE_MS = 5 * 60_000;

/**
 * Answer the linked tickets of resolved incidents: one public reply to every linked open ticket,
 * optionally resolving it, each through the ticket service in its own transaction (so SLA clocks,
 * events and mail follow), as the agent who resolved the incident. Requests are claimed under a
 * lease and each answered ticket is remembered, so a node that stops midway is taken over by the
 * next run of the job without answering anyone twice (at most the one ticket in flight).
 */
export async function answerLinkedTickets(
	database: Database,
	options: { incidentId?: number } = {}
): Promise<{ answered: number; failed: number[] }> {
	const total = { answered: 0, failed: [] as number[] };
	for (;;) {
		const request = await db.claimReplyRequest(database.sql, REPLY_LEASE_MS, options.incidentId);
		if (!request) return total;
		const author = request.requestedBy
			? await getUserById(database.sql, request.requestedBy)
			: null;
		const actor = author?.active ? await toSessionUser(database.sql, author) : null;
		let answered = 0;
		const failed: number[] = [];
		const started = Date.now();
		for (;;) {
			const batch = await db.ticketsToAnswer(database.sql, request.incidentId, 50, failed);
			if (batch.length === 0 || !actor || Date.now() - started > REPLY_LEASE_MS / 2) break;
			for (const number of batch) {
				if (await answerOne(database, actor, number, request)) {
					await db.markAnswered(database.sql, request.incidentId, number);
					answered++;
				} else {
					failed.push(number);
				}
			}
		}
		if (!actor)
			log.warn('incident replies skipped: the resolving agent is gone', {
				incidentId: request.incidentId
			});
		await db.finishReplyRequest(database.sql, request.incidentId, answered, failed);
		total.answered += answered;
		total.failed.push(...failed);
		if (options.incidentId) return total;
	}
}

async function answerOne(
	database: Database,
	actor: SessionUser,
	number: number,
	request: db.ReplyRequest
): Promise<boolean> {
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			await addComment(database, actor, number, {
				body: request.body,
				status: request.resolve ? 'resolved' : undefined
			});
			return true;
		} catch (error) {
			// Someone changed the ticket meanwhile: the reply carries no version, try again.
			if (error instanceof DomainError && error.status === 409 && attempt < 2) continue;
			log.warn('incident resolution reply failed', {
				incidentId: request.incidentId,
				ticket: number,
				error: error instanceof Error ? error.message : String(error)
			});
			return false;
		}
	}
	return false;
}

/** Change what an incident is (title, impact, components, maintenance window) without an update. */
export async function editIncident(
	database: Database,
	actor: SessionUser,
	id: number,
	input: EditInput
): Promise<Incident> {
	assertStaff(actor);
	const data = parseInput(editSchema, input);
	await database.transaction(async (tx) => {
		const op: Op = { tx, actor, at: new Date() };
		const head = await lockCurrent(op, id, data.version);
		const patch: db.IncidentPatch = {};
		const fields: string[] = [];
		if (data.title !== undefined && data.title !== head.title) {
			patch.title = data.title;
			fields.push('title');
		}
		if (data.impact !== undefined && head.kind === 'incident' && data.impact !== head.impact) {
			patch.impact = data.impact;
			fields.push('impact');
		}
		if (head.kind === 'maintenance') {
			const from = data.scheduledFor ?? (head.scheduledFor ? new Date(head.scheduledFor) : null);
			const until =
				data.scheduledUntil ?? (head.scheduledUntil ? new Date(head.scheduledUntil) : null);
			if (from && until && until <= from)
				throw invalid({ scheduledUntil: m.incident_error_window() });
			if (data.scheduledFor) {
				patch.scheduledFor = data.scheduledFor;
				if (head.status === 'scheduled') patch.startedAt = data.scheduledFor;
				fields.push('scheduledFor');
			}
			if (data.scheduledUntil) {
				patch.scheduledUntil = data.scheduledUntil;
				fields.push('scheduledUntil');
			}
			if (data.autoTransition !== undefined) {
				patch.autoTransition = data.autoTransition;
				fields.push('autoTransition');
			}
		}
		if (data.componentIds) {
			const ids = [...new Set(data.componentIds)];
			await assertComponentsExist(op, ids);
			await db.setIncidentComponents(tx.sql, id, ids);
			fields.push('components');
		}
		await db.patchIncident(tx.sql, id, patch, op.at);
		await publish(op, id, { type: 'incident.changed', fields });
	});
	return (await getIncident(database.sql, id))!;
}

/** An internal note for the incident team; never public. */
export async function addNote(
	database: Database,
	actor: SessionUser,
	id: number,
	input: { body: unknown }
) {
	assertStaff(actor);
	const data = parseInput(noteSchema, input);
	return database.transaction(async (tx) => {
		const head = await db.getIncidentHead(tx.sql, id);
		if (!head) throw notFound();
		const note = await db.insertNote(tx.sql, {
			incidentId: id,
			authorId: actor.id,
			body: data.body,
			at: new Date()
		});
		await appendEvent(tx, {
			topic: `incident:${id}`,
			type: 'incident.noted',
			audience: 'agents',
			actorId: actor.id,
			payload: { incidentId: id, note }
		});
		return note;
	});
}

/** Save the postmortem; publishing (once resolved) puts it on the status page. */
export async function savePostmortem(
	database: Database,
	actor: SessionUser,
	id: number,
	input: PostmortemInput
): Promise<Incident> {
	assertStaff(actor);
	const data = parseInput(postmortemSchema, input);
	await database.transaction(async (tx) => {
		const op: Op = { tx, actor, at: new Date() };
		const head = await lockCurrent(op, id, data.version);
		if (data.publish && !isFinished(head.status)) {
			throw refused('invalid_state', m.incident_error_postmortem_unresolved());
		}
		await db.patchIncident(
			tx.sql,
			id,
			{
				postmortem: data.body,
				postmortemPublishedAt: data.publish
					? head.postmortemPublishedAt
						? new Date(head.postmortemPublishedAt)
						: op.at
					: null
			},
			op.at
		);
		await publish(op, id, { type: 'incident.changed', fields: ['postmortem'] });
	});
	return (await getIncident(database.sql, id))!;
}

/**
 * Link tickets to the incident (or unlink them), as one change: each ticket's history says so,
 * and the incident's count moves. A ticket linked to another incident is refused by number.
 */
export async function linkTickets(
	database: Database,
	actor: SessionUser,
	id: number,
	input: { numbers: unknown; unlink?: unknown }
): Promise<{ linkedTickets: number; changed: number[] }> {
	assertStaff(actor);
	const data = parseInput(linkSchema, input);
	return database.transaction(async (tx) => {
		const head = await db.getIncidentHead(tx.sql, id, { lock: true });
		if (!head) throw notFound();
		const numbers = [...new Set(data.numbers)];
		const tickets = await db.lockTickets(tx.sql, numbers);
		const found = new Set(tickets.map((t) => t.number));
		const unknown = numbers.find((n) => !found.has(n));
		if (unknown !== undefined) {
			throw invalid({ numbers: m.incident_error_ticket_unknown({ number: unknown }) });
		}
		const changing = data.unlink
			? tickets.filter((t) => t.incidentId === id)
			: tickets.filter((t) => t.incidentId !== id);
		const taken = changing.find((t) => !data.unlink && t.incidentId !== null);
		if (taken) {
			throw refused('linked_elsewhere', m.incident_error_ticket_other({ number: taken.number }), {
				numbers: m.incident_error_ticket_other({ number: taken.number })
			});
		}
		const target = data.unlink ? null : id;
		await db.setTicketsIncident(
			tx.sql,
			changing.map((t) => t.id),
			target
		);
		for (const t of changing) {
			await appendEvent(tx, {
				topic: `ticket:${t.number}`,
				type: 'ticket.incident_linked',
				audience: `requester:${t.requesterId}`,
				actorId: actor.id,
				payload: { number: t.number, incidentId: target, title: target ? head.title : null }
			});
		}
		const linkedTickets = await db.countLinked(tx.sql, id);
		if (changing.length > 0) {
			await appendEvent(tx, {
				topic: `incident:${id}`,
				type: 'incident.tickets_linked',
				audience: 'agents',
				actorId: actor.id,
				payload: {
					incidentId: id,
					numbers: changing.map((t) => t.number),
					unlinked: data.unlink,
					linkedTickets
				}
			});
		}
		return { linkedTickets, changed: changing.map((t) => t.number) };
	});
}

/** Tickets that look like part of this incident, for the agent to link. */
export async function suggestTickets(database: Database, actor: SessionUser, id: number) {
	assertStaff(actor);
	const incident = await getIncident(database.sql, id);
	if (!incident) throw notFound();
	const text = [incident.title, ...incident.updates.map((u) => `${u.bodyEn} ${u.bodyDe}`)].join(
		' '
	);
	return db.suggestTickets(database.sql, id, significantWords(text), 30);
}

const STOP_WORDS = new Set(
	(
		'the and for are but not you all any can had her was one our out has have with this that from they ' +
		'will would there their what about which when were been into more some than them then these ' +
		'der die das und ist nicht ein eine einer eines mit von den dem des auf für sich auch wird ' +
		'werden wir sie ihr ihre bei nach noch wie aus zum zur oder aber wenn kann sind hat'
	).split(' ')
);

/** Distinct words of 3+ letters, without stop words, as tsquery-safe lexemes (at most 20). */
export function significantWords(text: string): string[] {
	const words = text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [];
	return [...new Set(words.filter((w) => !STOP_WORDS.has(w)))].slice(0, 20);
}

/**
 * A requester says "I am affected too" instead of filing a duplicate ticket: counted once per
 * person, and they get the incident's updates by mail.
 */
export async function reportAffected(
	database: Database,
	user: SessionUser,
	id: number
): Promise<{ affectedUsers: number; added: boolean }> {
	return database.transaction(async (tx) => {
		const head = await db.getIncidentHead(tx.sql, id);
		if (!head || head.kind !== 'incident' || isFinished(head.status)) {
			throw refused('invalid_state', m.incident_error_not_active());
		}
		const added = await db.insertAffected(tx.sql, id, user.id);
		const affectedUsers = await db.countAffected(tx.sql, id);
		if (added) {
			await appendEvent(tx, {
				topic: `incident:${id}`,
				type: 'incident.affected',
				audience: 'agents',
				actorId: user.id,
				payload: { incidentId: id, affectedUsers }
			});
		}
		return { affectedUsers, added };
	});
}

// ───────────────────────── maintenance on its own ─────────────────────────

/** Another node moved the maintenance first. */
class StepTaken extends Error {}

/**
 * Start maintenance that is due and complete maintenance whose window ended, each in its own
 * transaction (a failure is logged and retried next run). The job runs this every half minute.
 */
export async function runMaintenanceSchedule(
	database: Database,
	now = new Date()
): Promise<{ started: number; completed: number; reminded: number }> {
	const reminded = await remindMaintenance(database, now);
	const due = await db.dueMaintenance(database.sql, now);
	let started = 0;
	let completed = 0;
	for (const item of due) {
		try {
			const complete = item.step === 'complete';
			await postUpdate(
				database,
				null,
				item.id,
				{
					version: 1,
					status: complete ? 'completed' : 'in_progress',
					bodyEn: complete ? m.incident_auto_completed_en() : m.incident_auto_started_en(),
					bodyDe: complete ? m.incident_auto_completed_de() : m.incident_auto_started_de()
				},
				{ at: now, system: true, from: item.status }
			);
			if (complete) completed++;
			else started++;
		} catch (error) {
			if (error instanceof StepTaken) continue;
			log.warn('maintenance step failed', {
				incidentId: item.id,
				error: error instanceof Error ? error.message : String(error)
			});
		}
	}
	return { started, completed, reminded };
}

/** Subscribers hear again an hour before announced maintenance starts. */
export const REMINDER_BEFORE_MS = 60 * 60_000;

async function remindMaintenance(database: Database, now: Date): Promise<number> {
	let reminded = 0;
	for (const id of await db.dueReminders(database.sql, now, REMINDER_BEFORE_MS)) {
		await database.transaction(async (tx) => {
			if (!(await db.markReminded(tx.sql, id, now))) return;
			const incident = await db.getIncidentSummary(tx.sql, id);
			const [update] = await db.listUpdates(tx.sql, [id]);
			if (!incident || !update) return;
			const componentIds = await db.incidentComponentIds(tx.sql, id);
			await queueStatusNotifications(tx, { incident, update, componentIds, reminder: true });
			reminded++;
		});
	}
	return reminded;
}
