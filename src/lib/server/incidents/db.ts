// Incidents, maintenance, components and templates: rows in, domain shapes out. No rules here;
// service.ts decides what may change.
import type { Queryable } from '../db/client';
import type {
	AffectedComponent,
	AnyIncidentStatus,
	Component,
	ComponentStatus,
	Impact,
	Incident,
	IncidentKind,
	IncidentNote,
	IncidentSummary,
	IncidentTemplate,
	IncidentUpdate
} from '$lib/types/incident';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const isoDate = (d: Date | string): string =>
	typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);

// ── Components ──────────────────────────────────────────────────────────────────────────────

interface ComponentRow {
	id: number;
	name: string;
	description: string;
	is_group: boolean;
	group_id: number | null;
	position: number;
	status: ComponentStatus;
	only_show_if_degraded: boolean;
	showcase: boolean;
	start_date: Date | string;
	created_at: Date;
	updated_at: Date;
}

const toComponent = (r: ComponentRow): Component => ({
	id: r.id,
	name: r.name,
	description: r.description,
	isGroup: r.is_group,
	groupId: r.group_id,
	position: r.position,
	status: r.status,
	onlyShowIfDegraded: r.only_show_if_degraded,
	showcase: r.showcase,
	startDate: isoDate(r.start_date),
	createdAt: r.created_at.toISOString(),
	updatedAt: r.updated_at.toISOString()
});

/** Every component and group, groups' children after their group, by position. */
export async function listComponents(sql: Queryable): Promise<Component[]> {
	const rows = await sql<ComponentRow[]>`
		select c.* from components c
		left join components g on g.id = c.group_id
		order by coalesce(g.position, c.position), coalesce(g.id, c.id), c.group_id nulls first,
			c.position, c.id`;
	return rows.map(toComponent);
}

export async function getComponent(sql: Queryable, id: number): Promise<Component | null> {
	const [row] = await sql<ComponentRow[]>`select * from components where id = ${id}`;
	return row ? toComponent(row) : null;
}

export interface ComponentFields {
	name: string;
	description: string;
	isGroup: boolean;
	groupId: number | null;
	position: number;
	onlyShowIfDegraded: boolean;
	showcase: boolean;
}

export async function insertComponent(sql: Queryable, c: ComponentFields): Promise<Component> {
	const [row] = await sql<ComponentRow[]>`
		insert into components (name, description, is_group, group_id, position,
			only_show_if_degraded, showcase)
		values (${c.name}, ${c.description}, ${c.isGroup}, ${c.groupId}, ${c.position},
			${c.onlyShowIfDegraded}, ${c.showcase})
		returning *`;
	if (!c.isGroup) await recordComponentStatus(sql, row.id, row.status, null);
	return toComponent(row);
}

export async function updateComponent(
	sql: Queryable,
	id: number,
	c: Omit<ComponentFields, 'isGroup'>
): Promise<Component | null> {
	const [row] = await sql<ComponentRow[]>`
		update components set name = ${c.name}, description = ${c.description},
			group_id = ${c.groupId}, position = ${c.position},
			only_show_if_degraded = ${c.onlyShowIfDegraded}, showcase = ${c.showcase},
			updated_at = now()
		where id = ${id} returning *`;
	return row ? toComponent(row) : null;
}

export async function deleteComponent(sql: Queryable, id: number): Promise<boolean> {
	const rows = await sql`delete from components where id = ${id} returning id`;
	return rows.length > 0;
}

export async function countChildren(sql: Queryable, groupId: number): Promise<number> {
	const [row] = await sql<{ n: number }[]>`
		select count(*)::int as n from components where group_id = ${groupId}`;
	return row.n;
}

/** Lock the named components (not groups) and return them, for a status change. */
export async function lockComponents(sql: Queryable, ids: number[]): Promise<Component[]> {
	if (ids.length === 0) return [];
	const rows = await sql<ComponentRow[]>`
		select * from components where id = any(${ids}::int[]) and not is_group
		order by id for update`;
	return rows.map(toComponent);
}

export async function setComponentStatus(
	sql: Queryable,
	id: number,
	status: ComponentStatus,
	incidentId: number | null,
	at: Date
): Promise<void> {
	await sql`update components set status = ${status}, updated_at = ${at} where id = ${id}`;
	await recordComponentStatus(sql, id, status, incidentId, at);
}

