import { z } from 'zod';
import { isStaff } from '../auth/roles';
import { DomainError, forbidden, notFound as missing, parseInput } from '../errors';
import { dbId, multiLine, singleLine, type TextMessages } from '../validation/fields';
import { createBatcher, type Batcher } from '../db/batch';
import type { Database, TxContext } from '../db/client';
import { appendEvent, appendEvents, type AnyAppendEvent } from '../events/writer';
import { enqueueMail, enqueueMails } from '../notify/db';
import * as escalation from '../escalation/service';
import * as sla from '../sla/db';
import * as clocks from '../sla/service';
import {
	evaluateClock,
	fulfilClock,
	pauseClock,
	resumeClock,
	type SlaClock,
	type SlaMetric
} from '../sla/clock';
import * as tickets from './db';
import { clockView, composeDetail } from './queries';
import * as mail from './mail';
import {
	canTransition,
	canViewTicket,
	checkLevelMove,
	DONE_STATUSES,
	PAUSED_STATUSES,
	reopenDeadline,
	type LevelMove
} from './rules';
import { agentStatusLabel } from '$lib/components/tickets/labels';
import { m } from '$lib/paraglide/messages';
import type { EventPayloads, EventType, QueueKey } from '$lib/realtime/catalogue';
import type { EventAudience } from '$lib/types/events';
import {
	priorityFor,
	TICKET_STATUSES,
	type Level,
	type Priority,
	type Scale,
	type TicketDetail,
	type TicketStatus,
	type TicketSummary
} from '$lib/types/ticket';
import type { Locale, SessionUser } from '$lib/types/user';

const notFound = () => missing(m.ticket_error_not_found());
const conflict = (message: string) => new DomainError(409, 'conflict', message);
/** Well-formed but not possible now: 422 with a code saying why. */
const refused = (code: string, message: string, fields?: Record<string, string>) =>
	new DomainError(422, code, message, fields);

// ───────────────────────── input ─────────────────────────
// The same rules for the portal, the desk and the API (which documents them: api/openapi.ts).

/** Requesters read these messages too, so they are written for them. */
const ticketText: TextMessages = { tooLong: (max) => m.ticket_error_too_long({ max }) };
const title = singleLine(200, m.ticket_field_title, {
	...ticketText,
	required: m.ticket_error_title_required
});
const description = multiLine(20000, m.ticket_field_description, {
	...ticketText,
	required: m.ticket_error_description_required
});
const message = multiLine(20000, m.ticket_field_message, {
	...ticketText,
	required: m.ticket_error_message_required
});
const reason = multiLine(2000, m.ticket_field_reason, {
	...ticketText,
	required: m.ticket_error_required
});
const scale = (error: () => string) =>
	z.literal([1, 2, 3], { error }).meta({ description: '1 = high, 2 = medium, 3 = low.' });
const id = dbId();
const version = id.meta({ description: 'The version you last read.' });

export const createTicketSchema = z.object({
	title: title.meta({ description: 'One line: no line breaks or control characters.' }),
	body: description.meta({ description: 'The description; line breaks are kept.' }),
	categoryId: dbId(undefined, { error: m.ticket_error_category }).meta({
		description: 'See GET /api/categories.'
	}),
	urgency: scale(m.ticket_error_urgency),
	impact: scale(m.ticket_error_impact)
});
export type CreateTicketInput = z.input<typeof createTicketSchema>;

export const updateTicketSchema = z.object({
	version,
	status: z.enum(TICKET_STATUSES, { error: m.ticket_error_status }).optional(),
	priority: z
		.literal([1, 2, 3, 4], { error: m.ticket_error_priority })
		.meta({ description: 'P1 (highest) … P4.' })
		.optional(),
	categoryId: id.optional(),
	assigneeId: id
		.nullable()
		.meta({ description: 'A member of the ticket’s group, or null to unassign.' })
		.optional(),
	title: title.optional()
});
export type UpdateTicketInput = z.input<typeof updateTicketSchema>;

export const commentSchema = z.object({
	body: message,
	internal: z.boolean().default(false).meta({ description: 'An internal note (agents only).' }),
	status: z
		.enum(['open', 'pending', 'on_hold', 'resolved'], { error: m.ticket_error_status })
		.meta({ description: 'Set this status with the reply (agents only).' })
		.optional(),
	/** When given, the reply is refused (409) if the ticket changed since the author loaded it. */
	version: id
		.meta({ description: 'The version the author saw; a newer ticket answers 409 instead.' })
		.optional()
});
export type CommentInput = z.input<typeof commentSchema>;

