// Outbox dispatcher: mail is written in the ticket's transaction; this job sends it afterwards,
// so a slow or failing mail server never blocks or undoes a ticket change.
import type { Database } from '../db/client';
import { log } from '../log';
import * as outbox from '../notify/db';
import { deliverWebhook } from '../subscriptions/webhooks';
import { MAX_ATTEMPTS, retryDelayMs, type Mailer } from '../notify/mailer';
import type { Job } from './runner';

/** How long claimed mails stay reserved for the node that is sending them. */
const LEASE_MS = 10 * 60_000;
/** Longest one SMTP send can take with the mailer's timeouts, plus margin. */
const MAX_SEND_MS = 2 * 60_000;
const MAX_BATCHES = 20;

export interface DispatchResult {
	sent: number;
	inApp: number;
	failed: number;
	gaveUp: number;
}

/**
 * Send the mails due at `now`, a batch at a time: claim under SKIP LOCKED and lease them in a
 * short transaction, send outside it, then record each outcome. Failures are retried with
 * backoff and given up after MAX_ATTEMPTS.
 */
export async function dispatchOutbox(
	db: Database,
	mailer: Mailer,
	options: { now?: Date; batch?: number } = {}
): Promise<DispatchResult> {
	const now = options.now ?? new Date();
	const batch = options.batch ?? 20;
	const result: DispatchResult = { sent: 0, inApp: 0, failed: 0, gaveUp: 0 };
	const started = Date.now();
	const inApp: string[] = [];
	for (let round = 0; round < MAX_BATCHES; round++) {
		const mails = await db.transaction(async (tx) => {
			const claimed = await outbox.claimDueMail(tx.sql, now, batch);
			await outbox.leaseMail(
				tx.sql,
				claimed.map((m) => m.id),
				new Date(now.getTime() + LEASE_MS)
			);
			return claimed;
		});
		const leasedAt = Date.now();
		let leaseRunningOut = false;
		for (const mail of mails) {
			// Unsent mails of this batch stay leased and are taken up again when the lease ends.
			if (Date.now() - leasedAt > LEASE_MS - MAX_SEND_MS) {
				leaseRunningOut = true;
				break;
			}
			// Webhooks go out whatever the mail set-up; their failures retry like mail.
			if (mail.kind === 'email' && mailer.delivery === 'in-app') {
				await outbox.markSent(db.sql, mail.id, now);
				result.inApp++;
				if (inApp.length < 3) inApp.push(`${mail.recipient} “${mail.subject}”`);
				continue;
			}
			try {
				if (mail.kind === 'webhook') await deliverWebhook(db.sql, mail);
				else await mailer.send(mail);
				await outbox.markSent(db.sql, mail.id, now);
				result.sent++;
			} catch (error) {
				const attempts = mail.attempts + 1;
				const giveUp = attempts >= MAX_ATTEMPTS;
				const message = error instanceof Error ? error.message : String(error);
				const retryAt = new Date(now.getTime() + retryDelayMs(attempts));
				await outbox.markAttemptFailed(db.sql, mail.id, message, retryAt, giveUp);
				if (giveUp) {
					result.gaveUp++;
					log.error(`mail ${mail.id} to ${mail.recipient} given up after ${attempts} attempts`, {
						error: message
					});
				} else {
					result.failed++;
					log.warn(`mail ${mail.id} to ${mail.recipient} failed (attempt ${attempts})`, {
						error: message,
						retryAt: retryAt.toISOString()
					});
				}
			}
		}
		if (mails.length < batch || leaseRunningOut || Date.now() - started > LEASE_MS / 2) break;
	}
	if (result.inApp > 0) {
		const more = result.inApp > inApp.length ? ` and ${result.inApp - inApp.length} more` : '';
		log.info(
			`${result.inApp} mail(s) kept in the in-app mailbox at /admin/mail (SMTP_URL not set): ${inApp.join(', ')}${more}`
		);
	}
	return result;
}

export const outboxJob: Job = {
	name: 'outbox',
	intervalMs: 10_000,
	run: ({ db, mailer }) => dispatchOutbox(db, mailer)
};
