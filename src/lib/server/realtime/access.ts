// Who may follow which topic, and who receives which event. Pure: no I/O, so every rule is
// unit-tested. Delivery is an allow-list: a kind of client gets only the event types the catalogue
// lists for it, and then only what the event's audience admits.
import { EVENT_CATALOGUE, isEventType, type ClientKind } from '$lib/realtime/catalogue';
import type { EventAudience } from '$lib/types/events';
import { isAdmin, isStaff } from '../auth/roles';
import type { SessionUser } from '$lib/types/user';

/** What a socket authenticated with; the gateway re-checks it while the socket lives. */
export type Credential =
	| { type: 'session'; id: string }
	| { type: 'token'; id: number }
	| { type: 'wall'; id: number }
	| { type: 'none' };

/** Who is on the other end of a socket. */
export interface Identity {
	kind: ClientKind;
	/** The signed-in user (staff and requesters); null for wall displays and anonymous clients. */
	user: SessionUser | null;
	credential: Credential;
	/** Wall displays: the one wall they may read. */
	wallId?: number;
}

export function identityOf(user: SessionUser, credential: Credential): Identity {
	return { kind: isStaff(user) ? 'staff' : 'requester', user, credential };
}

/** May `identity` see an event of `type` addressed to `audience`? */
export function mayReceive(
	identity: Identity,
	event: { type: string; audience: EventAudience }
): boolean {
	if (!isEventType(event.type)) return false;
	if (!EVENT_CATALOGUE[event.type].kinds.includes(identity.kind)) return false;
	const { audience } = event;
	if (audience === 'public') return true;
	if (identity.kind === 'staff') return audience !== 'admins' || isAdmin(identity.user);
	return identity.kind === 'requester' && audience === `requester:${identity.user?.id}`;
}

/** May the signed-in `user` see this event (in a ticket's history, say)? Same rules as sockets. */
export function userMaySee(
	user: SessionUser,
	event: { type: string; audience: EventAudience }
): boolean {
	return mayReceive(identityOf(user, { type: 'none' }), event);
}

/** Who requested ticket `number` (null: no such ticket). Passed in so this module does no I/O. */
export type TicketRequesterLookup = (number: number) => Promise<number | null>;

const TICKET_TOPIC = /^ticket:([1-9]\d{0,8})$/;
const QUEUE_TOPIC = /^queue:(level-[123]|group-[1-9]\d{0,8}|user-[1-9]\d{0,8}|unassigned)$/;
const USER_TOPIC = /^user:([1-9]\d{0,8})$/;
const WALL_TOPIC = /^wall:([1-9]\d{0,8})$/;
const INCIDENT_TOPIC = /^incident:([1-9]\d{0,8})$/;

/** The wall a `wall:<id>` topic names, or null. */
export function wallOfTopic(topic: string): number | null {
	const match = WALL_TOPIC.exec(topic);
	return match ? Number(match[1]) : null;
}

/**
 * May `identity` follow `topic`? Staff follow tickets, the desk and its queues, walls, users, incidents and
 * the status page; only admins the admin audit trail. Requesters follow the status page, their
 * own user topic and tickets they requested. A wall display follows its own wall; anonymous
 * clients only the status page.
 */
export async function canSubscribe(
	identity: Identity,
	topic: string,
	requesterOf: TicketRequesterLookup
): Promise<boolean> {
	if (typeof topic !== 'string' || topic.length > 64) return false;
	if (topic === 'status') return true;
	const { user } = identity;
	switch (identity.kind) {
		case 'staff':
			if (topic === 'admin') return isAdmin(user);
			return (
				topic === 'desk' ||
				TICKET_TOPIC.test(topic) ||
				QUEUE_TOPIC.test(topic) ||
				USER_TOPIC.test(topic) ||
				WALL_TOPIC.test(topic) ||
				INCIDENT_TOPIC.test(topic)
			);
		case 'requester': {
			if (!user) return false;
			if (topic === `user:${user.id}`) return true;
			const ticket = TICKET_TOPIC.exec(topic);
			return ticket !== null && (await requesterOf(Number(ticket[1]))) === user.id;
		}
		case 'wall':
			return identity.wallId !== undefined && topic === `wall:${identity.wallId}`;
		case 'anonymous':
			return false;
	}
}
