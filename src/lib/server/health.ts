import type { Database } from './db/client';

const TIMEOUT_MS = 2000;

/** Readiness: can this node run a query right now (within two seconds)? */
export async function databaseReachable(db: Database): Promise<{ ok: boolean; error?: string }> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error('timed out')), TIMEOUT_MS);
	});
	try {
		await Promise.race([db.sql`select 1`, timeout]);
		return { ok: true };
	} catch (error) {
		return { ok: false, error: error instanceof Error ? error.message : String(error) };
	} finally {
		clearTimeout(timer);
	}
}
