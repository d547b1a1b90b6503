import { openApiDocument, operationViews } from '$lib/server/api/openapi';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({
	info: openApiDocument.info,
	operations: operationViews()
});
