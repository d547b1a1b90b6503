// Read queries the agent desk needs beyond the ticket lists: queue counts, groups, assignees.
import type { Queryable } from '$lib/server/db/client';
import type { Level, PersonRef } from '$lib/types/ticket';
import type { DeskGroup, QueueCounts } from '$lib/types/desk';

/**
 * Open tickets per desk queue, in one pass over the active tickets' read model (the SLA state is
 * kept on the ticket), so a tab's count matches the rows `listTickets` shows for it.
 */
export async function queueCounts(
	sql: Queryable,
	userId: number,
	groupIds: number[]
): Promise<QueueCounts> {
	const [row] = await sql<QueueCounts[]>`
		select
			count(*) filter (where t.assignee_id = ${userId})::int as mine,
			count(*) filter (where t.group_id = any(${groupIds}::int[]))::int as groups,
			count(*) filter (where t.level = 1)::int as l1,
			count(*) filter (where t.level = 2)::int as l2,
			count(*) filter (where t.level = 3)::int as l3,
			count(*) filter (where t.assignee_id is null)::int as unassigned,
			count(*) filter (where t.sla_state = 'warning')::int as at_risk,
			count(*) filter (where t.sla_state = 'breached')::int as breached
		from tickets t
		where t.status in ('new', 'open', 'pending', 'on_hold')`;
	return row;
}

/** Every group with its level, for escalation and hand-back targets. */
export async function listGroups(sql: Queryable): Promise<DeskGroup[]> {
	return sql<DeskGroup[]>`
		select id, name, level::int as level, area from groups order by level, name`;
}

/** Active staff in `groupId`: the people a ticket of that group can be assigned to. */
export async function groupMembers(sql: Queryable, groupId: number): Promise<PersonRef[]> {
	return sql<PersonRef[]>`
		select u.id, u.name from group_members m join users u on u.id = m.user_id
		where m.group_id = ${groupId} and u.active and u.role in ('agent', 'lead', 'admin')
		order by u.name`;
}

/** The parts of a ticket an agent acts on, read fresh for conflict checks. */
export interface TicketState {
	version: number;
	status: string;
	priority: number;
	categoryId: number;
	assigneeId: number | null;
	groupId: number;
	level: Level;
	title: string;
	lastCommentId: number;
}

export async function ticketState(sql: Queryable, number: number): Promise<TicketState | null> {
	const [row] = await sql<TicketState[]>`
		select t.version, t.status, t.priority::int as "priority", t.category_id as "categoryId",
			t.assignee_id as "assigneeId", t.group_id as "groupId", t.level::int as level, t.title,
			coalesce((select max(c.id) from ticket_comments c where c.ticket_id = t.id), 0)::int
				as "lastCommentId"
		from tickets t where t.id = ${number}`;
	return row ?? null;
}
