// Auto-close: resolved tickets the requester neither confirmed nor reopened are closed after
// `settings.auto_close_days` days, through the ticket service like any other status change.
import type { Database } from '../db/client';
import { log } from '../log';
import { getSetting } from '../tickets/db';
import { DomainError } from '../errors';
import { updateTicket } from '../tickets/service';
import { resolvedBefore } from './db';
import type { Job } from './runner';

/** The system as actor: no permission checks, events without actor_id. */
const SYSTEM = null;

const BATCH = 50;

/** Close what is due as of `now`; returns how many tickets were closed. */
export async function autoCloseResolved(db: Database, now: Date = new Date()): Promise<number> {
	const days = Number(await getSetting(db.sql, 'auto_close_days', 7));
	if (!Number.isFinite(days) || days <= 0) return 0; // 0 turns auto-close off
	const cutoff = new Date(now.getTime() - days * 86_400_000);
	let closed = 0;
	const attempted = new Set<number>();
	for (;;) {
		const due = (await resolvedBefore(db.sql, cutoff, BATCH + attempted.size)).filter(
			(t) => !attempted.has(t.id)
		);
		if (due.length === 0) break;
		for (const t of due) {
			attempted.add(t.id);
			try {
				// The version guard: a ticket reopened since the query (or closed by another node) is skipped.
				await updateTicket(db, SYSTEM, t.id, { version: t.version, status: 'closed' }, { at: now });
				closed++;
			} catch (error) {
				if (!(error instanceof DomainError)) throw error;
			}
		}
	}
	if (closed > 0) log.info(`auto-closed ${closed} ticket(s) resolved more than ${days} days ago`);
	return closed;
}

export const autoCloseJob: Job = {
	name: 'auto-close',
	intervalMs: 5 * 60_000,
	run: ({ db }) => autoCloseResolved(db)
};
