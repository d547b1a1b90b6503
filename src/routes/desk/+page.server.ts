import { requireRole } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => ({
	me: requireRole(event, 'agent', 'lead', 'admin')
});
