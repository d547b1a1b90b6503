import { pageLang, snapshotOr503 } from '$lib/server/status/page';
import { statusService } from '$lib/server/status/snapshot';
import type { LayoutServerLoad } from './$types';

/** The page's language, name and zone, and whether its data is current. */
export const load: LayoutServerLoad = async ({ url }) => {
	const snapshot = await snapshotOr503();
	return {
		lang: pageLang(),
		/** The language was chosen in the address (links keep it). */
		langInUrl: url.searchParams.has('lang'),
		name: snapshot.data.page.name,
		zone: snapshot.data.page.time_zone,
		asOf: snapshot.asOf,
		stale: statusService()?.databaseDown ?? false
	};
};
