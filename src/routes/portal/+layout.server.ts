import { app } from '$lib/server/app';
import { activeIncidents } from '$lib/server/incidents/service';
import type { LayoutServerLoad } from './$types';

/** Active incidents for the outage banner on every portal page (public facts only). */
export const load: LayoutServerLoad = async () => {
	const { db } = await app();
	const outages = (await activeIncidents(db.sql)).map((i) => ({
		id: i.id,
		title: i.title,
		impact: i.impact,
		status: i.status,
		startedAt: i.startedAt
	}));
	return { outages };
};
