import { app } from '$lib/server/app';
import { organisationTimeZone } from '$lib/server/settings/time-zone';
import type { LayoutServerLoad } from './$types';

/** The signed-in user, and what every page renders times with: the zone and the server's now. */
export const load: LayoutServerLoad = async ({ locals }) => ({
	user: locals.user,
	timeZone: await organisationTimeZone((await app()).db.sql),
	now: Date.now()
});