async function recordComponentStatus(
	sql: Queryable,
	id: number,
	status: ComponentStatus,
	incidentId: number | null,
	at: Date = new Date()
) {
	await sql`
		insert into component_status_history (component_id, status, incident_id, at)
		values (${id}, ${status}, ${incidentId}, ${at})`;
}

export interface StatusSpan {
	componentId: number;
	status: ComponentStatus;
	from: Date;
}

/**
 * Each component's status changes since `since`, plus the status it had at `since` (as a change
 * at the time it was recorded), oldest first: the input of the uptime bars.
 */
export async function statusHistory(sql: Queryable, since: Date): Promise<StatusSpan[]> {
	const rows = await sql<{ component_id: number; status: ComponentStatus; at: Date }[]>`
		select component_id, status, at from (
			select distinct on (component_id) component_id, status, at
			from component_status_history where at <= ${since}
			order by component_id, at desc, id desc
		) before
		union all
		select component_id, status, at from component_status_history where at > ${since}
		order by component_id, at`;
	return rows.map((r) => ({ componentId: r.component_id, status: r.status, from: r.at }));
}

// ── Incidents ───────────────────────────────────────────────────────────────────────────────

interface IncidentRow {
	id: number;
	kind: IncidentKind;
	title: string;
	impact: Impact;
	status: AnyIncidentStatus;
	created_by: number | null;
	created_at: Date;
	updated_at: Date;
	started_at: Date;
	monitoring_at: Date | null;
	resolved_at: Date | null;
	scheduled_for: Date | null;
	scheduled_until: Date | null;
	auto_transition: boolean;
	postmortem: string | null;
	postmortem_published_at: Date | null;
	version: number;
	linked_tickets: number;
	affected_users: number;
}

const INCIDENT_COLUMNS = (sql: Queryable) => sql`
	i.*,
	(select count(*)::int from tickets t where t.incident_id = i.id) as linked_tickets,
	(select count(*)::int from incident_affected a where a.incident_id = i.id) as affected_users`;

const toSummary = (r: IncidentRow): IncidentSummary => ({
	id: r.id,
	kind: r.kind,
	title: r.title,
	impact: r.impact,
	status: r.status,
	startedAt: r.started_at.toISOString(),
	updatedAt: r.updated_at.toISOString(),
	resolvedAt: iso(r.resolved_at),
	scheduledFor: iso(r.scheduled_for),
	scheduledUntil: iso(r.scheduled_until),
	linkedTickets: r.linked_tickets,
	affectedUsers: r.affected_users
});

export type IncidentHead = Omit<Incident, 'updates' | 'componentIds'>;

const toHead = (r: IncidentRow): IncidentHead => ({
	...toSummary(r),
	createdBy: r.created_by,
	createdAt: r.created_at.toISOString(),
	monitoringAt: iso(r.monitoring_at),
	autoTransition: r.auto_transition,
	postmortem: r.postmortem,
	postmortemPublishedAt: iso(r.postmortem_published_at),
	version: r.version
});

export async function getIncidentHead(
	sql: Queryable,
	id: number,
	options: { lock?: boolean } = {}
): Promise<IncidentHead | null> {
	if (options.lock) await sql`select id from incidents where id = ${id} for update`;
	const [row] = await sql<IncidentRow[]>`
		select ${INCIDENT_COLUMNS(sql)} from incidents i where i.id = ${id}`;
	return row ? toHead(row) : null;
}

export async function getIncidentSummary(
	sql: Queryable,
	id: number
): Promise<IncidentSummary | null> {
	const head = await getIncidentHead(sql, id);
	return head ? summaryOf(head) : null;
}

export const summaryOf = (h: IncidentHead): IncidentSummary => ({
	id: h.id,
	kind: h.kind,
	title: h.title,
	impact: h.impact,
	status: h.status,
	startedAt: h.startedAt,
	updatedAt: h.updatedAt,
	resolvedAt: h.resolvedAt,
	scheduledFor: h.scheduledFor,
	scheduledUntil: h.scheduledUntil,
	linkedTickets: h.linkedTickets,
	affectedUsers: h.affectedUsers
});