export const levelMoveSchema = z
	.object({
		groupId: id.optional(),
		level: z.literal([1, 2, 3], { error: m.ticket_error_level }).optional(),
		reason: reason.meta({ description: 'Why; kept as an internal note.' }),
		version: id.meta({ description: 'Refuse with 409 if the ticket changed since.' }).optional()
	})
	.refine((v) => v.groupId !== undefined || v.level !== undefined, {
		error: m.ticket_error_group_or_level,
		path: ['groupId']
	})
	.meta({
		description:
			'Give `groupId` or `level`; a level picks the group of the ticket’s category at that level.'
	});
export type LevelMoveInput = z.input<typeof levelMoveSchema>;

/** A requester's reopen: the reason is optional, and becomes a public reply. */
const reopenSchema = z.object({
	reason: z.preprocess(
		(v) => (typeof v === 'string' && !v.trim() ? undefined : v),
		message.optional()
	)
});

const unknownCategory = () =>
	refused('invalid', m.ticket_error_category_unknown(), {
		categoryId: m.ticket_error_category_unknown()
	});

/** For demo data and tests: perform the operation as of `at` instead of now. */
export interface OpOptions {
	at?: Date;
}

// ───────────────────────── internals ─────────────────────────

interface Work {
	tx: TxContext;
	actor: SessionUser | null;
	ticket: tickets.TicketRecord;
	at: Date;
	/** The queues the ticket was in when the operation began (null: it is new). */
	before: QueueKey | null;
	/** Set once a rule escalated: one operation moves a ticket up at most one level. */
	autoEscalated?: boolean;
}

const requesterAudience = (t: tickets.TicketRecord): EventAudience => `requester:${t.requesterId}`;

const queueKey = (t: tickets.TicketRecord): QueueKey => ({
	level: t.level,
	groupId: t.groupId,
	assigneeId: t.assigneeId,
	status: t.status,
	slaState: DONE_STATUSES.includes(t.status) ? 'done' : t.slaState
});

/** The queue topics a ticket with `key` belongs to. */
function queueTopics(key: QueueKey): string[] {
	return [
		`queue:level-${key.level}`,
		`queue:group-${key.groupId}`,
		key.assigneeId ? `queue:user-${key.assigneeId}` : 'queue:unassigned'
	];
}

async function emit<T extends EventType>(
	w: Work,
	type: T,
	audience: EventAudience,
	payload: Omit<EventPayloads[T], 'number'>,
	/** A step Leitstand took by itself (routing, auto-assignment): recorded without an actor. */
	system = false
) {
	await appendEvent(w.tx, {
		topic: `ticket:${w.ticket.id}`,
		type,
		audience,
		actorId: system ? null : (w.actor?.id ?? null),
		payload: { number: w.ticket.id, ...payload } as EventPayloads[T],
		at: w.at
	});
}

/**
 * Tell every desk how the ticket looks now, on the topics of the queues it left and joined, so
 * queues update in place from the payload. Called once at the end of every operation.
 */
async function publishToQueues(w: Work) {
	const [summary, stored] = await Promise.all([
		tickets.ticketSummary(w.tx.sql, w.ticket.id),
		sla.clocksOf(w.tx.sql, w.ticket.id)
	]);
	if (!summary) return;
	const clocks = stored.map(clockView);
	const after: QueueKey = {
		level: summary.level,
		groupId: summary.group.id,
		assigneeId: summary.assignee?.id ?? null,
		status: summary.status,
		slaState: summary.slaState
	};
	await appendEvent(w.tx, {
		type: 'queue.ticket',
		topic: 'desk',
		alsoTopics: [
			`ticket:${w.ticket.id}`,
			...(w.before ? queueTopics(w.before) : []),
			...queueTopics(after)
		],
		audience: 'agents',
		actorId: w.actor?.id ?? null,
		payload: { number: w.ticket.id, ticket: summary, clocks, previous: w.before },
		at: w.at
	});
}

/** Lock the ticket, check visibility, and (when given) the version the user saw. */
async function begin(
	tx: TxContext,
	actor: SessionUser | null,
	number: number,
	version?: number,
	at: Date = new Date()
): Promise<Work> {
	const ticket = await tickets.lockTicket(tx.sql, number);
	if (!ticket || (actor && !canViewTicket(actor, ticket))) throw notFound();
	if (version !== undefined && version !== ticket.version) {
		throw conflict(m.ticket_error_conflict({ version, now: ticket.version }));
	}
	return { tx, actor, ticket, at, before: queueKey(ticket) };
}

function requireStaff(actor: SessionUser | null) {
	if (actor && !isStaff(actor)) throw forbidden(m.ticket_error_staff_only());
}

async function save(w: Work, patch: tickets.TicketPatch) {
	w.ticket = await tickets.updateTicket(w.tx.sql, w.ticket.id, patch, w.at);
}

