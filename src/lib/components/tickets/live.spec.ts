import { describe, expect, it } from 'vitest';
import {
	applyCounts,
	applyPortalEvent,
	applyQueueEvent,
	applyTicketEvent,
	keyOf,
	matchesView,
	type QueueView
} from './live';
import type { LeitstandEvent } from '$lib/types/events';
import type { TicketDetail, TicketSummary } from '$lib/types/ticket';
import type { QueueCounts } from '$lib/types/desk';

const summary = (number: number, over: Partial<TicketSummary> = {}): TicketSummary => ({
	number,
	title: `Ticket ${number}`,
	status: 'open',
	priority: 3,
	level: 1,
	category: { id: 1, key: 'network', name: 'Network' },
	group: { id: 10, name: 'Service Desk', level: 1 },
	assignee: null,
	requester: { id: 7, name: 'Uma' },
	createdAt: '2026-11-29T08:00:00.000Z',
	updatedAt: '2026-11-29T08:00:00.000Z',
	version: 1,
	nextDueAt: '2026-11-29T12:00:00.000Z',
	slaState: 'ok',
	...over
});

const detail = (over: Partial<TicketDetail> = {}): TicketDetail => ({
	...summary(42),
	body: 'It broke.',
	urgency: 2,
	impact: 2,
	firstRespondedAt: null,
	resolvedAt: null,
	closedAt: null,
	mergedInto: null,
	related: [],
	clocks: [],
	comments: [],
	timeline: [],
	reopenUntil: null,
	...over
});

let nextId = 100;
const event = (
	type: string,
	payload: object,
	over: Partial<LeitstandEvent> = {}
): LeitstandEvent => {
	const id = nextId++;
	return {
		id,
		position: id,
		topic: 'ticket:42',
		topics: ['ticket:42'],
		type,
		audience: 'requester:7',
		actorId: 2,
		actor: { id: 2, name: 'Ana' },
		payload: { number: 42, ...payload },
		createdAt: '2026-11-29T09:00:00.000Z',
		...over
	};
};

describe('applyTicketEvent', () => {
	it('appends a public reply and its history entry once, however often it arrives', () => {
		const reply = event('ticket.replied', { commentId: 5, fromStaff: true, body: 'Try again.' });
		const once = applyTicketEvent(detail(), reply);
		const twice = applyTicketEvent(once, reply);
		expect(twice.comments).toEqual([
			{
				id: 5,
				author: { id: 2, name: 'Ana' },
				body: 'Try again.',
				internal: false,
				fromStaff: true,
				createdAt: '2026-11-29T09:00:00.000Z'
			}
		]);
		expect(twice.timeline.map((e) => e.id)).toEqual([reply.id]);
	});

	it('keeps an internal note internal', () => {
		const note = event('ticket.noted', { commentId: 6, body: 'Router 3' }, { audience: 'agents' });
		const next = applyTicketEvent(detail(), note);
		expect(next.comments[0]).toMatchObject({ id: 6, internal: true });
		expect(next.timeline[0]).toMatchObject({ internal: true, type: 'ticket.noted' });
	});

	it('updates status, level and assignee from the events a requester may see', () => {
		let d = detail();
		d = applyTicketEvent(d, event('ticket.status_changed', { from: 'open', to: 'resolved' }));
		expect(d).toMatchObject({ status: 'resolved', resolvedAt: '2026-11-29T09:00:00.000Z' });
		d = applyTicketEvent(d, event('ticket.escalated', { fromLevel: 1, toLevel: 2, toGroupId: 3 }));
		expect(d.level).toBe(2);
		d = applyTicketEvent(d, event('ticket.assigned', { assignee: { id: 9, name: 'Lars' } }));
		expect(d.assignee).toEqual({ id: 9, name: 'Lars' });
	});

	it('takes summary and clocks from a queue.ticket payload, never an older version', () => {
		const newer = event(
			'queue.ticket',
			{
				ticket: summary(42, {
					version: 3,
					status: 'pending',
					category: { id: 2, key: 'x', name: 'X' }
				}),
				clocks: [{ metric: 'resolution', state: 'paused' }],
				previous: null
			},
			{ topic: 'desk', audience: 'agents' }
		);
		const d = applyTicketEvent(detail({ version: 2 }), newer, (id) =>
			id === 2 ? 'Zwei' : undefined
		);
		expect(d).toMatchObject({ status: 'pending', version: 3, category: { id: 2, name: 'Zwei' } });
		expect(d.clocks).toHaveLength(1);
		expect(d.timeline).toEqual([]); // queue payloads are not history entries
		const older = event('queue.ticket', {
			ticket: summary(42, { version: 1 }),
			clocks: [],
			previous: null
		});
		expect(applyTicketEvent(d, older)).toBe(d);
	});

	it('ignores events of other tickets', () => {
		const d = detail();
		expect(
			applyTicketEvent(
				d,
				event('ticket.replied', { commentId: 1, body: 'x' }, { topic: 'ticket:43' })
			)
		).toBe(d);
	});
});

