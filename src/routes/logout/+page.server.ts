import { redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { deleteSessionCookie } from '$lib/server/auth/cookies';
import { identityChangedNow } from '$lib/server/auth/identity';
import { invalidateSession } from '$lib/server/auth/session';
import type { Actions, PageServerLoad } from './$types';

// Signing out changes state, so it is a POST (form) only; a GET just goes home.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		if (locals.sessionId) {
			const { db } = await app();
			await invalidateSession(db.sql, locals.sessionId);
			await identityChangedNow(db);
		}
		deleteSessionCookie(cookies, url);
		redirect(303, '/login?signedOut=1');
	}
};
