import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { hasRole } from './roles';
import { m } from '$lib/paraglide/messages';
import type { Role, SessionUser } from '$lib/types/user';

export { hasRole, isAdmin, isStaff } from './roles';

const isApi = (event: Pick<RequestEvent, 'url'>) => event.url.pathname.startsWith('/api/');

/**
 * The signed-in user, or: a redirect to the login page (pages and form actions), or a 401 JSON
 * error (API endpoints).
 */
export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	const user = event.locals.user;
	if (user) return user;
	if (isApi(event)) {
		error(401, { code: 'unauthorized', message: m.refused_sign_in() });
	}
	const target = event.url.pathname + event.url.search;
	redirect(303, `/login?redirectTo=${encodeURIComponent(target)}`);
}

/** The signed-in user if they hold one of `roles`; otherwise 401 (not signed in) or 403. */
export function requireRole(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	...roles: Role[]
): SessionUser {
	const user = requireUser(event);
	if (!hasRole(user, roles)) {
		error(403, { code: 'forbidden', message: m.refused_forbidden() });
	}
	return user;
}
