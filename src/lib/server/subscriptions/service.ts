// Who is told about incidents and maintenance without looking: email subscribers (double opt-in,
// one-click unsubscribe, optionally per component) and webhook endpoints registered by admins
// (signed per the Standard Webhooks specification). Updates are queued to them by
// incidents/notify.ts; the outbox job sends mail and delivers webhooks (webhooks.ts).
import { encodeBase64 } from '@oslojs/encoding';
import { z } from 'zod';
import type { Database, Queryable } from '../db/client';
import { generateSessionToken, hashToken } from '../auth/session';
import { isAdmin } from '../auth/roles';
import { subscribeThrottle } from '../auth/throttle';
import { DomainError, forbidden, invalid, notFound, parseInput } from '../errors';
import { appendEvent } from '../events/writer';
import { baseUrl } from '../http/base-url';
import { enqueueMail } from '../notify/db';
import { dbId, emailAddress, singleLine } from '../validation/fields';
import { m } from '$lib/paraglide/messages';
import type { Locale, SessionUser } from '$lib/types/user';

/** A confirmation link works for a week. */
export const CONFIRM_DAYS = 7;

const componentIds = z
	.array(dbId(m.incident_error_component_unknown, { fromForm: true }))
	.max(200)
	.default([])
	.transform((ids) => [...new Set(ids)]);

export const subscribeSchema = z.object({
	email: emailAddress(() => m.subscribe_field_email()),
	componentIds,
	language: z.enum(['en', 'de']).default('en')
});
export type SubscribeInput = z.input<typeof subscribeSchema>;

async function assertComponents(sql: Queryable, ids: number[]) {
	if (ids.length === 0) return;
	const rows = await sql<{ id: number }[]>`
		select id from components where id = any(${ids}::int[]) and not is_group`;
	if (rows.length !== ids.length) {
		throw invalid({ componentIds: m.incident_error_component_unknown() });
	}
}

async function setComponents(sql: Queryable, subscriberId: number, ids: number[]) {
	await sql`delete from status_subscriber_components where subscriber_id = ${subscriberId}`;
	if (ids.length === 0) return;
	await sql`
		insert into status_subscriber_components (subscriber_id, component_id)
		select ${subscriberId}, unnest(${ids}::int[])`;
}

/**
 * Subscribe an address: a mail with a confirmation link goes out, and nothing is sent to it
 * until it is confirmed. The answer is the same whether the address was known, pending or
 * already confirmed (then the mail says so), so the form tells no one who subscribed.
 */
export async function subscribeEmail(
	db: Database,
	input: SubscribeInput,
	meta: { ip: string }
): Promise<{ ok: true }> {
	const data = parseInput(subscribeSchema, input);
	const admission = await subscribeThrottle(db.sql).attempt(data.email, meta.ip);
	if (!admission.allowed) {
		throw new DomainError(429, 'too_many_requests', m.subscribe_error_throttled());
	}
	await db.transaction(async (tx) => {
		await assertComponents(tx.sql, data.componentIds);
		await tx.sql`select pg_advisory_xact_lock(hashtext('subscribe:' || ${data.email}))`;
		const [existing] = await tx.sql<
			{ id: number; confirmed_at: Date | null; unsubscribe_token: string }[]
		>`
			select id, confirmed_at, unsubscribe_token from status_subscribers
			where kind = 'email' and lower(email) = ${data.email}`;
		const o = { locale: data.language as Locale } as const;
		if (existing?.confirmed_at) {
			await enqueueMail(tx.sql, {
				recipient: data.email,
				subject: m.subscribe_mail_known_subject({}, o),
				body: m.subscribe_mail_known_body(
					{ unsubscribe: `${baseUrl()}/status/unsubscribe?token=${existing.unsubscribe_token}` },
					o
				)
			});
			return;
		}
		const confirmToken = generateSessionToken();
		let id: number;
		if (existing) {
			id = existing.id;
			await tx.sql`
				update status_subscribers set confirm_token_hash = ${hashToken(confirmToken)},
					language = ${data.language}, created_at = now()
				where id = ${id}`;
		} else {
			const [row] = await tx.sql<{ id: number }[]>`
				insert into status_subscribers (kind, email, language, confirm_token_hash,
					unsubscribe_token)
				values ('email', ${data.email}, ${data.language}, ${hashToken(confirmToken)},
					${generateSessionToken()})
				returning id`;
			id = row.id;
		}
		await setComponents(tx.sql, id, data.componentIds);
		await enqueueMail(tx.sql, {
			recipient: data.email,
			subject: m.subscribe_mail_confirm_subject({}, o),
			body: m.subscribe_mail_confirm_body(
				{
					link: `${baseUrl()}/status/subscribe/confirm?token=${encodeURIComponent(confirmToken)}`,
					days: CONFIRM_DAYS
				},
				o
			)
		});
	});
	return { ok: true };
}

