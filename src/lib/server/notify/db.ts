import type { Queryable } from '../db/client';

export interface OutgoingMail {
	recipient: string;
	subject: string;
	body: string;
	ticketId?: number | null;
}

export interface OutboxRecord extends OutgoingMail {
	id: number;
	/** Mail, or a status webhook (recipient: its URL; body: the JSON payload; subject: its type). */
	kind: 'email' | 'webhook';
	subscriberId: number | null;
	attempts: number;
	createdAt: Date;
	sentAt: Date | null;
	failedAt: Date | null;
	lastError: string | null;
}

/**
 * Queue mails in the caller's transaction: they are sent only if the change they report commits.
 * One statement however many (new tickets filed together share it, see `intakeOf` in
 * `tickets/service.ts`); their outbox ids, in order.
 */
export async function enqueueMails(sql: Queryable, mails: OutgoingMail[]): Promise<number[]> {
	if (mails.length === 0) return [];
	const rows = await sql<{ id: number }[]>`
		insert into outbox (recipient, subject, body, ticket_id, next_attempt_at)
		select m.recipient, m.subject, m.body, m.ticket_id,
			-- Millisecond precision, like the JavaScript clock the dispatcher compares with:
			-- otherwise a mail queued in the same millisecond looks not yet due.
			date_trunc('milliseconds', now())
		from unnest(${mails.map((x) => x.recipient)}::text[], ${mails.map((x) => x.subject)}::text[],
			${mails.map((x) => x.body)}::text[], ${mails.map((x) => x.ticketId ?? null)}::int[])
			with ordinality as m(recipient, subject, body, ticket_id, n)
		order by m.n
		returning id`;
	return rows.map((r) => r.id);
}

/** One mail (`enqueueMails`); its outbox id. */
export async function enqueueMail(sql: Queryable, mail: OutgoingMail): Promise<number> {
	const [id] = await enqueueMails(sql, [mail]);
	return id;
}

interface OutboxRow {
	id: number;
	kind: string;
	subscriber_id: number | null;
	recipient: string;
	subject: string;
	body: string;
	ticket_id: number | null;
	attempts: number;
	created_at: Date;
	sent_at: Date | null;
	failed_at: Date | null;
	last_error: string | null;
}

const toRecord = (r: OutboxRow): OutboxRecord => ({
	id: r.id,
	kind: r.kind === 'webhook' ? 'webhook' : 'email',
	subscriberId: r.subscriber_id,
	recipient: r.recipient,
	subject: r.subject,
	body: r.body,
	ticketId: r.ticket_id,
	attempts: r.attempts,
	createdAt: r.created_at,
	sentAt: r.sent_at,
	failedAt: r.failed_at,
	lastError: r.last_error
});

/** Take due mails, locked so other nodes' dispatchers skip them. Use inside a transaction. */
export async function claimDueMail(sql: Queryable, now: Date, limit: number) {
	const rows = await sql<OutboxRow[]>`
		select * from outbox
		where sent_at is null and failed_at is null and next_attempt_at <= ${now}
		order by id limit ${limit} for update skip locked`;
	return rows.map(toRecord);
}

export async function markSent(sql: Queryable, id: number, at: Date) {
	await sql`update outbox set sent_at = ${at}, attempts = attempts + 1, last_error = null
		where id = ${id}`;
}

/** Record a failed attempt; after `maxAttempts` the mail is given up (kept, marked failed). */
export async function markAttemptFailed(
	sql: Queryable,
	id: number,
	error: string,
	retryAt: Date,
	giveUp: boolean
) {
	await sql`update outbox set attempts = attempts + 1, last_error = ${error.slice(0, 1000)},
			next_attempt_at = ${retryAt}, failed_at = ${giveUp ? new Date() : null}
		where id = ${id}`;
}

export async function recentMail(sql: Queryable, limit = 100): Promise<OutboxRecord[]> {
	const rows = await sql<OutboxRow[]>`
		select * from outbox where kind = 'email' order by id desc limit ${limit}`;
	return rows.map(toRecord);
}

/**
 * Hold claimed mails until `until` while they are being sent outside the claiming transaction;
 * if the sending node dies, another takes them up once the lease has passed.
 */
export async function leaseMail(sql: Queryable, ids: number[], until: Date) {
	if (ids.length === 0) return;
	await sql`update outbox set next_attempt_at = ${until} where id = any(${ids}::bigint[])`;
}
