// Escalation: where a ticket goes when it moves between levels, and what SLA signals lead to.
// A ticket's area (its category) decides the group at every level: its escalation path.
import type { Queryable } from '../db/client';
import type { SlaMetric } from '../sla/clock';
import { escalatedFrom, matchingRules, pathGroup, type EscalationRule } from './db';
import type { Level, Priority } from '$lib/types/ticket';

/** The group to escalate a ticket of `categoryId` to at `level`, by its escalation path. */
export function escalationTarget(
	sql: Queryable,
	categoryId: number,
	level: Level
): Promise<number | null> {
	return pathGroup(sql, categoryId, level);
}

/**
 * The group to hand a ticket back to at `level`: the one it was escalated from at that level if
 * there was one, else the group its category's path names for that level.
 */
export async function handBackTarget(
	sql: Queryable,
	ticket: { id: number; categoryId: number },
	level: Level
): Promise<number | null> {
	return (await escalatedFrom(sql, ticket.id, level)) ?? pathGroup(sql, ticket.categoryId, level);
}

/** The active rules that react to this SLA signal. */
export function rulesFor(
	sql: Queryable,
	signal: { trigger: 'warning' | 'breach'; metric: SlaMetric; priority: Priority; groupId: number }
): Promise<EscalationRule[]> {
	return matchingRules(sql, signal);
}
