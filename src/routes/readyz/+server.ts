import { json } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { databaseReachable } from '$lib/server/health';
import type { RequestHandler } from './$types';

/** Readiness: 200 when the database answers, 503 when it does not. */
export const GET: RequestHandler = async () => {
	const { db } = await app();
	const check = await databaseReachable(db);
	return json(
		{
			status: check.ok ? 'ready' : 'unavailable',
			database: db.kind,
			...(check.ok ? {} : { error: check.error })
		},
		{ status: check.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
