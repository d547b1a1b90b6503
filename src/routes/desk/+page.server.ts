import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import * as desk from '$lib/server/desk/db';
import * as tickets from '$lib/server/tickets/db';
import { getLocale } from '$lib/paraglide/runtime';
import { DESK_QUEUES, DESK_SORTS, type DeskQueue, type DeskSort } from '$lib/types/desk';
import {
	ACTIVE_STATUSES,
	TICKET_STATUSES,
	type Priority,
	type TicketStatus
} from '$lib/types/ticket';
import type { SessionUser } from '$lib/types/user';
import type { PageServerLoad } from './$types';

/** Rows per page; the queue says so when there are more. */
const PAGE_SIZE = 100;

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

export const load: PageServerLoad = async (event) => {
	const me = requireRole(event, 'agent', 'lead', 'admin');
	const { db } = await app();
	const locale = getLocale();
	const params = event.url.searchParams;

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
	const categoryId = Number.isInteger(categoryParam) && categoryParam > 0 ? categoryParam : null;
	const search = (params.get('search') ?? '').trim().slice(0, 200);
	// A ticket number is unique: find it in any queue and status.
	const byNumber = /^#?\d{1,9}$/.test(search);

	const filter: tickets.TicketFilter = byNumber
		? { search }
		: {
				...queueFilter(queue, me),
				statuses:
					status === 'all' ? undefined : status ? [status as TicketStatus] : [...ACTIVE_STATUSES],
				priorities: priority ? [priority] : undefined,
				categoryId: categoryId ?? undefined,
				search: search || undefined
			};

	const [rows, counts, categories] = await Promise.all([
		tickets.listTickets(db.sql, { ...filter, sort, limit: PAGE_SIZE + 1 }, locale),
		desk.queueCounts(
			db.sql,
			me.id,
			me.groups.map((g) => g.id)
		),
		tickets.listCategories(db.sql, locale)
	]);

	return {
		me,
		queue,
		filters: { status, priority, categoryId, search, sort, byNumber },
		tickets: rows.slice(0, PAGE_SIZE),
		more: rows.length > PAGE_SIZE,
		counts,
		categories,
		now: Date.now()
	};
};