export interface IncidentListFilter {
	/** Unresolved incidents and maintenances not completed. */
	open?: boolean;
	kind?: IncidentKind;
	limit: number;
	/** Incidents that started before this one (paging back through history). */
	before?: number;
}

export async function listIncidents(
	sql: Queryable,
	filter: IncidentListFilter
): Promise<IncidentSummary[]> {
	const rows = await sql<IncidentRow[]>`
		select ${INCIDENT_COLUMNS(sql)} from incidents i
		where true
			${filter.open ? sql`and i.resolved_at is null` : sql``}
			${filter.kind ? sql`and i.kind = ${filter.kind}` : sql``}
			${filter.before ? sql`and i.id < ${filter.before}` : sql``}
		order by i.resolved_at is null desc, coalesce(i.scheduled_for, i.started_at) desc, i.id desc
		limit ${filter.limit}`;
	return rows.map(toSummary);
}

export interface NewIncident {
	kind: IncidentKind;
	title: string;
	impact: Impact;
	status: AnyIncidentStatus;
	createdBy: number;
	at: Date;
	scheduledFor: Date | null;
	scheduledUntil: Date | null;
	autoTransition: boolean;
}

export async function insertIncident(sql: Queryable, i: NewIncident): Promise<number> {
	const [row] = await sql<{ id: number }[]>`
		insert into incidents (kind, title, impact, status, created_by, created_at, updated_at,
			started_at, scheduled_for, scheduled_until, auto_transition)
		values (${i.kind}, ${i.title}, ${i.impact}, ${i.status}, ${i.createdBy}, ${i.at}, ${i.at},
			${i.scheduledFor ?? i.at}, ${i.scheduledFor}, ${i.scheduledUntil}, ${i.autoTransition})
		returning id`;
	return row.id;
}

export interface IncidentPatch {
	title?: string;
	impact?: Impact;
	status?: AnyIncidentStatus;
	startedAt?: Date;
	monitoringAt?: Date | null;
	resolvedAt?: Date | null;
	scheduledFor?: Date | null;
	scheduledUntil?: Date | null;
	autoTransition?: boolean;
	postmortem?: string | null;
	postmortemPublishedAt?: Date | null;
	remindedAt?: Date | null;
}

const PATCH_COLUMNS: Record<keyof IncidentPatch, string> = {
	title: 'title',
	impact: 'impact',
	status: 'status',
	startedAt: 'started_at',
	monitoringAt: 'monitoring_at',
	resolvedAt: 'resolved_at',
	scheduledFor: 'scheduled_for',
	scheduledUntil: 'scheduled_until',
	autoTransition: 'auto_transition',
	postmortem: 'postmortem',
	postmortemPublishedAt: 'postmortem_published_at',
	remindedAt: 'reminded_at'
};

/** Apply `patch`, bump the version and `updated_at`. */
export async function patchIncident(
	sql: Queryable,
	id: number,
	patch: IncidentPatch,
	at: Date
): Promise<void> {
	const values: Record<string, unknown> = { updated_at: at };
	for (const [key, value] of Object.entries(patch)) {
		if (value !== undefined) values[PATCH_COLUMNS[key as keyof IncidentPatch]] = value;
	}
	await sql`
		update incidents set ${sql(values as never)}, version = version + 1 where id = ${id}`;
}

export async function incidentComponentIds(sql: Queryable, id: number): Promise<number[]> {
	const rows = await sql<{ component_id: number }[]>`
		select component_id from incident_components where incident_id = ${id}
		order by component_id`;
	return rows.map((r) => r.component_id);
}

export async function setIncidentComponents(
	sql: Queryable,
	id: number,
	componentIds: number[]
): Promise<void> {
	await sql`
		delete from incident_components
		where incident_id = ${id} and component_id <> all(${componentIds}::int[])`;
	if (componentIds.length === 0) return;
	await sql`
		insert into incident_components (incident_id, component_id)
		select ${id}, unnest(${componentIds}::int[])
		on conflict do nothing`;
}

/** Incidents (not resolved) and maintenances (in progress or verifying) touching a component. */
export async function otherOpenIncidentsOn(
	sql: Queryable,
	componentId: number,
	exceptId: number
): Promise<number> {
	const [row] = await sql<{ n: number }[]>`
		select count(*)::int as n from incident_components ic
		join incidents i on i.id = ic.incident_id
		where ic.component_id = ${componentId} and i.id <> ${exceptId}
			and i.resolved_at is null and i.status not in ('scheduled')`;
	return row.n;
}

