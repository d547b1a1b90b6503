// Shapes the agent desk passes between its server code and its pages.
import type { Level, TicketComment, TicketDetail } from './ticket';

export const DESK_QUEUES = [
	'mine',
	'groups',
	'l1',
	'l2',
	'l3',
	'unassigned',
	'at_risk',
	'breached'
] as const;
export type DeskQueue = (typeof DESK_QUEUES)[number];
export type QueueCounts = Record<DeskQueue, number>;

export const DESK_SORTS = ['due', 'newest', 'updated', 'priority'] as const;
export type DeskSort = (typeof DESK_SORTS)[number];

export interface DeskGroup {
	id: number;
	name: string;
	level: Level;
	area: string;
}

/** The ticket as the agent saw it when the form was rendered; every write form carries it. */
export interface SeenTicket {
	version: number;
	status: string;
	priority: number;
	categoryId: number;
	assigneeId: number | null;
	groupId: number;
	level: number;
	title: string;
	lastCommentId: number;
}

/** What the agent sees of `t` now: the guard every desk form carries. */
export function seenOf(t: TicketDetail): SeenTicket {
	return {
		version: t.version,
		status: t.status,
		priority: t.priority,
		categoryId: t.category.id,
		assigneeId: t.assignee?.id ?? null,
		groupId: t.group.id,
		level: t.level,
		title: t.title,
		lastCommentId: t.comments.reduce((max, c) => Math.max(max, c.id), 0)
	};
}

/** The desk's write actions (form action names on the ticket page). */
export type DeskAction =
	'claim' | 'update' | 'comment' | 'escalate' | 'handBack' | 'notifyLead' | 'link' | 'merge';

/** One field that differs between the seen and the current ticket (display values). */
export interface ConflictChange {
	field: 'status' | 'priority' | 'level' | 'group' | 'assignee' | 'category' | 'title';
	/** Status code, priority number, or a name; null = none (e.g. unassigned). */
	from: string | null;
	to: string | null;
}

/** What a stale write returns: what changed, and how to apply the agent's change again. */
export interface Conflict {
	action: DeskAction;
	/** The submitted fields (without version/seen), to resubmit on the current version. */
	values: Record<string, string>;
	current: SeenTicket;
	changes: ConflictChange[];
	/** Comments and notes added since the agent loaded the ticket. */
	newComments: TicketComment[];
}