/** Move the ticket's clocks by `step` (sla/service.ts) and act on the thresholds they crossed. */
async function updateClocks(w: Work, step: clocks.ClockStep, only?: SlaMetric) {
	for (const fired of await clocks.stepClocks(w.tx.sql, w.ticket.id, step, only)) {
		await onSlaSignal(w, fired.clock, fired.signal, fired.at);
	}
}

/** A threshold fired: record it, and let the escalation rules react (lead, next level). */
async function onSlaSignal(w: Work, clock: SlaClock, signal: 'warning' | 'breach', at: Date) {
	await emit(w, signal === 'warning' ? 'sla.warning' : 'sla.breached', 'agents', {
		metric: clock.metric,
		at: at.toISOString(),
		dueAt: clock.dueAt?.toISOString() ?? null,
		priority: w.ticket.priority,
		level: w.ticket.level,
		groupId: w.ticket.groupId
	});
	for (const rule of await escalation.rulesFor(w.tx.sql, {
		trigger: signal,
		metric: clock.metric,
		priority: w.ticket.priority,
		groupId: w.ticket.groupId
	})) {
		if (rule.notifyLead)
			await notifyLeads(w, `SLA ${signal} (${clock.metric}) — rule “${rule.name}”`);
		if (
			rule.escalate &&
			!w.autoEscalated &&
			w.ticket.level < 3 &&
			!DONE_STATUSES.includes(w.ticket.status)
		) {
			const level = (w.ticket.level + 1) as Level;
			const target = await escalation.escalationTarget(w.tx.sql, w.ticket.categoryId, level);
			if (target) {
				await moveLevel(w, 'escalate', target, `Automatic: SLA ${signal} (${rule.name})`, true);
				w.autoEscalated = true;
			} else {
				// A configuration gap, not the ticket's fault: tell the admins, keep the ticket where it is.
				await sla.recordProblem(w.tx.sql, {
					job: 'escalation',
					ticketId: w.ticket.id,
					message: `Rule “${rule.name}” could not escalate: no level-${level} group is set for the ticket’s category`,
					at: w.at
				});
			}
		}
	}
}

/** Hierarchical escalation: tell the group's team leads (event + mail). */
async function notifyLeads(w: Work, reason: string) {
	const leads = await tickets.leadsOfGroup(w.tx.sql, w.ticket.groupId);
	await emit(w, 'ticket.lead_notified', 'agents', {
		reason,
		leads: leads.map((l) => ({ id: l.id, name: l.name }))
	});
	for (const lead of leads) {
		await enqueueMail(w.tx.sql, mail.leadNotice(w.ticket, lead, reason));
	}
}

/** Record an assignment with the assignee's name, so histories can say who took the ticket. */
async function emitAssigned(
	w: Work,
	assignee: { id: number; name: string },
	from: number | null,
	automatic: boolean
) {
	await emit(
		w,
		'ticket.assigned',
		requesterAudience(w.ticket),
		{ from, assigneeId: assignee.id, assignee, automatic },
		automatic
	);
}

/** Someone who has the ticket now: their id and name, for the history. */
async function person(w: Work, id: number) {
	return { id, name: (await tickets.userNames(w.tx.sql, [id])).get(id) ?? '' };
}

async function assignInGroup(w: Work, groupId: number) {
	const group = await tickets.getRoutingGroup(w.tx.sql, groupId);
	return group?.autoAssign ? tickets.nextAssignee(w.tx.sql, groupId) : null;
}

async function moveLevel(
	w: Work,
	move: LevelMove,
	groupId: number,
	reason: string,
	automatic = false
) {
	const group = await tickets.getRoutingGroup(w.tx.sql, groupId);
	if (!group) {
		throw refused('invalid', m.ticket_error_no_group(), { groupId: m.ticket_error_no_group() });
	}
	const problem = checkLevelMove(move, w.ticket.level, group.level);
	if (problem) throw refused('invalid_level', problem, { groupId: problem });
	if (DONE_STATUSES.includes(w.ticket.status)) {
		throw refused('invalid_state', m.ticket_error_move_done());
	}
	const from = { level: w.ticket.level, groupId: w.ticket.groupId };
	const assignee = await assignInGroup(w, group.id);
	await save(w, { level: group.level, groupId: group.id, assigneeId: assignee?.id ?? null });
	const names = await tickets.groupNames(w.tx.sql);
	// Requesters see the step, never the reason: that goes to agents only.
	await emit(
		w,
		move === 'escalate' ? 'ticket.escalated' : 'ticket.handed_back',
		requesterAudience(w.ticket),
		{
			fromLevel: from.level,
			toLevel: group.level,
			fromGroup: names.get(from.groupId) ?? null,
			fromGroupId: from.groupId,
			toGroup: group.name,
			toGroupId: group.id,
			automatic
		}
	);
	const note = `${move === 'escalate' ? 'Escalated' : 'Handed back'} to ${group.name} (level ${group.level}): ${reason}`;
	const noteId = await tickets.insertComment(w.tx.sql, {
		ticketId: w.ticket.id,
		authorId: w.actor?.id ?? null,
		body: note,
		internal: true,
		at: w.at
	});
	await emit(w, 'ticket.noted', 'agents', { commentId: noteId, kind: move, reason, body: note });
	if (assignee) await emitAssigned(w, assignee, null, true);
	// Someone works it now: through the one status transition (event and mail included).
	if (w.ticket.status === 'new') await changeStatus(w, 'open');
}