// ── Updates ─────────────────────────────────────────────────────────────────────────────────

export interface NewUpdate {
	incidentId: number;
	status: AnyIncidentStatus;
	bodyEn: string;
	bodyDe: string;
	authorId: number | null;
	at: Date;
	displayAt: Date;
	nextUpdateAt: Date | null;
}

export async function insertUpdate(sql: Queryable, u: NewUpdate): Promise<number> {
	const [row] = await sql<{ id: number }[]>`
		insert into incident_updates (incident_id, status, body_en, body_de, author_id, created_at,
			display_at, next_update_at)
		values (${u.incidentId}, ${u.status}, ${u.bodyEn}, ${u.bodyDe}, ${u.authorId}, ${u.at},
			${u.displayAt}, ${u.nextUpdateAt})
		returning id`;
	return row.id;
}

export async function insertUpdateComponents(
	sql: Queryable,
	updateId: number,
	changes: AffectedComponent[]
): Promise<void> {
	if (changes.length === 0) return;
	await sql`
		insert into incident_update_components (update_id, component_id, old_status, new_status)
		select ${updateId}, * from unnest(
			${changes.map((c) => c.componentId)}::int[],
			${changes.map((c) => c.oldStatus)}::text[],
			${changes.map((c) => c.newStatus)}::text[])`;
}

interface UpdateRow {
	id: number;
	incident_id: number;
	status: AnyIncidentStatus;
	body_en: string;
	body_de: string;
	author_id: number | null;
	author_name: string | null;
	created_at: Date;
	display_at: Date;
	next_update_at: Date | null;
	affected: Array<{ id: number; name: string; old: ComponentStatus; new: ComponentStatus }> | null;
}

const toUpdate = (r: UpdateRow): IncidentUpdate => ({
	id: r.id,
	incidentId: r.incident_id,
	status: r.status,
	bodyEn: r.body_en,
	bodyDe: r.body_de,
	authorId: r.author_id,
	authorName: r.author_name,
	createdAt: r.created_at.toISOString(),
	displayAt: r.display_at.toISOString(),
	nextUpdateAt: iso(r.next_update_at),
	affectedComponents: (r.affected ?? []).map((a) => ({
		componentId: a.id,
		name: a.name,
		oldStatus: a.old,
		newStatus: a.new
	}))
});

/** The timelines of `incidentIds`, newest update first. */
export async function listUpdates(
	sql: Queryable,
	incidentIds: number[]
): Promise<IncidentUpdate[]> {
	if (incidentIds.length === 0) return [];
	const rows = await sql<UpdateRow[]>`
		select u.*, a.name as author_name,
			(select json_agg(json_build_object('id', c.id, 'name', c.name,
					'old', uc.old_status, 'new', uc.new_status) order by c.position, c.id)
				from incident_update_components uc join components c on c.id = uc.component_id
				where uc.update_id = u.id) as affected
		from incident_updates u left join users a on a.id = u.author_id
		where u.incident_id = any(${incidentIds}::int[])
		order by u.display_at desc, u.id desc`;
	return rows.map(toUpdate);
}

export async function getUpdate(sql: Queryable, id: number): Promise<IncidentUpdate | null> {
	const [row] = await sql<UpdateRow[]>`
		select u.*, a.name as author_name,
			(select json_agg(json_build_object('id', c.id, 'name', c.name,
					'old', uc.old_status, 'new', uc.new_status) order by c.position, c.id)
				from incident_update_components uc join components c on c.id = uc.component_id
				where uc.update_id = u.id) as affected
		from incident_updates u left join users a on a.id = u.author_id
		where u.id = ${id}`;
	return row ? toUpdate(row) : null;
}

// ── Notes ───────────────────────────────────────────────────────────────────────────────────

