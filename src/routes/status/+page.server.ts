import { app } from '$lib/server/app';
import { formAction, formList, formText, isRefusal } from '$lib/server/forms';
import { pageLang, snapshotOr503 } from '$lib/server/status/page';
import { statusPageModel } from '$lib/server/status/view';
import { subscribeEmail } from '$lib/server/subscriptions/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const snapshot = await snapshotOr503();
	const model = statusPageModel(snapshot, pageLang());
	// The texts of what can still change (open incidents, maintenance), for live updates.
	const bodies: Record<string, { en: string; de: string }> = {};
	for (const i of [...model.incidents, ...model.active, ...model.upcoming]) {
		for (const u of i.incident_updates)
			if (snapshot.bodies[u.id]) bodies[u.id] = snapshot.bodies[u.id];
	}
	return { model, bodies };
};

export const actions: Actions = {
	/** Email subscription (double opt-in): the same answer whether or not the address is known. */
	subscribe: async ({ request, getClientAddress }) => {
		const form = await request.formData();
		const email = formText(form, 'email');
		const componentIds = formList(form, 'componentIds');
		const language = formText(form, 'language') || pageLang();
		const { db } = await app();
		const result = await formAction(
			() =>
				subscribeEmail(
					db,
					{ email, componentIds, language: language as 'en' | 'de' },
					{ ip: getClientAddress() }
				),
			{ extra: { values: { email, componentIds, language } } }
		);
		if (isRefusal(result)) return result;
		return { subscribed: true };
	}
};
