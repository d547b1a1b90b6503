import { app } from '$lib/server/app';
import { formAction, isRefusal } from '$lib/server/forms';
import { confirmSubscription } from '$lib/server/subscriptions/service';
import type { Actions, PageServerLoad } from './$types';

/** Opening the link only shows the button: mail scanners that follow links confirm nothing. */
export const load: PageServerLoad = async ({ url }) => ({
	hasToken: (url.searchParams.get('token') ?? '') !== ''
});

export const actions: Actions = {
	default: async ({ url }) => {
		const { db } = await app();
		const result = await formAction(() =>
			confirmSubscription(db, url.searchParams.get('token') ?? '')
		);
		if (isRefusal(result)) return result;
		return { confirmed: result.email };
	}
};