export async function insertNote(
	sql: Queryable,
	note: { incidentId: number; authorId: number; body: string; at: Date }
): Promise<IncidentNote> {
	const [row] = await sql<{ id: number; author_name: string | null; created_at: Date }[]>`
		with n as (
			insert into incident_notes (incident_id, author_id, body, created_at)
			values (${note.incidentId}, ${note.authorId}, ${note.body}, ${note.at})
			returning id, author_id, created_at)
		select n.id, n.created_at, u.name as author_name from n left join users u on u.id = n.author_id`;
	return {
		id: row.id,
		authorId: note.authorId,
		authorName: row.author_name,
		body: note.body,
		createdAt: row.created_at.toISOString()
	};
}

export async function listNotes(sql: Queryable, incidentId: number): Promise<IncidentNote[]> {
	const rows = await sql<
		{
			id: number;
			author_id: number | null;
			author_name: string | null;
			body: string;
			created_at: Date;
		}[]
	>`
		select n.id, n.author_id, u.name as author_name, n.body, n.created_at
		from incident_notes n left join users u on u.id = n.author_id
		where n.incident_id = ${incidentId} order by n.id`;
	return rows.map((r) => ({
		id: r.id,
		authorId: r.author_id,
		authorName: r.author_name,
		body: r.body,
		createdAt: r.created_at.toISOString()
	}));
}

// ── Templates ───────────────────────────────────────────────────────────────────────────────

interface TemplateRow {
	id: number;
	name: string;
	purpose: IncidentTemplate['purpose'];
	status: AnyIncidentStatus | null;
	title: string;
	body_en: string;
	body_de: string;
}

const toTemplate = (r: TemplateRow): IncidentTemplate => ({
	id: r.id,
	name: r.name,
	purpose: r.purpose,
	status: r.status,
	title: r.title,
	bodyEn: r.body_en,
	bodyDe: r.body_de
});

export async function listTemplates(sql: Queryable): Promise<IncidentTemplate[]> {
	const rows = await sql<TemplateRow[]>`
		select id, name, purpose, status, title, body_en, body_de from incident_templates
		order by purpose, lower(name)`;
	return rows.map(toTemplate);
}

export async function getTemplate(sql: Queryable, id: number): Promise<IncidentTemplate | null> {
	const [row] = await sql<TemplateRow[]>`
		select id, name, purpose, status, title, body_en, body_de from incident_templates
		where id = ${id}`;
	return row ? toTemplate(row) : null;
}

export async function upsertTemplate(
	sql: Queryable,
	id: number | null,
	t: Omit<IncidentTemplate, 'id'>
): Promise<IncidentTemplate | null> {
	const [row] = id
		? await sql<TemplateRow[]>`
			update incident_templates set name = ${t.name}, purpose = ${t.purpose},
				status = ${t.status}, title = ${t.title}, body_en = ${t.bodyEn}, body_de = ${t.bodyDe},
				updated_at = now()
			where id = ${id} returning *`
		: await sql<TemplateRow[]>`
			insert into incident_templates (name, purpose, status, title, body_en, body_de)
			values (${t.name}, ${t.purpose}, ${t.status}, ${t.title}, ${t.bodyEn}, ${t.bodyDe})
			returning *`;
	return row ? toTemplate(row) : null;
}

export async function deleteTemplate(sql: Queryable, id: number): Promise<boolean> {
	const rows = await sql`delete from incident_templates where id = ${id} returning id`;
	return rows.length > 0;
}

export async function templateNameTaken(
	sql: Queryable,
	name: string,
	exceptId: number | null
): Promise<boolean> {
	const rows = await sql`
		select 1 from incident_templates
		where lower(name) = lower(${name}) and id <> ${exceptId ?? 0}`;
	return rows.length > 0;
}

// ── Tickets and affected people ─────────────────────────────────────────────────────────────

export interface LinkableTicket {
	id: number;
	number: number;
	requesterId: number;
	incidentId: number | null;
	title: string;
}

/** Lock tickets by number for linking (the number is the id). */
export async function lockTickets(sql: Queryable, numbers: number[]): Promise<LinkableTicket[]> {
	if (numbers.length === 0) return [];
	const rows = await sql<
		{ id: number; requester_id: number; incident_id: number | null; title: string }[]
	>`
		select id, requester_id, incident_id, title from tickets
		where id = any(${numbers}::int[]) and merged_into_id is null
		order by id for update`;
	return rows.map((r) => ({
		id: r.id,
		number: r.id,
		requesterId: r.requester_id,
		incidentId: r.incident_id,
		title: r.title
	}));
}

