import type { Queryable } from '../db/client';
import type { SlaMetric } from '../sla/clock';
import type { Priority } from '$lib/types/ticket';

export interface EscalationRule {
	id: number;
	name: string;
	trigger: 'warning' | 'breach';
	metric: SlaMetric | null;
	priorities: Priority[];
	groupIds: number[];
	escalate: boolean;
	notifyLead: boolean;
	active: boolean;
}

interface RuleRow {
	id: number;
	name: string;
	trigger: 'warning' | 'breach';
	metric: SlaMetric | null;
	priorities: Priority[];
	group_ids: number[];
	escalate: boolean;
	notify_lead: boolean;
	active: boolean;
}

const toRule = (r: RuleRow): EscalationRule => ({
	id: r.id,
	name: r.name,
	trigger: r.trigger,
	metric: r.metric,
	priorities: r.priorities.map(Number) as Priority[],
	groupIds: r.group_ids.map(Number),
	escalate: r.escalate,
	notifyLead: r.notify_lead,
	active: r.active
});

/** Does `rule` apply to this SLA signal? An empty group list means every group. */
export function ruleMatches(
	rule: EscalationRule,
	s: { trigger: 'warning' | 'breach'; metric: SlaMetric; priority: Priority; groupId: number }
): boolean {
	return (
		rule.active &&
		rule.trigger === s.trigger &&
		(rule.metric === null || rule.metric === s.metric) &&
		rule.priorities.includes(s.priority) &&
		(rule.groupIds.length === 0 || rule.groupIds.includes(s.groupId))
	);
}

export async function listRules(sql: Queryable): Promise<EscalationRule[]> {
	const rows = await sql<RuleRow[]>`select * from escalation_rules order by id`;
	return rows.map(toRule);
}

export async function matchingRules(
	sql: Queryable,
	s: { trigger: 'warning' | 'breach'; metric: SlaMetric; priority: Priority; groupId: number }
): Promise<EscalationRule[]> {
	return (await listRules(sql)).filter((r) => ruleMatches(r, s));
}

export type RuleInput = Omit<EscalationRule, 'id'>;

export async function insertRule(sql: Queryable, r: RuleInput): Promise<number> {
	const [row] = await sql<{ id: number }[]>`
		insert into escalation_rules (name, trigger, metric, priorities, group_ids, escalate, notify_lead, active)
		values (${r.name}, ${r.trigger}, ${r.metric}, ${r.priorities}::smallint[], ${r.groupIds}::int[],
			${r.escalate}, ${r.notifyLead}, ${r.active})
		returning id`;
	return row.id;
}

export async function updateRule(sql: Queryable, id: number, r: RuleInput): Promise<void> {
	await sql`
		update escalation_rules set name = ${r.name}, trigger = ${r.trigger}, metric = ${r.metric},
			priorities = ${r.priorities}::smallint[], group_ids = ${r.groupIds}::int[],
			escalate = ${r.escalate}, notify_lead = ${r.notifyLead}, active = ${r.active}
		where id = ${id}`;
}

export async function deleteRule(sql: Queryable, id: number): Promise<void> {
	await sql`delete from escalation_rules where id = ${id}`;
}

/**
 * The group that works `categoryId` at `level`: the category's level-1 group, or the group its
 * escalation path names for level 2 or 3 (null when none is set).
 */
export async function pathGroup(
	sql: Queryable,
	categoryId: number,
	level: 1 | 2 | 3
): Promise<number | null> {
	const [row] = await sql<{ id: number | null }[]>`
		select case ${level}::int when 1 then group_id when 2 then level2_group_id else level3_group_id end as id
		from categories where id = ${categoryId}`;
	return row?.id ?? null;
}

/** The group a ticket was escalated away from at `level`, most recent first (null: never). */
export async function escalatedFrom(
	sql: Queryable,
	ticketId: number,
	level: 1 | 2 | 3
): Promise<number | null> {
	const [row] = await sql<{ id: number | null }[]>`
		select (e.payload->>'fromGroupId')::int as id from events e
		join groups g on g.id = (e.payload->>'fromGroupId')::int and g.level = ${level}
		where e.topic = ${'ticket:' + ticketId} and e.type = 'ticket.escalated'
			and (e.payload->>'fromLevel')::int = ${level}
		order by e.id desc limit 1`;
	return row?.id ?? null;
}

/** Set a category's level-2 and level-3 groups by name where none is set yet (demo data). */
export async function fillPathByGroupNames(
	sql: Queryable,
	categoryKey: string,
	level2Group: string,
	level3Group: string
): Promise<void> {
	await sql`
		update categories set
			level2_group_id = coalesce(level2_group_id, (select id from groups where name = ${level2Group})),
			level3_group_id = coalesce(level3_group_id, (select id from groups where name = ${level3Group}))
		where key = ${categoryKey}`;
}