const tokenField = z
	.string()
	.trim()
	.min(10)
	.max(200)
	.regex(/^[a-z0-9]+$/);

/** Confirm an address from its link; an unknown, used or expired link is a 410. */
export async function confirmSubscription(
	db: Database,
	token: unknown
): Promise<{ email: string }> {
	const parsed = tokenField.safeParse(token);
	const gone = () => new DomainError(410, 'link_expired', m.subscribe_error_link());
	if (!parsed.success) throw gone();
	return db.transaction(async (tx) => {
		const [row] = await tx.sql<{ id: number; email: string }[]>`
			update status_subscribers set confirmed_at = now(), confirm_token_hash = null
			where confirm_token_hash = ${hashToken(parsed.data)}
				and created_at > now() - make_interval(days => ${CONFIRM_DAYS})
			returning id, email`;
		if (!row) throw gone();
		return { email: row.email };
	});
}

/** Nothing more goes to a subscriber who left; what was sent stays in the log. */
async function cancelPending(sql: Queryable, subscriberId: number) {
	await sql`
		update outbox set failed_at = now(), last_error = 'unsubscribed'
		where subscriber_id = ${subscriberId} and sent_at is null and failed_at is null`;
}

/** One-click unsubscribe: the subscriber is deleted. False if the link names no one (any more). */
export async function unsubscribe(db: Database, token: unknown): Promise<boolean> {
	const parsed = tokenField.safeParse(token);
	if (!parsed.success) return false;
	return db.transaction(async (tx) => {
		const rows = await tx.sql<{ id: number }[]>`
			delete from status_subscribers where unsubscribe_token = ${parsed.data} returning id`;
		if (rows.length > 0) await cancelPending(tx.sql, rows[0].id);
		return rows.length > 0;
	});
}

// ───────────────────────── webhooks (admins) ─────────────────────────

export const webhookSchema = z.object({
	url: singleLine(2000, 'URL').pipe(
		z.url({ protocol: /^https?$/, error: () => m.subscribe_error_url() })
	),
	componentIds,
	language: z.enum(['en', 'de']).default('en')
});
export type WebhookInput = z.input<typeof webhookSchema>;

export interface WebhookInfo {
	id: number;
	url: string;
	componentIds: number[];
	createdAt: string;
	disabledAt: string | null;
	delivered: number;
	failed: number;
	lastAttemptAt: string | null;
	lastStatus: number | null;
	lastError: string | null;
}

export interface WebhookAttempt {
	id: number;
	at: string;
	statusCode: number | null;
	error: string | null;
	durationMs: number | null;
	type: string;
}

function assertAdmin(actor: SessionUser) {
	if (!isAdmin(actor)) throw forbidden();
}

/** A new Standard Webhooks secret: `whsec_` + base64 of 24 random bytes. */
function newSecret(): string {
	const bytes = new Uint8Array(24);
	crypto.getRandomValues(bytes);
	return `whsec_${encodeBase64(bytes)}`;
}

/** Register a webhook; the answer carries its signing secret, shown this once. */
export async function createWebhook(
	db: Database,
	actor: SessionUser,
	input: WebhookInput
): Promise<{ id: number; secret: string }> {
	assertAdmin(actor);
	const data = parseInput(webhookSchema, input);
	return db.transaction(async (tx) => {
		await assertComponents(tx.sql, data.componentIds);
		const taken = await tx.sql`
			select 1 from status_subscribers where kind = 'webhook' and url = ${data.url}`;
		if (taken.length > 0) throw invalid({ url: m.subscribe_error_url_taken() });
		const secret = newSecret();
		const [row] = await tx.sql<{ id: number }[]>`
			insert into status_subscribers (kind, url, secret, language, unsubscribe_token, confirmed_at)
			values ('webhook', ${data.url}, ${secret}, ${data.language}, ${generateSessionToken()}, now())
			returning id`;
		await setComponents(tx.sql, row.id, data.componentIds);
		await appendEvent(tx, {
			topic: 'admin',
			type: 'admin.subscriber_changed',
			audience: 'admins',
			actorId: actor.id,
			payload: { subscriberId: row.id, change: 'webhook_created', url: data.url }
		});
		return { id: row.id, secret };
	});
}

