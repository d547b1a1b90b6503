import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { pageLang, snapshotOr503 } from '$lib/server/status/page';
import { historyPageModel } from '$lib/server/status/view';
import type { PageServerLoad } from './$types';

/** The incidents and maintenances of the snapshot, newest first, a page at a time. */
export const load: PageServerLoad = async ({ url }) => {
	const snapshot = await snapshotOr503();
	const raw = url.searchParams.get('page') ?? '1';
	const page = /^[1-9][0-9]{0,3}$/.test(raw) ? Number(raw) : 0;
	const model = historyPageModel(snapshot, page, pageLang());
	if (!model) error(404, { code: 'not_found', message: m.statuspage_not_found() });
	return { model };
};
