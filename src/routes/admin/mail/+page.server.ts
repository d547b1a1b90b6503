import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import * as admin from '$lib/server/admin/db';
import * as sla from '$lib/server/sla/db';
import type { PageServerLoad } from './$types';

const STATUSES = ['pending', 'sent', 'failed'] as const;
const LIMIT = 100;

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const { db } = await app();
	const wanted = event.url.searchParams.get('status');
	const status = STATUSES.find((s) => s === wanted) ?? null;
	const [mail, counts, office] = await Promise.all([
		admin.listMail(db.sql, status, LIMIT),
		admin.mailCounts(db.sql),
		sla.targetFor(db.sql, 3)
	]);
	return { status, mail, counts, limit: LIMIT, timeZone: office?.calendar.timeZone ?? 'UTC' };
};