export async function setTicketsIncident(
	sql: Queryable,
	ticketIds: number[],
	incidentId: number | null
): Promise<void> {
	if (ticketIds.length === 0) return;
	await sql`
		update tickets set incident_id = ${incidentId}, version = version + 1, updated_at = now()
		where id = any(${ticketIds}::int[])`;
}

export async function countLinked(sql: Queryable, incidentId: number): Promise<number> {
	const [row] = await sql<{ n: number }[]>`
		select count(*)::int as n from tickets where incident_id = ${incidentId}`;
	return row.n;
}

export interface TicketSuggestion {
	number: number;
	title: string;
	status: string;
	createdAt: string;
	categoryId: number;
	/** The category's English and German names. */
	category: string;
	categoryDe: string;
	requester: string;
	/** Why it is suggested: shared words, the time window, the category of linked tickets. */
	score: number;
}

/**
 * Unlinked active tickets that look like this incident: opened from an hour before it started,
 * ranked by words shared with its title and updates and by the categories of tickets already
 * linked to it.
 */
export async function suggestTickets(
	sql: Queryable,
	incidentId: number,
	words: string[],
	limit: number
): Promise<TicketSuggestion[]> {
	const query = words.join(' | ');
	const rows = await sql<
		{
			id: number;
			title: string;
			status: string;
			created_at: Date;
			category_id: number;
			category: string;
			category_de: string;
			requester: string;
			score: number;
		}[]
	>`
		with inc as (select started_at from incidents where id = ${incidentId}),
		linked_categories as (
			select category_id, count(*) as n from tickets where incident_id = ${incidentId}
			group by category_id
		)
		select t.id, t.title, t.status, t.created_at, t.category_id, c.name_en as category,
			c.name_de as category_de,
			u.name as requester,
			(${
				query === ''
					? sql`0`
					: sql`ts_rank(to_tsvector('simple', t.title || ' ' || t.body),
				to_tsquery('simple', ${query}))`
			}
				+ case when lc.n is not null then 0.5 else 0 end)::float8 as score
		from tickets t
		join categories c on c.id = t.category_id
		join users u on u.id = t.requester_id
		left join linked_categories lc on lc.category_id = t.category_id
		cross join inc
		where t.incident_id is null and t.merged_into_id is null
			and t.status not in ('resolved', 'closed')
			and t.created_at >= inc.started_at - interval '1 hour'
			and (${
				query === ''
					? sql`true`
					: sql`to_tsvector('simple', t.title || ' ' || t.body)
				@@ to_tsquery('simple', ${query})`
			} or lc.n is not null)
		order by score desc, t.created_at desc
		limit ${limit}`;
	return rows.map((r) => ({
		number: r.id,
		title: r.title,
		status: r.status,
		createdAt: r.created_at.toISOString(),
		categoryId: r.category_id,
		category: r.category,
		categoryDe: r.category_de,
		requester: r.requester,
		score: r.score
	}));
}

/** Record that `userId` is affected by the incident; false if they had said so already. */
export async function insertAffected(
	sql: Queryable,
	incidentId: number,
	userId: number
): Promise<boolean> {
	const rows = await sql`
		insert into incident_affected (incident_id, user_id) values (${incidentId}, ${userId})
		on conflict do nothing returning user_id`;
	return rows.length > 0;
}

export async function countAffected(sql: Queryable, incidentId: number): Promise<number> {
	const [row] = await sql<{ n: number }[]>`
		select count(*)::int as n from incident_affected where incident_id = ${incidentId}`;
	return row.n;
}

export async function userIsAffected(
	sql: Queryable,
	incidentId: number,
	userId: number
): Promise<boolean> {
	const rows = await sql`
		select 1 from incident_affected where incident_id = ${incidentId} and user_id = ${userId}`;
	return rows.length > 0;
}

/** Linked open tickets not yet answered for the incident's resolution, a batch at a time. */
export async function ticketsToAnswer(
	sql: Queryable,
	incidentId: number,
	limit: number,
	skip: number[] = []
): Promise<number[]> {
	const rows = await sql<{ id: number }[]>`
		select t.id from tickets t
		where t.incident_id = ${incidentId} and t.status not in ('resolved', 'closed')
			and t.id <> all(${skip}::int[])
			and not exists (select 1 from incident_ticket_replied r
				where r.incident_id = ${incidentId} and r.ticket_id = t.id)
		order by t.id limit ${limit}`;
	return rows.map((r) => r.id);
}

