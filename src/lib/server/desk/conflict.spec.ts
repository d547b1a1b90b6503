import { describe, expect, it } from 'vitest';
import { isStale, parseSeen, seenOf } from './conflict';
import type { SeenTicket } from '$lib/types/desk';
import type { TicketDetail } from '$lib/types/ticket';

const seen: SeenTicket = {
	version: 4,
	status: 'open',
	priority: 3,
	categoryId: 2,
	assigneeId: null,
	groupId: 1,
	level: 1,
	title: 'VPN drops',
	lastCommentId: 10
};

describe('parseSeen', () => {
	it('reads the snapshot a desk form carries', () => {
		expect(parseSeen(JSON.stringify(seen))).toEqual(seen);
	});

	it.each([null, '', 'not json', '{"version":"4"}', JSON.stringify({ ...seen, level: 'x' })])(
		'refuses %j',
		(raw) => {
			expect(parseSeen(raw)).toBeNull();
		}
	);
});

describe('isStale', () => {
	it('is fresh when version and comments match', () => {
		expect(isStale(seen, 4, seen)).toBe(false);
	});

	it('is stale on another version', () => {
		expect(isStale(seen, 4, { ...seen, version: 5 })).toBe(true);
	});

	it('is stale when someone commented (comments do not bump the version)', () => {
		expect(isStale(seen, 4, { ...seen, lastCommentId: 11 })).toBe(true);
	});

	it('without a snapshot, only the version counts', () => {
		expect(isStale(null, 4, { ...seen, lastCommentId: 99 })).toBe(false);
		expect(isStale(null, undefined, { ...seen, version: 9 })).toBe(false);
	});
});

describe('seenOf', () => {
	it('takes the newest comment id, internal notes included', () => {
		const detail = {
			version: 4,
			status: 'open',
			priority: 3,
			category: { id: 2, key: 'network', name: 'Network' },
			assignee: null,
			group: { id: 1, name: 'Service Desk', level: 1 },
			level: 1,
			title: 'VPN drops',
			comments: [{ id: 7 }, { id: 10, internal: true }, { id: 9 }]
		} as unknown as TicketDetail;
		expect(seenOf(detail)).toEqual(seen);
	});
});
