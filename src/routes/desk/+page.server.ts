import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { loadQueue, PAGE_SIZE, parseQueueQuery } from '$lib/server/desk/queue';
import { getLocale } from '$lib/paraglide/runtime';
import { STAFF_ROLES } from '$lib/types/user';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireRole(event, ...STAFF_ROLES);
	const { db } = await app();
	const query = parseQueueQuery(event.url.searchParams, me);
	return {
		me,
		pageSize: PAGE_SIZE,
		...(await loadQueue(db, me, query, getLocale()))
	};
};
