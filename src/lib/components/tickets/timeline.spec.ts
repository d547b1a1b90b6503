import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '$lib/types/ticket';
import { AGENT_ONLY_TYPES, describeEntry, timelineLines } from './timeline';
import { timeFormat } from '$lib/format/time';

const TIMES = timeFormat('en', 'Europe/Berlin');

let nextId = 1;
const entry = (
	type: string,
	data: Record<string, unknown> = {},
	more: Partial<TimelineEntry> = {}
): TimelineEntry => ({
	id: nextId++,
	type,
	actor: { id: 5, name: 'Lukas Level-One' },
	at: '2026-03-02T09:00:00.000Z',
	internal: AGENT_ONLY_TYPES.has(type),
	data,
	...more
});

/** Every event type src/lib/server/tickets/service.ts emits, with its payload. */
const SERVICE_EVENTS: TimelineEntry[] = [
	entry('ticket.created', { title: 'VPN', priority: 2, level: 1, group: 'Service Desk' }),
	entry('ticket.assigned', { assigneeId: 5 }),
	entry('ticket.unassigned', { from: 5, assigneeId: null }),
	entry('ticket.status_changed', { from: 'open', to: 'pending' }),
	entry('ticket.replied', { commentId: 1, fromStaff: true, body: 'Hi' }),
	entry('ticket.noted', { commentId: 2 }),
	entry('ticket.escalated', { fromLevel: 1, toLevel: 2, fromGroup: 'SD', toGroup: 'Network' }),
	entry('ticket.handed_back', { fromLevel: 2, toLevel: 1, fromGroup: 'Network', toGroup: 'SD' }),
	entry('ticket.priority_changed', { from: 3, to: 2 }),
	entry('ticket.category_changed', { from: 1, to: 2 }),
	entry('ticket.retitled', { from: 'a', to: '<b>new</b>' }),
	entry('ticket.linked', { related: 9 }),
	entry('ticket.merged', { into: 9 }),
	entry('ticket.merged_from', { duplicate: 8 }),
	entry('ticket.reopened'),
	entry('ticket.confirmed'),
	entry('ticket.lead_notified', { reason: 'SLA breach', leads: [] }),
	entry('sla.warning', { metric: 'first_response', dueAt: '2026-03-02T10:00:00.000Z' }),
	entry('sla.breached', { metric: 'resolution', dueAt: null })
];

describe('describeEntry', () => {
	it('describes every event type the ticket service emits for agents', () => {
		for (const e of SERVICE_EVENTS) {
			const line = describeEntry(e, 'agent', TIMES);
			expect(line, e.type).not.toBeNull();
			expect(line!.title, e.type).not.toBe(e.type);
		}
	});

	it('shows requesters only public steps, in their words', () => {
		const seen = SERVICE_EVENTS.map((e) => [e.type, describeEntry(e, 'requester', TIMES)] as const);
		for (const [type, line] of seen) {
			if (AGENT_ONLY_TYPES.has(type)) expect(line, type).toBeNull();
			else expect(line, type).not.toBeNull();
		}
		expect(describeEntry(SERVICE_EVENTS[1], 'requester', TIMES)?.title).toBe(
			'An agent has taken on your ticket'
		);
		expect(describeEntry(SERVICE_EVENTS[3], 'requester', TIMES)?.title).toBe(
			'Waiting for your answer'
		);
		expect(describeEntry(SERVICE_EVENTS[6], 'requester', TIMES)).toMatchObject({
			title: 'Escalated to level 2',
			detail: 'Network'
		});
	});

	it('never leaks the internal flag or agent names to requesters', () => {
		const note = entry('ticket.replied', { fromStaff: false }, { internal: true });
		expect(describeEntry(note, 'requester', TIMES)).toBeNull();
		const escalated = describeEntry(SERVICE_EVENTS[6], 'requester', TIMES);
		expect(escalated?.detail).not.toContain('Lukas');
	});

	it('keeps user text as plain text in the detail', () => {
		expect(describeEntry(SERVICE_EVENTS[10], 'agent', TIMES)?.detail).toContain('“<b>new</b>”');
	});

	it('hides unknown types from requesters but shows them to agents', () => {
		expect(describeEntry(entry('ticket.future_thing'), 'requester', TIMES)).toBeNull();
		expect(describeEntry(entry('ticket.future_thing'), 'agent', TIMES)?.title).toBe(
			'ticket.future_thing'
		);
	});
});

describe('timelineLines', () => {
	it('drops the status change a confirm or reopen already says', () => {
		const at = '2026-03-03T08:00:00.000Z';
		const later = '2026-03-04T08:00:00.000Z';
		const lines = timelineLines(
			[
				entry('ticket.status_changed', { from: 'open', to: 'resolved' }),
				entry('ticket.status_changed', { from: 'resolved', to: 'open' }, { at }),
				entry('ticket.reopened', {}, { at }),
				entry('ticket.status_changed', { from: 'open', to: 'resolved' }, { at: later }),
				entry('ticket.status_changed', { from: 'resolved', to: 'closed' }, { at: later }),
				entry('ticket.confirmed', {}, { at: later })
			],
			'requester',
			TIMES
		);
		expect(lines.map((l) => l.title)).toEqual([
			'Resolved',
			'Reopened',
			'Resolved',
			'You confirmed the solution'
		]);
	});
});
