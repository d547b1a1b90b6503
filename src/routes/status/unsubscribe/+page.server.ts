import { app } from '$lib/server/app';
import { unsubscribe } from '$lib/server/subscriptions/service';
import type { Actions, PageServerLoad } from './$types';

/** The link in every mail shows one button; mail clients post to it directly (RFC 8058). */
export const load: PageServerLoad = async ({ url }) => ({
	hasToken: (url.searchParams.get('token') ?? '') !== ''
});

export const actions: Actions = {
	/** One click: the subscriber is removed; the answer is the same for a token already used. */
	default: async ({ url }) => {
		const { db } = await app();
		const removed = await unsubscribe(db, url.searchParams.get('token') ?? '');
		return { unsubscribed: removed };
	}
};