export async function markAnswered(sql: Queryable, incidentId: number, ticketId: number) {
	await sql`
		insert into incident_ticket_replied (incident_id, ticket_id) values (${incidentId}, ${ticketId})
		on conflict do nothing`;
}

export interface ReplyRequest {
	incidentId: number;
	body: string;
	resolve: boolean;
	requestedBy: number | null;
}

export async function insertReplyRequest(sql: Queryable, r: ReplyRequest) {
	await sql`
		insert into incident_ticket_replies (incident_id, body, resolve, requested_by)
		values (${r.incidentId}, ${r.body}, ${r.resolve}, ${r.requestedBy})
		on conflict (incident_id) do update set body = excluded.body, resolve = excluded.resolve,
			requested_by = excluded.requested_by, done_at = null, leased_until = null`;
}

/**
 * Take a pending reply request (one incident, or any) for `leaseMs`: atomic across nodes, with no
 * transaction held while the replies go out.
 */
export async function claimReplyRequest(
	sql: Queryable,
	leaseMs: number,
	incidentId?: number
): Promise<ReplyRequest | null> {
	const [row] = await sql<
		{ incident_id: number; body: string; resolve: boolean; requested_by: number | null }[]
	>`
		update incident_ticket_replies set leased_until = now() + make_interval(secs => ${leaseMs / 1000})
		where incident_id = (
			select incident_id from incident_ticket_replies
			where done_at is null and (leased_until is null or leased_until < now())
				${incidentId ? sql`and incident_id = ${incidentId}` : sql``}
			order by created_at limit 1 for update skip locked)
		returning incident_id, body, resolve, requested_by`;
	return row
		? {
				incidentId: row.incident_id,
				body: row.body,
				resolve: row.resolve,
				requestedBy: row.requested_by
			}
		: null;
}

export async function finishReplyRequest(
	sql: Queryable,
	incidentId: number,
	answered: number,
	failed: number[]
) {
	await sql`
		update incident_ticket_replies set done_at = now(), leased_until = null,
			answered = answered + ${answered}, failed = ${failed}::int[]
		where incident_id = ${incidentId}`;
}

/** Scheduled maintenance starting within `withinMs` whose subscribers were not reminded yet. */
export async function dueReminders(sql: Queryable, now: Date, withinMs: number): Promise<number[]> {
	const rows = await sql<{ id: number }[]>`
		select id from incidents
		where kind = 'maintenance' and status = 'scheduled' and reminded_at is null
			and scheduled_for > ${now}
			and scheduled_for <= ${new Date(now.getTime() + withinMs)}
			-- announced well before: a reminder right after the announcement says nothing new
			and created_at < scheduled_for - make_interval(secs => ${withinMs / 1000})
		order by scheduled_for limit 50`;
	return rows.map((r) => r.id);
}

/** Mark the reminder sent; false if another node did so first. */
export async function markReminded(sql: Queryable, id: number, at: Date): Promise<boolean> {
	const rows = await sql`
		update incidents set reminded_at = ${at} where id = ${id} and reminded_at is null
		returning id`;
	return rows.length > 0;
}

// ── Maintenance due for an automatic step ──────────────────────────────────────────────────

export async function dueMaintenance(
	sql: Queryable,
	now: Date
): Promise<Array<{ id: number; status: AnyIncidentStatus; step: 'start' | 'complete' }>> {
	const rows = await sql<{ id: number; status: AnyIncidentStatus; step: 'start' | 'complete' }[]>`
		select id, status,
			case when status = 'scheduled' and scheduled_until > ${now} then 'start' else 'complete' end
				as step
		from incidents
		where kind = 'maintenance' and auto_transition
			and ((status = 'scheduled' and scheduled_for <= ${now})
				or (status in ('scheduled', 'in_progress', 'verifying') and scheduled_until <= ${now}))
		order by scheduled_for, id
		limit 50`;
	return rows;
}