// ───────────────────────── operations ─────────────────────────

/**
 * Open a ticket: validate, route by category, prioritise, start SLA clocks, auto-assign. The
 * assignee's membership row is the only shared row a new ticket locks (see `assignNewTickets`):
 * during an outage hundreds of people file tickets at once, and they must not queue behind one
 * lock; they share transactions instead (see `intakeOf`).
 */
export async function createTicket(
	db: Database,
	actor: SessionUser,
	input: CreateTicketInput,
	options: OpOptions = {}
): Promise<tickets.TicketRecord> {
	return (await openTicket(db, actor, input, options)).ticket;
}

/**
 * `createTicket`, answering with the new ticket's detail as `viewer` — the creator — sees it
 * (what `GET /api/tickets/{number}` shows), composed from what the transaction wrote instead of
 * read back: seven queries fewer for every ticket filed.
 */
export async function createTicketDetail(
	db: Database,
	actor: SessionUser,
	input: CreateTicketInput,
	locale: Locale = 'en',
	options: OpOptions = {}
): Promise<{ ticket: tickets.TicketRecord; detail: TicketDetail }> {
	const opened = await openTicket(db, actor, input, options);
	const detail = composeDetail(actor, {
		record: opened.ticket,
		summary: opened.summary(locale),
		comments: [],
		clocks: opened.clocks,
		events: opened.events,
		related: [],
		reopenDays: 0,
		mergedInto: null
	});
	return { ticket: opened.ticket, detail };
}

/** A validated new ticket on its way to the database (see `writeNewTickets`). */
interface NewTicketRequest {
	actor: SessionUser;
	data: z.output<typeof createTicketSchema>;
	priority: Priority;
	at: Date;
}

/** What `writeNewTickets` wrote for one ticket, for `createTicketDetail`. */
interface OpenedTicket {
	ticket: tickets.TicketRecord;
	clocks: ReturnType<typeof clocks.newClocks>;
	summary: (locale: Locale) => TicketSummary;
	events: tickets.TimelineRow[];
}

/** Tickets filed together share a transaction: at most this many per transaction. */
const INTAKE_BATCH = 50;
const intakes = new WeakMap<Database, Batcher<NewTicketRequest, OpenedTicket | null>>();

/**
 * The node's intake for `db`: one transaction writes new tickets at a time, and the tickets filed
 * meanwhile go out together in the next one, so a crowd during an outage costs a few transactions
 * instead of one each, and the batches grow with the crowd (measured with `bench:intake`: one
 * transaction at a time wrote more tickets per second than two or four, with lower latency).
 * Nodes write in parallel; no lock is shared between batches but the members they assign to.
 */
function intakeOf(db: Database) {
	let intake = intakes.get(db);
	if (!intake) {
		intake = createBatcher(db, writeNewTickets, { parallel: 1, max: INTAKE_BATCH });
		intakes.set(db, intake);
	}
	return intake;
}

/**
 * Validate, then write with whatever else is being filed (`intakeOf`); the errors are the
 * caller's own (its locale, its request).
 */
async function openTicket(
	db: Database,
	actor: SessionUser,
	input: CreateTicketInput,
	options: OpOptions
): Promise<OpenedTicket> {
	const data = parseInput(createTicketSchema, input);
	const priority = priorityFor(data.urgency as Scale, data.impact as Scale);
	const opened = await intakeOf(db).submit({
		actor,
		data,
		priority,
		at: options.at ?? new Date()
	});
	if (!opened) throw unknownCategory();
	return opened;
}

/**
 * New tickets in as few round trips as the rules allow, however many: one statement routes and
 * inserts them all (`insertRoutedTickets`); then their clocks, their mails and the assignment of
 * each group's new tickets (`assignNewTickets`) go out together; then all their events in one
 * statement; then commit. Null in the place of a ticket whose category is unknown or inactive.
 * Returns what was written, for `createTicketDetail`.
 */
