import type { EventAudience } from '$lib/types/events';
import { STAFF_ROLES, type SessionUser } from '$lib/types/user';

const TOPIC_PATTERN = /^[a-z]+(?::[a-z0-9_-]+)?$/;

/** May `user` see an event addressed to `audience`? Internal (agents) events never reach requesters. */
export function canSee(user: SessionUser, audience: EventAudience): boolean {
	if (audience === 'public') return true;
	if (STAFF_ROLES.includes(user.role)) return true;
	return audience === `requester:${user.id}`;
}

/** Who requested ticket `number` (null: no such ticket). Passed in so this module does no I/O. */
export type TicketRequesterLookup = (number: number) => Promise<number | null>;

const TICKET_TOPIC = /^ticket:(\d{1,9})$/;

/**
 * May `user` subscribe to `topic`? Staff may follow any topic; requesters only the status page,
 * their own user topic and the topics of tickets they requested.
 */
export async function canSubscribe(
	user: SessionUser,
	topic: string,
	requesterOf: TicketRequesterLookup
): Promise<boolean> {
	if (!TOPIC_PATTERN.test(topic)) return false;
	if (STAFF_ROLES.includes(user.role)) return true;
	if (topic === 'status' || topic === `user:${user.id}`) return true;
	const ticket = TICKET_TOPIC.exec(topic);
	return ticket !== null && (await requesterOf(Number(ticket[1]))) === user.id;
}