export async function deleteWebhook(db: Database, actor: SessionUser, id: number) {
	assertAdmin(actor);
	return db.transaction(async (tx) => {
		await cancelPending(tx.sql, id);
		const rows = await tx.sql<{ url: string }[]>`
			delete from status_subscribers where id = ${id} and kind = 'webhook' returning url`;
		if (rows.length === 0) throw notFound(m.subscribe_error_webhook_unknown());
		await appendEvent(tx, {
			topic: 'admin',
			type: 'admin.subscriber_changed',
			audience: 'admins',
			actorId: actor.id,
			payload: { subscriberId: id, change: 'webhook_deleted', url: rows[0].url }
		});
		return true;
	});
}

export async function listWebhooks(db: Database, actor: SessionUser): Promise<WebhookInfo[]> {
	assertAdmin(actor);
	const rows = await db.sql<
		{
			id: number;
			url: string;
			component_ids: number[] | null;
			created_at: Date;
			disabled_at: Date | null;
			delivered: number;
			failed: number;
			last_at: Date | null;
			last_status: number | null;
			last_error: string | null;
		}[]
	>`
		select s.id, s.url, s.created_at, s.disabled_at,
			(select array_agg(component_id order by component_id) from status_subscriber_components
				where subscriber_id = s.id) as component_ids,
			(select count(*)::int from outbox o where o.subscriber_id = s.id and o.sent_at is not null)
				as delivered,
			(select count(*)::int from outbox o where o.subscriber_id = s.id and o.failed_at is not null)
				as failed,
			a.at as last_at, a.status_code as last_status, a.error as last_error
		from status_subscribers s
		left join lateral (select at, status_code, error from webhook_attempts
			where subscriber_id = s.id order by id desc limit 1) a on true
		where s.kind = 'webhook' order by s.id`;
	return rows.map((r) => ({
		id: r.id,
		url: r.url,
		componentIds: r.component_ids ?? [],
		createdAt: r.created_at.toISOString(),
		disabledAt: r.disabled_at?.toISOString() ?? null,
		delivered: r.delivered,
		failed: r.failed,
		lastAttemptAt: r.last_at?.toISOString() ?? null,
		lastStatus: r.last_status,
		lastError: r.last_error
	}));
}

/** The delivery log of one webhook, newest first. */
export async function webhookAttempts(
	db: Database,
	actor: SessionUser,
	id: number,
	limit = 50
): Promise<WebhookAttempt[]> {
	assertAdmin(actor);
	const rows = await db.sql<
		{
			id: number;
			at: Date;
			status_code: number | null;
			error: string | null;
			duration_ms: number | null;
			type: string;
		}[]
	>`
		select a.id, a.at, a.status_code, a.error, a.duration_ms, o.subject as type
		from webhook_attempts a join outbox o on o.id = a.outbox_id
		where a.subscriber_id = ${id} order by a.id desc limit ${limit}`;
	return rows.map((r) => ({
		id: r.id,
		at: r.at.toISOString(),
		statusCode: r.status_code,
		error: r.error,
		durationMs: r.duration_ms,
		type: r.type
	}));
}

/** Counts for the admin: confirmed and pending email subscribers, webhooks. */
export async function subscriberCounts(sql: Queryable) {
	const [row] = await sql<{ confirmed: number; pending: number; webhooks: number }[]>`
		select count(*) filter (where kind = 'email' and confirmed_at is not null)::int as confirmed,
			count(*) filter (where kind = 'email' and confirmed_at is null)::int as pending,
			count(*) filter (where kind = 'webhook')::int as webhooks
		from status_subscribers`;
	return row;
}
