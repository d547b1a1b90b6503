import { apiError, apiRoute } from '$lib/server/api/respond';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/** Any other path under /api/, with any method: a 404 in the API's error shape, not a page. */
export const fallback: RequestHandler = apiRoute(() =>
	apiError(404, 'not_found', m.api_error_not_found())
);