// ── What the desk, the portal and the wall read besides ────────────────────────────────────

export interface LinkedTicket {
	number: number;
	title: string;
	status: string;
	requester: string;
	createdAt: string;
}

/** Tickets linked to the incident, newest first (at most `limit`). */
export async function listLinkedTickets(
	sql: Queryable,
	incidentId: number,
	limit = 500
): Promise<LinkedTicket[]> {
	const rows = await sql<
		{ id: number; title: string; status: string; requester: string; created_at: Date }[]
	>`
		select t.id, t.title, t.status, u.name as requester, t.created_at
		from tickets t join users u on u.id = t.requester_id
		where t.incident_id = ${incidentId}
		order by t.id desc limit ${limit}`;
	return rows.map((r) => ({
		number: r.id,
		title: r.title,
		status: r.status,
		requester: r.requester,
		createdAt: r.created_at.toISOString()
	}));
}

/** An active incident with the words a requester's new ticket is matched against. */
export interface MatchableIncident extends IncidentSummary {
	/** Title and the affected components' names (messages are too wordy to match on). */
	text: string;
	/** Categories of the tickets linked to it. */
	categoryIds: number[];
	/** The newest public message in each language. */
	latestEn: string;
	latestDe: string;
}

/** Incidents not resolved, with their words (at most 50): the input of "I am affected too". */
export async function matchableIncidents(sql: Queryable): Promise<MatchableIncident[]> {
	const rows = await sql<
		(IncidentRow & {
			text: string | null;
			category_ids: number[] | null;
			latest_en: string | null;
			latest_de: string | null;
		})[]
	>`
		select ${INCIDENT_COLUMNS(sql)},
			coalesce((select string_agg(c.name, ' ') from incident_components ic
				join components c on c.id = ic.component_id where ic.incident_id = i.id), '') as text,
			(select array_agg(distinct t.category_id) from tickets t where t.incident_id = i.id)
				as category_ids,
			(select u.body_en from incident_updates u where u.incident_id = i.id and u.body_en <> ''
				order by u.display_at desc, u.id desc limit 1) as latest_en,
			(select u.body_de from incident_updates u where u.incident_id = i.id and u.body_de <> ''
				order by u.display_at desc, u.id desc limit 1) as latest_de
		from incidents i
		where i.kind = 'incident' and i.resolved_at is null and i.status <> 'resolved'
		order by i.started_at desc, i.id desc
		limit 50`;
	return rows.map((r) => ({
		...toSummary(r),
		text: `${r.title} ${r.text ?? ''}`,
		categoryIds: r.category_ids ?? [],
		latestEn: r.latest_en ?? '',
		latestDe: r.latest_de ?? ''
	}));
}

/** The incidents among `ids` that `userId` said they are affected by. */
export async function affectedAmong(
	sql: Queryable,
	userId: number,
	ids: number[]
): Promise<Set<number>> {
	if (ids.length === 0) return new Set();
	const rows = await sql<{ incident_id: number }[]>`
		select incident_id from incident_affected
		where user_id = ${userId} and incident_id = any(${ids}::int[])`;
	return new Set(rows.map((r) => r.incident_id));
}

// ── Demo data ───────────────────────────────────────────────────────────────────────────────

/** Components with their history start `days` ago (the demo's 90 days of uptime bars). */
export async function backdateComponents(sql: Queryable, since: Date): Promise<void> {
	await sql`update components set start_date = ${since}::date, created_at = ${since}`;
	await sql`
		update component_status_history h set at = ${since}
		where h.id in (select min(id) from component_status_history group by component_id)`;
}

/** Past status changes not tied to an incident (short degradations), as they were recorded. */
export async function insertComponentHistory(
	sql: Queryable,
	rows: Array<{ componentId: number; status: ComponentStatus; at: Date }>
): Promise<void> {
	if (rows.length === 0) return;
	await sql`
		insert into component_status_history (component_id, status, at)
		select * from unnest(${rows.map((r) => r.componentId)}::int[],
			${rows.map((r) => r.status)}::text[], ${rows.map((r) => r.at.toISOString())}::timestamptz[])`;
}

export async function countComponents(sql: Queryable): Promise<number> {
	const [row] = await sql<{ n: number }[]>`select count(*)::int as n from components`;
	return row.n;
}