describe('desk queues', () => {
	const me = { id: 2, groupIds: [10] };
	const view = (over: Partial<QueueView> = {}): QueueView => ({
		queue: 'groups',
		me,
		status: '',
		priority: null,
		categoryId: null,
		number: null,
		sort: 'due',
		...over
	});

	it('slides a new ticket in at its place in the SLA order', () => {
		const rows = [
			summary(1, { nextDueAt: '2026-11-29T10:00:00.000Z' }),
			summary(2, { nextDueAt: '2026-11-29T14:00:00.000Z' })
		];
		const change = applyQueueEvent(
			rows,
			{
				number: 3,
				ticket: summary(3, { nextDueAt: '2026-11-29T11:00:00.000Z' }),
				clocks: [],
				previous: null
			},
			view(),
			100
		);
		expect(change.rows.map((r) => r.number)).toEqual([1, 3, 2]);
		expect(change.entered).toBe(true);
	});

	it('removes a ticket that left the queue (escalated away, resolved) and keeps others', () => {
		const rows = [summary(1), summary(2)];
		const escalated = summary(1, {
			level: 2,
			group: { id: 20, name: 'Network', level: 2 },
			version: 2
		});
		const change = applyQueueEvent(
			rows,
			{ number: 1, ticket: escalated, clocks: [], previous: keyOf(rows[0]) },
			view(),
			100
		);
		expect(change.rows.map((r) => r.number)).toEqual([2]);
		expect(change.left).toBe(true);
		const resolved = summary(2, { status: 'resolved', slaState: 'done', version: 2 });
		expect(
			applyQueueEvent(
				rows,
				{ number: 2, ticket: resolved, clocks: [], previous: null },
				view(),
				100
			).rows.map((r) => r.number)
		).toEqual([1]);
		// With the status filter "all", a resolved ticket stays.
		expect(
			applyQueueEvent(
				rows,
				{ number: 2, ticket: resolved, clocks: [], previous: null },
				view({ status: 'all' }),
				100
			).rows
		).toHaveLength(2);
	});

	it('honours priority, category and number filters, and the row limit', () => {
		const p1 = summary(5, { priority: 1 });
		expect(matchesView(p1, view({ priority: 2 }))).toBe(false);
		expect(matchesView(p1, view({ priority: 1 }))).toBe(true);
		expect(matchesView(p1, view({ categoryId: 9 }))).toBe(false);
		expect(matchesView(p1, view({ number: 5, queue: 'l3' }))).toBe(true);
		const full = Array.from({ length: 3 }, (_, i) =>
			summary(i + 1, { nextDueAt: '2026-11-29T08:00:00.000Z' })
		);
		const late = applyQueueEvent(
			full,
			{ number: 9, ticket: summary(9, { nextDueAt: null }), clocks: [], previous: null },
			view(),
			3
		);
		expect(late.rows.map((r) => r.number)).toEqual([1, 2, 3]);
		expect(late.entered).toBe(false);
	});

	it('never lets an older payload overwrite a newer row', () => {
		const rows = [summary(1, { version: 5, title: 'new' })];
		const change = applyQueueEvent(
			rows,
			{ number: 1, ticket: summary(1, { version: 4, title: 'old' }), clocks: [], previous: null },
			view(),
			100
		);
		expect(change.rows[0].title).toBe('new');
	});

	it('moves the tab counts by where the ticket was and is', () => {
		const counts: QueueCounts = {
			mine: 0,
			groups: 4,
			l1: 4,
			l2: 1,
			l3: 0,
			unassigned: 3,
			at_risk: 0,
			breached: 0
		};
		const before = {
			level: 1 as const,
			groupId: 10,
			assigneeId: null,
			status: 'open' as const,
			slaState: 'ok' as const
		};
		const after = {
			level: 2 as const,
			groupId: 20,
			assigneeId: 2,
			status: 'open' as const,
			slaState: 'warning' as const
		};
		expect(applyCounts(counts, before, after, me)).toEqual({
			mine: 1,
			groups: 3,
			l1: 3,
			l2: 2,
			l3: 0,
			unassigned: 2,
			at_risk: 1,
			breached: 0
		});
		// A new ticket only adds; a resolved one leaves every tab.
		expect(applyCounts(counts, null, before, me)).toMatchObject({
			groups: 5,
			l1: 5,
			unassigned: 4
		});
		expect(
			applyCounts(counts, before, { ...before, status: 'resolved', slaState: 'done' }, me)
		).toMatchObject({
			groups: 3,
			l1: 3,
			unassigned: 2
		});
	});
});

describe('applyPortalEvent', () => {
	const portal = {
		number: 42,
		title: 'VPN',
		status: 'open' as const,
		level: 1 as const,
		priority: 3 as const,
		assignee: null as string | null,
		mergedInto: null,
		closedAt: null,
		reopenUntil: null as string | null,
		comments: [],
		timeline: []
	};

	it('shows the assignee by name, and opens the reopen window on resolution', () => {
		let p = applyPortalEvent(
			portal,
			event('ticket.assigned', { assignee: { id: 9, name: 'Lars' } }),
			7
		);
		expect(p.assignee).toBe('Lars');
		p = applyPortalEvent(p, event('ticket.status_changed', { from: 'open', to: 'resolved' }), 7);
		expect(p.status).toBe('resolved');
		expect(p.reopenUntil).toBe('2026-12-06T09:00:00.000Z');
		p = applyPortalEvent(p, event('ticket.status_changed', { from: 'resolved', to: 'open' }), 7);
		expect(p.reopenUntil).toBeNull();
	});
});
