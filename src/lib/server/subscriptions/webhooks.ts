// Delivering one queued webhook: signed per the Standard Webhooks specification (the
// `standardwebhooks` library: `webhook-id`, `webhook-timestamp`, `webhook-signature`), POSTed with a
// timeout and without following redirects, each attempt written to the delivery log. Retries and
// giving up are the outbox's (jobs/outbox.ts), as for mail.
import { Webhook } from 'standardwebhooks';
import type { Queryable } from '../db/client';

/** A receiver gets this long to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

export interface QueuedWebhook {
	id: number;
	recipient: string;
	subject: string;
	body: string;
	subscriberId: number | null;
}

/** The headers a receiver verifies: the id is stable across retries, as the spec asks. */
export function signedHeaders(secret: string, id: number, payload: string, at: Date) {
	const msgId = `msg_${id}`;
	return {
		'webhook-id': msgId,
		'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
		'webhook-signature': new Webhook(secret).sign(msgId, at, payload)
	};
}

/** POST one webhook; throws with the reason when the receiver did not take it (2xx). */
export async function deliverWebhook(sql: Queryable, hook: QueuedWebhook): Promise<void> {
	const [subscriber] = hook.subscriberId
		? await sql<{ secret: string; disabled_at: Date | null }[]>`
			select secret, disabled_at from status_subscribers where id = ${hook.subscriberId}`
		: [];
	if (!subscriber) throw new Error('the webhook was deleted');
	const started = Date.now();
	let statusCode: number | null = null;
	let error: string | null = null;
	try {
		const response = await fetch(hook.recipient, {
			method: 'POST',
			redirect: 'manual',
			signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
			headers: {
				'content-type': 'application/json',
				'user-agent': 'Leitstand-Webhooks/1',
				...signedHeaders(subscriber.secret, hook.id, hook.body, new Date())
			},
			body: hook.body
		});
		statusCode = response.status;
		await response.body?.cancel();
		if (response.status < 200 || response.status >= 300) error = `HTTP ${response.status}`;
	} catch (e) {
		error =
			e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
	}
	await sql`
		insert into webhook_attempts (outbox_id, subscriber_id, status_code, error, duration_ms)
		values (${hook.id}, ${hook.subscriberId}, ${statusCode}, ${error?.slice(0, 500) ?? null},
			${Date.now() - started})`;
	if (error) throw new Error(error);
}
