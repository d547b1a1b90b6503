import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import * as admin from '$lib/server/admin/db';
import type { PageServerLoad } from './$types';

const STATUSES = ['pending', 'sent', 'failed'] as const;
const LIMIT = 100;

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const { db } = await app();
	const wanted = event.url.searchParams.get('status');
	const status = STATUSES.find((s) => s === wanted) ?? null;
	const [mail, counts] = await Promise.all([
		admin.listMail(db.sql, status, LIMIT),
		admin.mailCounts(db.sql)
	]);
	return { status, mail, counts, limit: LIMIT };
};
