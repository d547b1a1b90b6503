import type { EventAudience } from '$lib/types/events';
import { STAFF_ROLES, type SessionUser } from '$lib/types/user';

const TOPIC_PATTERN = /^[a-z]+(?::[a-z0-9_-]+)?$/;

/** May `user` see an event addressed to `audience`? Internal (agents) events never reach requesters. */
export function canSee(user: SessionUser, audience: EventAudience): boolean {
	if (audience === 'public') return true;
	if (STAFF_ROLES.includes(user.role)) return true;
	return audience === `requester:${user.id}`;
}

/** May `user` subscribe to `topic`? Staff may follow any topic; requesters only their own. */
export function canSubscribe(user: SessionUser, topic: string): boolean {
	if (!TOPIC_PATTERN.test(topic)) return false;
	if (STAFF_ROLES.includes(user.role)) return true;
	return topic === 'status' || topic === `user:${user.id}`;
}
