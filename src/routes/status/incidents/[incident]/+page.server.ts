import { error } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { renderMarkdown } from '$lib/server/kb/markdown';
import { m } from '$lib/paraglide/messages';
import { pageLang, snapshotOr503 } from '$lib/server/status/page';
import { incidentPageFromDatabase, incidentPageModel } from '$lib/server/status/view';
import type { PageServerLoad } from './$types';

/**
 * An incident or maintenance: from the snapshot (its 50 most recent and every open one, also
 * while the database is away), older ones from the database.
 */
export const load: PageServerLoad = async ({ params }) => {
	const snapshot = await snapshotOr503();
	const id = /^[1-9][0-9]{0,8}$/.test(params.incident) ? Number(params.incident) : 0;
	const lang = pageLang();
	const model =
		id === 0
			? null
			: (incidentPageModel(snapshot, String(id), lang) ??
				(await incidentPageFromDatabase((await app()).db.sql, snapshot, id, lang)));
	if (!model) error(404, { code: 'not_found', message: m.statuspage_not_found() });
	return {
		model,
		postmortemHtml: model.postmortem ? renderMarkdown(model.postmortem.body) : null
	};
};
