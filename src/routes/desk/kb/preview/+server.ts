import { json } from '@sveltejs/kit';
import { apiRoute, readJson } from '$lib/server/api/respond';
import { requireRole } from '$lib/server/auth/guard';
import { renderMarkdown } from '$lib/server/kb/markdown';
import { BODY_MAX } from '$lib/server/kb/service';
import { STAFF_ROLES } from '$lib/types/user';
import type { RequestHandler } from './$types';

/**
 * The editor's live preview: markdown → the same sanitised HTML the article page shows. JSON
 * only, so another site's form cannot post here.
 */
export const POST: RequestHandler = apiRoute(async (event) => {
	requireRole(event, ...STAFF_ROLES);
	const { body } = await readJson(event.request);
	const markdown = typeof body === 'string' ? body.slice(0, BODY_MAX) : '';
	return json({ html: renderMarkdown(markdown) });
});