async function writeNewTickets(
	tx: TxContext,
	requests: NewTicketRequest[]
): Promise<Array<OpenedTicket | null>> {
	const created = await tickets.insertRoutedTickets<sla.TargetRow>(
		tx.sql,
		requests.map((r) => ({
			requesterId: r.actor.id,
			title: r.data.title,
			body: r.data.body,
			categoryId: r.data.categoryId,
			urgency: r.data.urgency as Scale,
			impact: r.data.impact as Scale,
			priority: r.priority,
			status: 'new',
			createdAt: r.at
		})),
		(priority) => sla.targetQuery(tx.sql, priority)
	);
	const started = created.map((c) =>
		c?.target
			? clocks.newClocks(c.ticket.id, sla.toResolvedTarget(c.target), c.ticket.createdAt)
			: []
	);
	// Each group's new tickets, in the order they came, for its members.
	const byGroup = new Map<number, number[]>();
	for (const c of created) {
		if (!c || !c.route.group.autoAssign) continue;
		byGroup.set(c.route.group.id, [...(byGroup.get(c.route.group.id) ?? []), c.ticket.id]);
	}
	// Independent statements are issued together: postgres.js sends them in one write.
	const [, , assignments] = await Promise.all([
		sla.insertClocks(tx.sql, started.flat()),
		// The requester is the one signed in: no need to look them up.
		enqueueMails(
			tx.sql,
			created.flatMap((c, i) => (c ? [mail.received(c.ticket, requests[i].actor)] : []))
		),
		(async () => {
			const assigned = new Map<number, { ticket: tickets.TicketRecord; assignee: Assignee }>();
			for (const [groupId, ids] of byGroup) {
				for (const [id, a] of await tickets.assignNewTickets(tx.sql, groupId, ids)) {
					assigned.set(id, a);
				}
			}
			return assigned;
		})()
	]);

	const events: AnyAppendEvent[] = [];
	const opened = created.map((c, i) => {
		if (!c) return null;
		const { actor, priority } = requests[i];
		const { route } = c;
		const { group } = route;
		const assignment = assignments.get(c.ticket.id);
		const assignee = assignment?.assignee ?? null;
		// The clocks' trigger sets the ticket's SLA read model; the events carry it already.
		const model = clocks.readModelOf(started[i]);
		const ticket: tickets.TicketRecord = {
			...(assignment?.ticket ?? c.ticket),
			slaDueAt: model.dueAt,
			slaState: model.state
		};
		const at = ticket.createdAt;
		const summary = (locale: Locale): TicketSummary => ({
			number: ticket.id,
			title: ticket.title,
			status: ticket.status,
			priority: ticket.priority,
			level: ticket.level,
			category: { id: route.id, key: route.key, name: route.name[locale] },
			group: { id: group.id, name: group.name, level: group.level },
			assignee,
			requester: { id: actor.id, name: actor.name },
			createdAt: ticket.createdAt.toISOString(),
			updatedAt: ticket.updatedAt.toISOString(),
			version: ticket.version,
			nextDueAt: ticket.slaDueAt?.toISOString() ?? null,
			slaState: DONE_STATUSES.includes(ticket.status) ? 'done' : ticket.slaState
		});
		const number = ticket.id;
		const topic = `ticket:${number}`;
		const audience = requesterAudience(ticket);
		const own: AnyAppendEvent[] = [
			{
				type: 'ticket.created',
				topic,
				audience,
				actorId: actor.id,
				payload: {
					number,
					title: ticket.title,
					priority,
					level: group.level,
					groupId: group.id,
					group: group.name,
					categoryId: route.id
				},
				at
			}
		];
		if (assignee) {
			own.push({
				type: 'ticket.assigned',
				topic,
				audience,
				actorId: null, // a step Leitstand took by itself
				payload: { number, from: null, assigneeId: assignee.id, assignee, automatic: true },
				at
			});
		}
		// What `publishToQueues` tells the desks, from what this transaction knows.
		own.push({
			type: 'queue.ticket',
			topic: 'desk',
			alsoTopics: [topic, ...queueTopics(queueKey(ticket))],
			audience: 'agents',
			actorId: actor.id,
			payload: { number, ticket: summary('en'), clocks: started[i].map(clockView), previous: null },
			at
		});
		const first = events.length;
		events.push(...own);
		return { ticket, clocks: started[i], summary, own, first, actor };
	});
	const ids = await appendEvents(tx, events);
	return opened.map((o) => {
		if (!o) return null;
		const topic = `ticket:${o.ticket.id}`;
		const names = new Map([[o.actor.id, o.actor.name]]);
		return {
			ticket: o.ticket,
			clocks: o.clocks,
			summary: o.summary,
			// The ticket's history: the events on its own topic (`ticketEvents`).
			events: o.own.flatMap((e, k): tickets.TimelineRow[] =>
				e.topic !== topic
					? []
					: [
							{
								id: ids[o.first + k].id,
								type: e.type,
								audience: e.audience,
								actor_id: e.actorId ?? null,
								actor_name: e.actorId ? (names.get(e.actorId) ?? null) : null,
								payload: e.payload as unknown as Record<string, unknown>,
								created_at: o.ticket.createdAt
							}
						]
			)
		};
	});
}

