// One desk queue page's data: the rows of a queue in its order, the tab counts and the stream
// position, from one snapshot. The route and the desk benchmark both call this.
import type { Database } from '../db/client';
import { streamMark } from '../events/db';
import * as tickets from '../tickets/db';
import * as desk from './db';
import { DESK_QUEUES, DESK_SORTS, type DeskQueue, type DeskSort } from '$lib/types/desk';
import {
	ACTIVE_STATUSES,
	TICKET_STATUSES,
	type Priority,
	type TicketStatus
} from '$lib/types/ticket';
import type { Locale, SessionUser } from '$lib/types/user';

/** Rows per page; the queue says so when there are more. */
export const PAGE_SIZE = 100;
const MAX_ID = 2_147_483_647;

const pick = <T extends string>(options: readonly T[], raw: string | null, fallback: T): T =>
	options.includes(raw as T) ? (raw as T) : fallback;

function queueFilter(queue: DeskQueue, me: SessionUser): tickets.TicketFilter {
	switch (queue) {
		case 'mine':
			return { assigneeId: me.id };
		case 'groups':
			return { groupIds: me.groups.map((g) => g.id) };
		case 'l1':
			return { level: 1 };
		case 'l2':
			return { level: 2 };
		case 'l3':
			return { level: 3 };
		case 'unassigned':
			return { unassigned: true };
		case 'at_risk':
			return { sla: 'at_risk' };
		case 'breached':
			return { sla: 'breached' };
	}
}

/** The queue and filters a desk URL asks for; anything unknown falls back to the default. */
export function parseQueueQuery(params: URLSearchParams, me: SessionUser) {
	const queue = pick(DESK_QUEUES, params.get('queue'), me.groups.length > 0 ? 'groups' : 'l1');
	const sort: DeskSort = pick(DESK_SORTS, params.get('sort'), 'due');
	const statusParam = params.get('status') ?? '';
	const status =
		statusParam === 'all' || TICKET_STATUSES.includes(statusParam as TicketStatus)
			? statusParam
			: '';
	const priorityParam = Number(params.get('priority'));
	const priority = [1, 2, 3, 4].includes(priorityParam) ? (priorityParam as Priority) : null;
	const categoryParam = Number(params.get('category'));
	const categoryId =
		Number.isInteger(categoryParam) && categoryParam > 0 && categoryParam <= MAX_ID
			? categoryParam
			: null;
	const search = (params.get('search') ?? '').trim().slice(0, 200);
	// A ticket number is unique: find it in any queue and status.
	const byNumber = /^#?\d{1,9}$/.test(search);
	return { queue, filters: { status, priority, categoryId, search, sort, byNumber } };
}

export type QueueQuery = ReturnType<typeof parseQueueQuery>;

export async function loadQueue(db: Database, me: SessionUser, query: QueueQuery, locale: Locale) {
	const { queue, filters } = query;
	const filter: tickets.TicketFilter = filters.byNumber
		? { search: filters.search }
		: {
				...queueFilter(queue, me),
				statuses:
					filters.status === 'all'
						? undefined
						: filters.status
							? [filters.status as TicketStatus]
							: [...ACTIVE_STATUSES],
				priorities: filters.priority ? [filters.priority] : undefined,
				categoryId: filters.categoryId ?? undefined,
				search: filters.search || undefined,
				searchInternal: true
			};
	// One snapshot for the rows, the counts and the stream position: the page then applies every
	// later event exactly once (counts move by deltas, so "later" must be exact).
	const { rows, counts, categories, stream } = await db.sql.begin(
		'isolation level repeatable read read only',
		async (sql) => ({
			stream: await streamMark(sql),
			rows: await tickets.listTickets(
				sql,
				{ ...filter, sort: filters.sort, limit: PAGE_SIZE + 1 },
				locale
			),
			counts: await desk.queueCounts(
				sql,
				me.id,
				me.groups.map((g) => g.id)
			),
			categories: await tickets.listCategories(sql, locale)
		})
	);
	return {
		stream,
		queue,
		filters,
		tickets: rows.slice(0, PAGE_SIZE),
		more: rows.length > PAGE_SIZE,
		counts,
		categories
	};
}
