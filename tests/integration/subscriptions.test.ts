// Status subscriptions against a real database and a real HTTP receiver: double opt-in, the same
// answer for known and unknown addresses, one-click unsubscribe, per-component scope, throttling,
// and webhooks signed per Standard Webhooks, delivered by the outbox with a log and retries.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/lib/server/errors';
import * as components from '../../src/lib/server/incidents/components';
import * as incidents from '../../src/lib/server/incidents/service';
import { dispatchOutbox } from '../../src/lib/server/jobs/outbox';
import { createMailer } from '../../src/lib/server/notify/mailer';
import * as subscriptions from '../../src/lib/server/subscriptions/service';
import { getUserByEmail, toSessionUser } from '../../src/lib/server/users/db';
import type { Component } from '../../src/lib/types/incident';
import type { SessionUser } from '../../src/lib/types/user';
import { startTestApp, type TestApp } from './harness';

let t: TestApp;
let admin: SessionUser;
let agent: SessionUser;
let printing: Component;
let phones: Component;
let receiver: Server;
let receiverUrl: string;
/** What the receiver got; it answers with `nextStatus`. */
const received: Array<{ headers: Record<string, string>; body: string }> = [];
let nextStatus = 200;

const sql = () => t.ctx.db.sql;
const db = () => t.ctx.db;
const inApp = () => createMailer({ smtpUrl: undefined, mailFrom: 'Leitstand <it@example.com>' });

async function user(email: string): Promise<SessionUser> {
	return toSessionUser(sql(), (await getUserByEmail(sql(), email))!);
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(DomainError);
	return error as DomainError;
}

const mailsTo = (address: string) =>
	sql()<{ subject: string; body: string }[]>`
		select subject, body from outbox where kind = 'email' and recipient = ${address} order by id`;

const linkIn = (body: string, path: string) =>
	new URL(body.match(new RegExp(`https?://\\S+${path}\\?token=\\w+`))![0]);

async function declare(componentId: number, title: string) {
	return incidents.declareIncident(db(), agent, {
		title,
		components: [{ id: componentId, status: 'partial_outage' }],
		bodyEn: `${title}: we are on it.`,
		bodyDe: `${title}: Wir kümmern uns darum.`
	});
}