type Assignee = { id: number; name: string };

/** Change status and clocks together; the one place status moves. */
async function changeStatus(w: Work, to: TicketStatus) {
	const from = w.ticket.status;
	if (from === to) return;
	if (!canTransition(from, to)) {
		const [was, wanted] = [agentStatusLabel[from](), agentStatusLabel[to]()];
		throw refused('invalid_transition', m.ticket_error_transition({ from: was, to: wanted }), {
			status: m.ticket_error_transition_field({ from: was })
		});
	}
	const patch: tickets.TicketPatch = { status: to };
	if (to === 'resolved') patch.resolvedAt = w.at;
	if (to === 'closed') patch.closedAt = w.at;
	if (from === 'resolved' && to === 'open') patch.resolvedAt = null;
	await save(w, patch);

	if (to === 'resolved') {
		await updateClocks(w, (c, cal) => fulfilClock(c, w.at, cal));
	} else if (from === 'resolved' && to === 'open') {
		await updateClocks(w, (c, cal) => resumeClock(c, w.at, cal), 'resolution');
	} else if (PAUSED_STATUSES.includes(to) && !PAUSED_STATUSES.includes(from)) {
		await updateClocks(w, (c, cal) => pauseClock(c, w.at, cal), 'resolution');
	} else if (!PAUSED_STATUSES.includes(to) && PAUSED_STATUSES.includes(from)) {
		await updateClocks(w, (c, cal) => resumeClock(c, w.at, cal), 'resolution');
	}
	await emit(w, 'ticket.status_changed', requesterAudience(w.ticket), { from, to });
	const contact = await tickets.requesterContact(w.tx.sql, w.ticket.requesterId);
	if (contact && to !== 'closed') {
		await enqueueMail(w.tx.sql, mail.statusChanged(w.ticket, contact, to));
	}
}

/** Agent changes to status, priority, category, assignee or title, guarded by `version`. */
export async function updateTicket(
	db: Database,
	actor: SessionUser | null,
	number: number,
	input: UpdateTicketInput,
	options: OpOptions = {}
): Promise<tickets.TicketRecord> {
	requireStaff(actor);
	const data = parseInput(updateTicketSchema, input);
	return db.transaction(async (tx) => {
		const w = await begin(tx, actor, number, data.version, options.at);
		if (w.ticket.status === 'closed') {
			throw refused('invalid_state', m.ticket_error_closed_final());
		}
		if (data.title !== undefined && data.title !== w.ticket.title) {
			const from = w.ticket.title;
			await save(w, { title: data.title });
			await emit(w, 'ticket.retitled', requesterAudience(w.ticket), { from, to: data.title });
		}
		if (data.categoryId !== undefined && data.categoryId !== w.ticket.categoryId) {
			const category = await tickets.getCategory(tx.sql, data.categoryId);
			if (!category || !category.active) throw unknownCategory();
			const from = w.ticket.categoryId;
			await save(w, { categoryId: category.id });
			await emit(w, 'ticket.category_changed', 'agents', { from, to: category.id });
		}
		if (data.priority !== undefined && data.priority !== w.ticket.priority) {
			const from = w.ticket.priority;
			await save(w, { priority: data.priority as Priority });
			const target = await sla.targetFor(tx.sql, data.priority as Priority, w.ticket.slaPolicyId);
			if (target) await updateClocks(w, clocks.retargetStep(target, w.at));
			await emit(w, 'ticket.priority_changed', requesterAudience(w.ticket), {
				from,
				to: data.priority
			});
		}
		if (data.assigneeId !== undefined && data.assigneeId !== w.ticket.assigneeId) {
			await assign(w, data.assigneeId);
		}
		if (data.status !== undefined) await changeStatus(w, data.status);
		await publishToQueues(w);
		return w.ticket;
	});
}

async function assign(w: Work, assigneeId: number | null) {
	if (
		assigneeId !== null &&
		!(await tickets.isGroupMember(w.tx.sql, w.ticket.groupId, assigneeId))
	) {
		throw refused('invalid', m.ticket_error_assignee(), {
			assigneeId: m.ticket_error_not_member()
		});
	}
	const from = w.ticket.assigneeId;
	await save(w, { assigneeId });
	if (assigneeId) {
		await emitAssigned(w, await person(w, assigneeId), from, false);
	} else {
		await emit(w, 'ticket.unassigned', requesterAudience(w.ticket), { from, assigneeId: null });
	}
	if (assigneeId && w.ticket.status === 'new') await changeStatus(w, 'open');
}

