// How outbox mail leaves the node: through nodemailer over SMTP when SMTP_URL is set, otherwise
// into the in-app mailbox (the outbox list at /admin/mail), so development needs no mail server.
import nodemailer, { type Transport, type TransportConfig } from 'nodemailer';
import type { Config } from '../config';
import type { OutboxRecord } from './db';

export interface Mailer {
	/** `smtp`: handed to a nodemailer transport; `in-app`: kept for the admin mailbox only. */
	delivery: 'smtp' | 'in-app';
	/** Send one outbox mail; rejects when the transport refuses it. */
	send(mail: OutboxRecord): Promise<void>;
	close(): void;
}

/** A send must end well within the outbox lease, so a hung server cannot cause a double send. */
const SMTP_TIMEOUTS = {
	connectionTimeout: 30_000,
	greetingTimeout: 30_000,
	socketTimeout: 60_000
} as const;

/** The domain of `MAIL_FROM` (`Name <a@b>` or `a@b`), for Message-IDs. */
function senderDomain(from: string): string {
	return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
}

/**
 * A mailer for the node's configuration. `transport` (a nodemailer transport object or
 * configuration, e.g. `{ jsonTransport: true }`) replaces SMTP_URL, for tests and tools.
 */
export function createMailer(
	config: Pick<Config, 'smtpUrl' | 'mailFrom'>,
	transport?: Transport | TransportConfig
): Mailer {
	if (!transport && !config.smtpUrl) {
		return { delivery: 'in-app', send: async () => {}, close: () => {} };
	}
	const transporter = nodemailer.createTransport(
		transport ?? { url: config.smtpUrl, ...SMTP_TIMEOUTS }
	);
	const domain = senderDomain(config.mailFrom);
	return {
		delivery: 'smtp',
		async send(mail) {
			await transporter.sendMail({
				from: config.mailFrom,
				to: mail.recipient,
				subject: mail.subject,
				text: mail.body,
				// Stable across retries: a receiver can drop a copy sent twice after a lost ack.
				messageId: `<outbox-${mail.id}.${mail.createdAt.getTime()}@${domain}>`,
				headers: mail.ticketId ? { 'X-Leitstand-Ticket': String(mail.ticketId) } : {}
			});
		},
		close: () => transporter.close()
	};
}

/** Attempts before a mail is given up (kept in the outbox, marked failed). */
export const MAX_ATTEMPTS = 8;

const RETRY_MINUTES = [1, 5, 30, 120, 360, 720, 1440];

/** Wait after the `failedAttempts`-th failure: 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, then daily. */
export function retryDelayMs(failedAttempts: number): number {
	const index = Math.min(Math.max(failedAttempts, 1), RETRY_MINUTES.length) - 1;
	return RETRY_MINUTES[index] * 60_000;
}