beforeAll(async () => {
	t = await startTestApp({ demo: true });
	admin = await user('admin@example.com');
	agent = await user('l1@example.com');
	printing = await components.createComponent(db(), admin, { name: 'Printing' });
	phones = await components.createComponent(db(), admin, { name: 'Telephony' });
	receiver = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			received.push({ headers: req.headers as Record<string, string>, body });
			res.writeHead(nextStatus).end();
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/status`;
}, 120_000);

afterAll(async () => {
	receiver?.close();
	await t?.stop();
});

describe('email subscriptions', () => {
	it('sends nothing before the address is confirmed, then every matching update', async () => {
		const address = 'subscriber@example.org';
		expect(
			await subscriptions.subscribeEmail(
				db(),
				{ email: address, componentIds: [String(printing.id)], language: 'de' },
				{ ip: '10.0.0.1' }
			)
		).toEqual({ ok: true });
		const [confirmMail] = await mailsTo(address);
		expect(confirmMail.subject).toContain('bestätigen');
		await declare(printing.id, 'Printers offline');
		expect(await mailsTo(address)).toHaveLength(1);

		const confirm = linkIn(confirmMail.body, '/status/subscribe/confirm');
		expect(
			await subscriptions.confirmSubscription(db(), confirm.searchParams.get('token'))
		).toEqual({
			email: address
		});
		// A used link is gone.
		expect(
			(await refusal(subscriptions.confirmSubscription(db(), confirm.searchParams.get('token'))))
				.status
		).toBe(410);

		await declare(phones.id, 'Phones down'); // not their component
		expect(await mailsTo(address)).toHaveLength(1);
		await declare(printing.id, 'Print queue stuck');
		const mails = await mailsTo(address);
		expect(mails).toHaveLength(2);
		expect(mails[1].body).toContain('Wir kümmern uns darum');

		const unsubscribe = linkIn(mails[1].body, '/status/unsubscribe');
		expect(await subscriptions.unsubscribe(db(), unsubscribe.searchParams.get('token'))).toBe(true);
		expect(await subscriptions.unsubscribe(db(), unsubscribe.searchParams.get('token'))).toBe(
			false
		);
		await declare(printing.id, 'Printers again');
		expect(await mailsTo(address)).toHaveLength(2);
	});

	it('answers the same for a known address and mails its owner instead', async () => {
		const address = 'known@example.org';
		await subscriptions.subscribeEmail(db(), { email: address }, { ip: '10.0.0.2' });
		const [first] = await mailsTo(address);
		await subscriptions.confirmSubscription(
			db(),
			linkIn(first.body, '/status/subscribe/confirm').searchParams.get('token')
		);
		expect(
			await subscriptions.subscribeEmail(db(), { email: address }, { ip: '10.0.0.3' })
		).toEqual({ ok: true });
		const mails = await mailsTo(address);
		expect(mails).toHaveLength(2);
		expect(mails[1].body).toContain('/status/unsubscribe?token=');
		expect(mails[1].body).not.toContain('/confirm');
	});

	it('throttles per address and per client address, and rejects bad input', async () => {
		const results = await Promise.allSettled(
			Array.from({ length: 6 }, () =>
				subscriptions.subscribeEmail(db(), { email: 'flood@example.org' }, { ip: '10.0.0.9' })
			)
		);
		const refused = results.filter(
			(r) => r.status === 'rejected' && (r.reason as DomainError).status === 429
		);
		expect(refused.length).toBe(6 - 3);
		expect(
			(await refusal(subscriptions.subscribeEmail(db(), { email: 'a\u0000@x.org' }, { ip: '1' })))
				.fields
		).toHaveProperty('email');
		expect(
			(
				await refusal(
					subscriptions.subscribeEmail(
						db(),
						{ email: 'c@example.org', componentIds: [String(2 ** 31)] },
						{ ip: '10.0.0.10' }
					)
				)
			).status
		).toBe(400);
		expect(await subscriptions.unsubscribe(db(), "' or 1=1 --")).toBe(false);
	});
});

describe('webhooks', () => {
	it('only admins register them; deliveries are signed, logged and retried', async () => {
		expect(
			(await refusal(subscriptions.createWebhook(db(), agent, { url: receiverUrl }))).status
		).toBe(403);
		expect(
			(await refusal(subscriptions.createWebhook(db(), admin, { url: 'javascript:alert(1)' })))
				.fields
		).toHaveProperty('url');
		const { id, secret } = await subscriptions.createWebhook(db(), admin, { url: receiverUrl });
		expect(secret).toMatch(/^whsec_/);

		nextStatus = 503;
		const incident = await declare(printing.id, 'Toner everywhere');
		await dispatchOutbox(db(), inApp());
		expect(received).toHaveLength(1);
		let [log] = await subscriptions.webhookAttempts(db(), admin, id);
		expect(log).toMatchObject({ statusCode: 503, error: 'HTTP 503', type: 'incident.created' });
		const [pending] = await sql()<{ next_attempt_at: Date; sent_at: Date | null }[]>`
			select next_attempt_at, sent_at from outbox where subscriber_id = ${id}`;
		expect(pending.sent_at).toBeNull();
		expect(pending.next_attempt_at.getTime()).toBeGreaterThan(Date.now());

		nextStatus = 204;
		await dispatchOutbox(db(), inApp(), { now: new Date(Date.now() + 2 * 60_000) });
		expect(received).toHaveLength(2);
		[log] = await subscriptions.webhookAttempts(db(), admin, id);
		expect(log.statusCode).toBe(204);
		// Both attempts carry the same message id, and the signature verifies with the secret.
		expect(received[0].headers['webhook-id']).toBe(received[1].headers['webhook-id']);
		const payload = new Webhook(secret).verify(received[1].body, received[1].headers) as {
			type: string;
			data: { incident: { id: string; name: string; incident_updates: unknown[] } };
		};
		expect(payload.type).toBe('incident.created');
		expect(payload.data.incident).toMatchObject({
			id: String(incident.id),
			name: 'Toner everywhere'
		});
		expect(() => new Webhook(secret).verify(received[1].body + ' ', received[1].headers)).toThrow();

		const [info] = await subscriptions.listWebhooks(db(), admin);
		expect(info).toMatchObject({ id, delivered: 1, lastStatus: 204 });
		await subscriptions.deleteWebhook(db(), admin, id);
		expect(await subscriptions.listWebhooks(db(), admin)).toEqual([]);
	});
});
