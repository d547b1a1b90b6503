// The one permission rule: what a role may do. HTTP guards (guard.ts), services and pages ask
// here; no other code compares roles by hand.
import { STAFF_ROLES, type Role, type SessionUser } from '$lib/types/user';

/** Does `user` hold one of `roles`? */
export function hasRole(
	user: Pick<SessionUser, 'role'> | null | undefined,
	roles: readonly Role[]
): boolean {
	return !!user && roles.includes(user.role);
}

/** Agents, leads and admins work tickets: internal notes, agent queues, the desk. */
export const isStaff = (user: Pick<SessionUser, 'role'> | null | undefined) =>
	hasRole(user, STAFF_ROLES);

/** Admins change how Leitstand works. */
export const isAdmin = (user: Pick<SessionUser, 'role'> | null | undefined) =>
	hasRole(user, ['admin']);
