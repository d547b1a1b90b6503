import { describe, expect, it } from 'vitest';
import { canSubscribe, identityOf, mayReceive, type Identity } from './access';
import { CLIENT_KINDS, EVENT_CATALOGUE, type EventType } from '$lib/realtime/catalogue';
import type { EventAudience } from '$lib/types/events';
import type { SessionUser } from '$lib/types/user';

const person = (id: number, role: SessionUser['role']): SessionUser => ({
	id,
	email: `${id}@example.com`,
	name: `User ${id}`,
	role,
	locale: null,
	groups: []
});
const session = { type: 'session', id: 'x' } as const;
const requester = identityOf(person(7, 'requester'), session);
const agent = identityOf(person(2, 'agent'), session);
const admin = identityOf(person(1, 'admin'), session);
const wall: Identity = { kind: 'wall', user: null, credential: { type: 'wall', id: 3 }, wallId: 4 };
const anonymous: Identity = { kind: 'anonymous', user: null, credential: { type: 'none' } };
/** Ticket 42 belongs to user 7, ticket 43 to user 8; nothing else exists. */
const requesterOf = async (n: number) => ({ 42: 7, 43: 8 })[n] ?? null;
const never = async () => {
	throw new Error('no lookup expected');
};

describe('canSubscribe', () => {
	it.each([
		['status', true],
		['user:7', true],
		['user:8', false],
		['ticket:42', true],
		['ticket:43', false],
		['ticket:999', false],
		['ticket:abc', false],
		['desk', false],
		['queue:level-1', false],
		['admin', false],
		['wall:4', false],
		['Ticket:42', false]
	])('requester → %s: %s', async (topic, expected) => {
		expect(await canSubscribe(requester, topic, requesterOf)).toBe(expected);
	});

	it('lets staff follow tickets, the desk, queues and walls without a lookup', async () => {
		for (const topic of [
			'ticket:43',
			'desk',
			'queue:level-2',
			'queue:group-5',
			'queue:unassigned',
			'queue:user-9',
			'user:8',
			'status',
			'wall:1'
		]) {
			expect(await canSubscribe(agent, topic, never), topic).toBe(true);
		}
		for (const topic of ['bad topic!', 'queue:level-4', 'ticket:0', 'ticket:99999999999', 'x']) {
			expect(await canSubscribe(agent, topic, never), topic).toBe(false);
		}
	});

	it('keeps the admin audit topic for admins', async () => {
		expect(await canSubscribe(agent, 'admin', never)).toBe(false);
		expect(await canSubscribe(admin, 'admin', never)).toBe(true);
	});

	it('lets a wall display follow its own wall only, and anonymous clients the status page', async () => {
		expect(await canSubscribe(wall, 'wall:4', never)).toBe(true);
		for (const topic of ['wall:5', 'desk', 'ticket:42', 'queue:level-1', 'admin', 'user:1']) {
			expect(await canSubscribe(wall, topic, never), topic).toBe(false);
			expect(await canSubscribe(anonymous, topic, never), topic).toBe(false);
		}
		expect(await canSubscribe(anonymous, 'status', never)).toBe(true);
	});

	it('refuses non-strings and overlong topics', async () => {
		expect(await canSubscribe(agent, 42 as unknown as string, never)).toBe(false);
		expect(await canSubscribe(agent, 'ticket:' + '1'.repeat(80), never)).toBe(false);
	});
});

describe('mayReceive', () => {
	const event = (type: string, audience: EventAudience) => ({ type, audience });

	it('keeps agent-only events from requesters, walls and anonymous clients', () => {
		for (const type of ['ticket.noted', 'sla.breached', 'queue.ticket', 'ticket.linked']) {
			expect(mayReceive(agent, event(type, 'agents'))).toBe(true);
			for (const other of [requester, wall, anonymous]) {
				expect(mayReceive(other, event(type, 'agents')), `${type} ${other.kind}`).toBe(false);
			}
		}
	});

	it('gives a requester event to staff and that requester only', () => {
		expect(mayReceive(requester, event('ticket.replied', 'requester:7'))).toBe(true);
		expect(mayReceive(requester, event('ticket.replied', 'requester:8'))).toBe(false);
		expect(mayReceive(agent, event('ticket.replied', 'requester:8'))).toBe(true);
		expect(mayReceive(wall, event('ticket.replied', 'requester:8'))).toBe(false);
		expect(mayReceive(anonymous, event('ticket.replied', 'requester:8'))).toBe(false);
	});

	it('keeps admin events for admins', () => {
		expect(mayReceive(admin, event('admin.user_changed', 'admins'))).toBe(true);
		expect(mayReceive(agent, event('admin.user_changed', 'admins'))).toBe(false);
	});

	it('sends nothing that is not in the catalogue, even when it is public', () => {
		for (const who of [agent, requester, wall, anonymous]) {
			expect(mayReceive(who, event('ticket.future_thing', 'public'))).toBe(false);
		}
	});

	it('delivers a type only to the kinds the catalogue lists for it', () => {
		const identities: Record<string, Identity> = { staff: admin, requester, wall, anonymous };
		for (const [type, entry] of Object.entries(EVENT_CATALOGUE)) {
			for (const kind of CLIENT_KINDS) {
				const audience: EventAudience = 'public';
				const got = mayReceive(identities[kind], { type: type as EventType, audience });
				expect(got, `${type} → ${kind}`).toBe(entry.kinds.includes(kind));
			}
		}
	});
});