/** Take the ticket: the agent becomes assignee (must be in the ticket's group). */
export async function claimTicket(
	db: Database,
	actor: SessionUser,
	number: number,
	version?: number,
	options: OpOptions = {}
) {
	requireStaff(actor);
	return db.transaction(async (tx) => {
		const w = await begin(tx, actor, number, version, options.at);
		if (DONE_STATUSES.includes(w.ticket.status)) {
			throw refused('invalid_state', m.ticket_error_claim_done());
		}
		if (w.ticket.assigneeId !== actor.id) await assign(w, actor.id);
		await publishToQueues(w);
		return w.ticket;
	});
}

/**
 * A public reply or an internal note. A first public reply by staff stops the first-response
 * clock; a requester's reply to a ticket waiting on them puts it back to open.
 */
export async function addComment(
	db: Database,
	actor: SessionUser,
	number: number,
	input: CommentInput,
	options: OpOptions = {}
): Promise<{ ticket: tickets.TicketRecord; commentId: number }> {
	const data = parseInput(commentSchema, input);
	const staff = isStaff(actor);
	if (!staff && (data.internal || data.status)) {
		throw forbidden(m.ticket_error_staff_note());
	}
	return db.transaction(async (tx) => {
		const w = await begin(tx, actor, number, data.version, options.at);
		if (w.ticket.status === 'closed') {
			throw refused('invalid_state', m.ticket_error_closed());
		}
		const commentId = await tickets.insertComment(tx.sql, {
			ticketId: w.ticket.id,
			authorId: actor.id,
			body: data.body,
			internal: data.internal,
			at: w.at
		});
		if (data.internal) {
			await emit(w, 'ticket.noted', 'agents', { commentId, body: data.body });
		} else {
			await emit(w, 'ticket.replied', requesterAudience(w.ticket), {
				commentId,
				fromStaff: staff,
				body: data.body
			});
		}
		if (staff && !data.internal) {
			if (!w.ticket.firstRespondedAt) {
				await save(w, { firstRespondedAt: w.at });
				await updateClocks(w, (c, cal) => fulfilClock(c, w.at, cal), 'first_response');
			}
			const contact = await tickets.requesterContact(tx.sql, w.ticket.requesterId);
			if (contact && contact.email) {
				await enqueueMail(tx.sql, mail.replied(w.ticket, contact, actor.name, data.body));
			}
			if (w.ticket.status === 'new' && !data.status) await changeStatus(w, 'open');
		}
		if (!staff && w.ticket.status === 'pending') await changeStatus(w, 'open');
		if (data.status) await changeStatus(w, data.status);
		await publishToQueues(w);
		return { ticket: w.ticket, commentId };
	});
}

/** Escalate to a higher level or hand back to a lower one; a reason is required. */
export async function moveTicket(
	db: Database,
	actor: SessionUser,
	number: number,
	move: LevelMove,
	input: LevelMoveInput,
	options: OpOptions = {}
): Promise<tickets.TicketRecord> {
	requireStaff(actor);
	const data = parseInput(levelMoveSchema, input);
	return db.transaction(async (tx) => {
		const w = await begin(tx, actor, number, data.version, options.at);
		let groupId = data.groupId;
		if (groupId === undefined) {
			// By level: the ticket's area decides the group (its category's escalation path; a
			// hand-back returns to the group it came from).
			const level = data.level as Level;
			const problem = checkLevelMove(move, w.ticket.level, level);
			if (problem) throw refused('invalid_level', problem, { level: problem });
			groupId =
				(move === 'escalate'
					? await escalation.escalationTarget(tx.sql, w.ticket.categoryId, level)
					: await escalation.handBackTarget(tx.sql, w.ticket, level)) ?? undefined;
			if (groupId === undefined) {
				const message = m.ticket_error_no_route({ level });
				throw refused('no_route', message, { level: message });
			}
		}
		await moveLevel(w, move, groupId, data.reason);
		await publishToQueues(w);
		return w.ticket;
	});
}

/** Tell the team lead about a ticket (hierarchical escalation), with a reason. */
export async function notifyLead(db: Database, actor: SessionUser, number: number, input: string) {
	requireStaff(actor);
	const why = parseInput(z.object({ reason }), { reason: input }).reason;
	return db.transaction(async (tx) => {
		const w = await begin(tx, actor, number);
		await notifyLeads(w, why);
		return w.ticket;
	});
}

/** Mark two tickets as related (both histories show it). */
export async function linkTicket(db: Database, actor: SessionUser, number: number, other: number) {
	requireStaff(actor);
	if (number === other) {
		throw refused('invalid', m.ticket_error_link_self(), {
			related: m.ticket_error_other_ticket()
		});
	}
	return db.transaction(async (tx) => {
		// Lock in id order so two opposite links cannot deadlock.
		const [first, second] = number < other ? [number, other] : [other, number];
		const a = await begin(tx, actor, first);
		const b = await begin(tx, actor, second);
		if (await tickets.linkTickets(tx.sql, number, other)) {
			await emit(a, 'ticket.linked', 'agents', { related: b.ticket.id });
			await emit(b, 'ticket.linked', 'agents', { related: a.ticket.id });
		}
		return (number === first ? a : b).ticket;
	});
}

