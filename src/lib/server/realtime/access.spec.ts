import { describe, expect, it } from 'vitest';
import { canSee, canSubscribe } from './access';
import type { SessionUser } from '$lib/types/user';

const person = (id: number, role: SessionUser['role']): SessionUser => ({
	id,
	email: `${id}@example.com`,
	name: `User ${id}`,
	role,
	locale: null,
	groups: []
});
const requester = person(7, 'requester');
const agent = person(2, 'agent');
/** Ticket 42 belongs to user 7, ticket 43 to user 8; nothing else exists. */
const requesterOf = async (n: number) => ({ 42: 7, 43: 8 })[n] ?? null;

describe('canSubscribe', () => {
	it.each([
		['status', true],
		['user:7', true],
		['user:8', false],
		['ticket:42', true],
		['ticket:43', false],
		['ticket:999', false],
		['ticket:abc', false],
		['queue:level-1', false],
		['Ticket:42', false]
	])('requester → %s: %s', async (topic, expected) => {
		expect(await canSubscribe(requester, topic, requesterOf)).toBe(expected);
	});

	it('lets staff follow any well-formed topic without a lookup', async () => {
		const never = async () => {
			throw new Error('no lookup expected');
		};
		for (const topic of ['ticket:43', 'queue:level-2', 'user:8', 'status']) {
			expect(await canSubscribe(agent, topic, never)).toBe(true);
		}
		expect(await canSubscribe(agent, 'bad topic!', never)).toBe(false);
	});
});

describe('canSee', () => {
	it('keeps agent-only events from requesters', () => {
		expect(canSee(requester, 'agents')).toBe(false);
		expect(canSee(requester, 'requester:7')).toBe(true);
		expect(canSee(requester, 'requester:8')).toBe(false);
		expect(canSee(agent, 'agents')).toBe(true);
	});
});
