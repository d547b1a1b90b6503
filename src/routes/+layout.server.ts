import { app } from '$lib/server/app';
import { organisationTimeZone } from '$lib/server/settings/time-zone';
import { statusService } from '$lib/server/status/snapshot';
import { DEFAULT_TIME_ZONE } from '$lib/format/time';
import type { LayoutServerLoad } from './$types';

/** The signed-in user, and what every page renders times with: the zone and the server's now. */
export const load: LayoutServerLoad = async ({ locals, route }) => {
	// The public status pages are the same for everyone (cached, rendered once per change) and
	// answer while the database is away: no user, and the zone and time of their snapshot.
	if (route.id?.startsWith('/status')) {
		const snapshot = statusService()?.current();
		return {
			user: null,
			timeZone: snapshot?.data.page.time_zone ?? DEFAULT_TIME_ZONE,
			now: snapshot ? Date.parse(snapshot.asOf) : Date.now()
		};
	}
	return {
		user: locals.user,
		timeZone: await organisationTimeZone((await app()).db.sql),
		now: Date.now()
	};
};