/** Merge a duplicate into another ticket: the duplicate closes and points to the survivor. */
export async function mergeTicket(
	db: Database,
	actor: SessionUser,
	duplicate: number,
	into: number,
	version?: number
) {
	requireStaff(actor);
	if (duplicate === into) {
		throw refused('invalid', m.ticket_error_merge_self(), { into: m.ticket_error_other_ticket() });
	}
	return db.transaction(async (tx) => {
		const [first, second] = duplicate < into ? [duplicate, into] : [into, duplicate];
		const works = [await begin(tx, actor, first), await begin(tx, actor, second)];
		const dup = works.find((w) => w.ticket.id === duplicate)!;
		const target = works.find((w) => w.ticket.id === into)!;
		if (version !== undefined && dup.ticket.version !== version) {
			throw conflict(m.ticket_error_changed());
		}
		if (dup.ticket.status === 'closed' || target.ticket.status === 'closed') {
			throw refused('invalid_state', m.ticket_error_merge_closed());
		}
		const noteId = await tickets.insertComment(tx.sql, {
			ticketId: target.ticket.id,
			authorId: actor.id,
			body: `Merged #${dup.ticket.id} “${dup.ticket.title}”:\n\n${dup.ticket.body}`,
			internal: true,
			at: target.at
		});
		await emit(target, 'ticket.noted', 'agents', {
			commentId: noteId,
			kind: 'merge',
			body: `Merged #${dup.ticket.id} “${dup.ticket.title}”:\n\n${dup.ticket.body}`
		});
		await emit(target, 'ticket.merged_from', 'agents', { duplicate: dup.ticket.id });
		await save(dup, { mergedIntoId: target.ticket.id });
		if (dup.ticket.status !== 'resolved') await changeStatus(dup, 'resolved');
		await changeStatus(dup, 'closed');
		await emit(dup, 'ticket.merged', requesterAudience(dup.ticket), { into: target.ticket.id });
		await publishToQueues(dup);
		return dup.ticket;
	});
}

/** The requester confirms a resolution (closes) or reopens within the allowed window. */
export async function respondToResolution(
	db: Database,
	actor: SessionUser,
	number: number,
	action: 'confirm' | 'reopen',
	reason?: string,
	options: OpOptions = {}
) {
	const why = parseInput(reopenSchema, { reason }).reason;
	return db.transaction(async (tx) => {
		const w = await begin(tx, actor, number, undefined, options.at);
		// The requester's own decision: staff reopen through a status change on the desk.
		if (isStaff(actor) || w.ticket.requesterId !== actor.id) throw notFound();
		if (w.ticket.status !== 'resolved') {
			throw refused('invalid_state', m.ticket_error_not_resolved());
		}
		if (action === 'confirm') {
			await changeStatus(w, 'closed');
			await emit(w, 'ticket.confirmed', requesterAudience(w.ticket), {});
			await publishToQueues(w);
			return w.ticket;
		}
		const days = Number(await tickets.getSetting(tx.sql, 'reopen_days', 7));
		const deadline = reopenDeadline(w.ticket.resolvedAt, days);
		if (deadline && w.at > deadline) {
			throw refused('reopen_expired', m.ticket_error_reopen_expired({ days }));
		}
		await changeStatus(w, 'open');
		if (why) {
			const commentId = await tickets.insertComment(tx.sql, {
				ticketId: w.ticket.id,
				authorId: actor.id,
				body: why,
				internal: false,
				at: w.at
			});
			await emit(w, 'ticket.replied', requesterAudience(w.ticket), {
				commentId,
				fromStaff: false,
				body: why
			});
		}
		await emit(w, 'ticket.reopened', requesterAudience(w.ticket), {});
		await publishToQueues(w);
		return w.ticket;
	});
}

/**
 * Fire SLA warnings and breaches that are due (called by the clock job): sla/service.ts locks the
 * due tickets and isolates each in a savepoint; this evaluates one ticket's clocks and acts on
 * what fired.
 */
export function processDueClocks(db: Database, now = new Date(), batch = 100) {
	return clocks.processDueClocks(
		db,
		async (tx, ticketId) => {
			const ticket = await tickets.getTicket(tx.sql, ticketId);
			if (!ticket) return;
			const w: Work = { tx, actor: null, ticket, at: now, before: queueKey(ticket) };
			await updateClocks(w, (c, cal) => evaluateClock(c, now, cal));
			await publishToQueues(w);
		},
		now,
		batch
	);
}
