import { json } from '@sveltejs/kit';
import { openApiDocument } from '$lib/server/api/openapi';
import { methodNotAllowed } from '$lib/server/api/respond';
import type { RequestHandler } from './$types';

/** The API description; public, like the API's existence. */
export const GET: RequestHandler = () =>
	json(openApiDocument, { headers: { 'cache-control': 'public, max-age=300' } });

export const fallback: RequestHandler = methodNotAllowed('GET');
