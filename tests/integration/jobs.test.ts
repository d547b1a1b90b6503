import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentMessageInfo, Transport } from 'nodemailer';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { autoCloseResolved } from '../../src/lib/server/jobs/auto-close';
import { dispatchOutbox } from '../../src/lib/server/jobs/outbox';
import { runSlaClock } from '../../src/lib/server/jobs/sla-clock';
import { enqueueMail } from '../../src/lib/server/notify/db';
import {
	createMailer,
	MAX_ATTEMPTS,
	retryDelayMs,
	type Mailer
} from '../../src/lib/server/notify/mailer';
import { evaluateClock, minutesLeft } from '../../src/lib/server/sla/clock';
import * as sla from '../../src/lib/server/sla/db';
import { seedDemoTickets } from '../../src/lib/server/seed/tickets';
import { getCategoryByKey, getTicket } from '../../src/lib/server/tickets/db';
import { addComment, createTicket, updateTicket } from '../../src/lib/server/tickets/service';
import { DomainError } from '../../src/lib/server/errors';
import { getUserByEmail, toSessionUser } from '../../src/lib/server/users/db';
import type { SessionUser } from '../../src/lib/types/user';
import { DB_KIND, startTestApp, type TestApp } from './harness';

let t: TestApp;
let db: Database;
const users: Record<string, SessionUser> = {};
let network = 0;

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const MAIL_CONFIG = { smtpUrl: undefined, mailFrom: 'Leitstand <helpdesk@example.com>' };

beforeAll(async () => {
	t = await startTestApp({ demo: true });
	db = t.ctx.db;
	for (const key of ['user', 'l1', 'lead']) {
		const record = await getUserByEmail(db.sql, `${key}@example.com`);
		users[key] = await toSessionUser(db.sql, record!);
	}
	network = (await getCategoryByKey(db.sql, 'network'))!;
});
afterAll(() => t.stop());

function openTicket(title: string, at: Date, urgency: 1 | 2 | 3 = 2, impact: 1 | 2 | 3 = 2) {
	return createTicket(
		db,
		users.user,
		{ title, body: 'Details follow.', categoryId: network, urgency, impact },
		{ at }
	);
}

async function outboxRow(id: number) {
	const [row] = await db.sql<
		{
			attempts: number;
			next_attempt_at: Date;
			sent_at: Date | null;
			failed_at: Date | null;
			last_error: string | null;
		}[]
	>`select attempts, next_attempt_at, sent_at, failed_at, last_error from outbox where id = ${id}`;
	return row;
}

/** A nodemailer transport that records messages and refuses those for `refuse` recipients. */
function recordingTransport(refuse: (to: string) => boolean = () => false) {
	const sent: Array<{ to: string; subject: string; messageId: string }> = [];
	const transport: Transport<SentMessageInfo> = {
		name: 'recording',
		version: '1',
		send(mail, done) {
			const to = String(mail.data.to);
			if (refuse(to)) {
				const envelope = mail.message.getEnvelope();
				done(new Error('451 4.3.0 Mail server temporarily rejected message'), {
					envelope,
					messageId: ''
				});
				return;
			}
			const messageId = mail.message.messageId();
			sent.push({ to, subject: String(mail.data.subject), messageId });
			done(null, { envelope: mail.message.getEnvelope(), messageId });
		}
	};
	return { sent, mailer: createMailer(MAIL_CONFIG, transport) };
}

/** Deliver everything due now so a test sees only its own mails afterwards. */
async function drainOutbox(now = new Date()) {
	const inApp = createMailer(MAIL_CONFIG);
	while ((await dispatchOutbox(db, inApp, { now, batch: 100 })).inApp > 0) {
		// keep going
	}
}

describe(`background jobs on ${DB_KIND}`, () => {
	it('two clock jobs running at the same time fire each warning and breach once', async () => {
		const now = new Date();
		// P1 runs on the 24/7 calendar: 30 min first response, 4 h resolution. Six hours ago both
		// thresholds (and both warnings) have passed, whatever the weekday.
		const created = await Promise.all(
			Array.from({ length: 8 }, (_, i) =>
				openTicket(`Site VPN down #${i}`, new Date(now.getTime() - 6 * HOUR), 1, 1)
			)
		);
		// On PostgreSQL the second job runs on a second node (its own connection pool).
		const other =
			DB_KIND === 'postgres'
				? await openDatabase({ databaseUrl: t.ctx.config.databaseUrl, dataDir: '', poolMax: 3 })
				: db;
		try {
			const [a, b] = await Promise.all([runSlaClock(db, now, 3), runSlaClock(other, now, 3)]);
			expect(a + b).toBeGreaterThanOrEqual(created.length);
			await Promise.all([runSlaClock(db, now, 3), runSlaClock(other, now, 3)]);
		} finally {
			if (other !== db) await other.close();
		}
		for (const ticket of created) {
			const rows = await db.sql<{ type: string; metric: string }[]>`
				select type, payload->>'metric' as metric from events
				where topic = ${'ticket:' + ticket.id} and type in ('sla.warning', 'sla.breached')
				order by id`;
			const fired = rows.map((r) => `${r.type}:${r.metric}`).sort();
			expect(fired).toEqual([
				'sla.breached:first_response',
				'sla.breached:resolution',
				'sla.warning:first_response',
				'sla.warning:resolution'
			]);
			// The default rule moved the breached P1 up one level, exactly once.
			expect((await getTicket(db.sql, ticket.id))!.level).toBe(2);
		}
	});

	it('never sends mail whose ticket transaction rolled back', async () => {
		await drainOutbox();
		const marker = `rollback-${Date.now()}`;
		await expect(
			db.transaction(async (tx) => {
				await enqueueMail(tx.sql, { recipient: 'user@example.com', subject: marker, body: 'x' });
				throw new Error('the ticket change failed');
			})
		).rejects.toThrow('the ticket change failed');

		// Through the service: a reply is queued, then the status change in the same call is refused.
		const ticket = await openTicket('Printer offline', new Date());
		const resolved = await updateTicket(db, users.l1, ticket.id, {
			version: ticket.version,
			status: 'resolved'
		});
		await expect(
			addComment(db, users.l1, ticket.id, { body: `Reply ${marker}`, status: 'on_hold' })
		).rejects.toBeInstanceOf(DomainError);
		expect((await getTicket(db.sql, ticket.id))!.version).toBe(resolved.version);

		const { sent, mailer } = recordingTransport();
		await dispatchOutbox(db, mailer);
		const queued = await db.sql`select id from outbox where subject = ${marker}
			or body like ${'%' + marker + '%'}`;
		expect(queued).toHaveLength(0);
		expect(sent.filter((m) => m.subject.includes(marker))).toHaveLength(0);
		// The ticket's own mails (received, status) did go out.
		expect(sent.some((m) => m.to === 'user@example.com')).toBe(true);
	});

	it('sends through a nodemailer transport with a stable Message-ID', async () => {
		await drainOutbox();
		const id = await enqueueMail(db.sql, {
			recipient: 'user@example.com',
			subject: 'Your ticket',
			body: 'Hello'
		});
		const json = createMailer(MAIL_CONFIG, { jsonTransport: true });
		expect(json.delivery).toBe('smtp');
		const result = await dispatchOutbox(db, json);
		expect(result).toMatchObject({ sent: 1, failed: 0 });
		const row = await outboxRow(id);
		expect(row.sent_at).not.toBeNull();
		expect(row.attempts).toBe(1);

		const again = await enqueueMail(db.sql, {
			recipient: 'a@example.com',
			subject: 's',
			body: 'b'
		});
		const { sent, mailer } = recordingTransport();
		await dispatchOutbox(db, mailer);
		expect(sent.find((m) => m.to === 'a@example.com')?.messageId).toMatch(
			new RegExp(`^<outbox-${again}\\.\\d+@example\\.com>$`)
		);
	});

	it('retries a failing transport with backoff and gives up after the maximum', async () => {
		await drainOutbox();
		const bounce = await enqueueMail(db.sql, {
			recipient: 'bounce@example.com',
			subject: 'Will fail',
			body: 'x'
		});
		const fine = await enqueueMail(db.sql, {
			recipient: 'fine@example.com',
			subject: 'Will pass',
			body: 'x'
		});
		const { sent, mailer } = recordingTransport((to) => to === 'bounce@example.com');
		let now = new Date(Date.now() + 1000);
		const expectedDelays = [1, 5, 30, 120, 360, 720, 1440].map((m) => m * 60_000);
		for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			const result = await dispatchOutbox(db, mailer, { now });
			const row = await outboxRow(bounce);
			expect(row.attempts).toBe(attempt);
			expect(row.last_error).toContain('451');
			if (attempt < MAX_ATTEMPTS) {
				expect(result.failed).toBe(1);
				expect(row.failed_at).toBeNull();
				const delay = expectedDelays[attempt - 1];
				expect(retryDelayMs(attempt)).toBe(delay);
				expect(row.next_attempt_at.getTime()).toBe(now.getTime() + delay);
				// Not due a second before the retry time.
				await dispatchOutbox(db, mailer, { now: new Date(now.getTime() + delay - 1000) });
				expect((await outboxRow(bounce)).attempts).toBe(attempt);
				now = new Date(now.getTime() + delay);
			} else {
				expect(result.gaveUp).toBe(1);
				expect(row.failed_at).not.toBeNull();
			}
		}
		// Given up means never tried again.
		await dispatchOutbox(db, mailer, { now: new Date(now.getTime() + 365 * DAY) });
		expect((await outboxRow(bounce)).attempts).toBe(MAX_ATTEMPTS);
		// The failing mail never held up the other one.
		expect((await outboxRow(fine)).sent_at).not.toBeNull();
		expect(sent.filter((m) => m.to === 'fine@example.com')).toHaveLength(1);
		expect(sent.filter((m) => m.to === 'bounce@example.com')).toHaveLength(0);
	});

	it('without SMTP marks mail as delivered to the in-app mailbox', async () => {
		const id = await enqueueMail(db.sql, {
			recipient: 'user@example.com',
			subject: 'In-app only',
			body: 'x'
		});
		const mailer: Mailer = createMailer(MAIL_CONFIG);
		expect(mailer.delivery).toBe('in-app');
		expect(createMailer({ ...MAIL_CONFIG, smtpUrl: 'smtp://u:p@127.0.0.1:2525' }).delivery).toBe(
			'smtp'
		);
		const result = await dispatchOutbox(db, mailer);
		expect(result.inApp).toBeGreaterThanOrEqual(1);
		const row = await outboxRow(id);
		expect(row.sent_at).not.toBeNull();
		expect(row.failed_at).toBeNull();
		expect(row.attempts).toBe(1);
	});

	it('auto-closes only tickets resolved longer ago than auto_close_days', async () => {
		const now = new Date();
		const ago = (days: number) => new Date(now.getTime() - days * DAY);
		const resolve = async (title: string, createdDaysAgo: number, resolvedDaysAgo: number) => {
			const ticket = await openTicket(title, ago(createdDaysAgo));
			return updateTicket(
				db,
				users.l1,
				ticket.id,
				{ version: ticket.version, status: 'resolved' },
				{ at: ago(resolvedDaysAgo) }
			);
		};
		const old = await resolve('Old resolved', 12, 10);
		const recent = await resolve('Recently resolved', 4, 2);
		const stillOpen = await openTicket('Open for ages', ago(12));
		const reopened = await resolve('Reopened', 12, 10);
		await updateTicket(
			db,
			users.l1,
			reopened.id,
			{ version: reopened.version, status: 'open' },
			{ at: ago(1) }
		);

		expect(await autoCloseResolved(db, now)).toBeGreaterThanOrEqual(1);
		const status = async (id: number) => (await getTicket(db.sql, id))!.status;
		expect(await status(old.id)).toBe('closed');
		expect((await getTicket(db.sql, old.id))!.closedAt?.getTime()).toBe(now.getTime());
		expect(await status(recent.id)).toBe('resolved');
		expect(await status(stillOpen.id)).toBe('open');
		expect(await status(reopened.id)).toBe('open');
		const [event] = await db.sql<{ actor_id: number | null; payload: { to: string } }[]>`
			select actor_id, payload from events
			where topic = ${'ticket:' + old.id} and type = 'ticket.status_changed'
			order by id desc limit 1`;
		expect(event).toMatchObject({ actor_id: null, payload: { to: 'closed' } });
		expect(await autoCloseResolved(db, now)).toBe(0);
	});

	it('seeds demo tickets in every status, level and priority, with SLA clocks as the engine keeps them', async () => {
		// Wednesday 18 November 2026, 10:30 in Berlin.
		const now = new Date('2026-11-18T10:30:00+01:00');
		const { tickets } = await seedDemoTickets(db, { count: 40, now });
		expect(tickets).toHaveLength(40);
		const rows = await db.sql<
			{
				id: number;
				status: string;
				level: number;
				priority: number;
				created_at: Date;
				first_responded_at: Date | null;
				resolved_at: Date | null;
				locale: string | null;
				email: string;
			}[]
		>`select t.id, t.status, t.level, t.priority, t.created_at, t.first_responded_at,
				t.resolved_at, u.locale, u.email
			from tickets t join users u on u.id = t.requester_id
			where t.id = any(${tickets}::int[])`;
		const distinct = (key: keyof (typeof rows)[number]) => new Set(rows.map((r) => r[key]));
		expect([...distinct('status')].sort()).toEqual(
			['closed', 'new', 'on_hold', 'open', 'pending', 'resolved'].sort()
		);
		expect([...distinct('level')].sort()).toEqual([1, 2, 3]);
		expect([...distinct('priority')].sort()).toEqual([1, 2, 3, 4]);
		expect(distinct('locale')).toContain('de');
		expect(distinct('locale')).toContain('en');
		for (const r of rows) {
			expect(r.created_at.getTime()).toBeLessThanOrEqual(now.getTime());
			expect(r.created_at.getTime()).toBeGreaterThan(now.getTime() - 15 * DAY);
			if (r.status === 'new') expect(r.first_responded_at).toBeNull();
			if (['resolved', 'closed'].includes(r.status)) expect(r.resolved_at).not.toBeNull();
		}

		const events = await db.sql<{ topic: string; type: string; metric: string | null }[]>`
			select topic, type, payload->>'metric' as metric from events
			where topic = any(${tickets.map((id) => `ticket:${id}`)}::text[])`;
		const types = new Set(events.map((e) => e.type));
		for (const type of [
			'ticket.created',
			'ticket.replied',
			'ticket.noted',
			'ticket.escalated',
			'ticket.handed_back',
			'ticket.status_changed',
			'ticket.confirmed',
			'sla.breached'
		]) {
			expect(types, type).toContain(type);
		}

		let breachedOpen = 0;
		for (const r of rows) {
			const clocks = await sla.clocksOf(db.sql, r.id);
			expect(clocks.map((c) => c.metric)).toEqual(['first_response', 'resolution']);
			for (const clock of clocks) {
				const calendar = (await sla.getCalendar(db.sql, clock.calendarId))!.calendar;
				for (const at of [clock.warnedAt, clock.breachedAt, clock.fulfilledAt]) {
					if (at) expect(at.getTime()).toBeLessThanOrEqual(now.getTime());
				}
				expect(clock.state === 'breached').toBe(clock.breachedAt !== null);
				// Everything due by `now` has fired: the engine finds nothing left to signal.
				expect(evaluateClock(clock, now, calendar).signals).toEqual([]);
				if (clock.runningSince && !clock.breachedAt) {
					// The stored due time is where the accrued minutes reach the target.
					expect(Math.abs(minutesLeft(clock, clock.dueAt!, calendar))).toBeLessThan(1);
					expect(clock.nextCheckAt!.getTime()).toBeGreaterThan(now.getTime());
				}
				// Each threshold fired exactly one event.
				const fired = (type: string) =>
					events.filter(
						(e) => e.topic === `ticket:${r.id}` && e.type === type && e.metric === clock.metric
					).length;
				expect(fired('sla.breached')).toBe(clock.breachedAt ? 1 : 0);
				expect(fired('sla.warning')).toBe(clock.warnedAt ? 1 : 0);
				if (clock.breachedAt && !['resolved', 'closed'].includes(r.status)) breachedOpen++;
			}
			const firstResponse = clocks.find((c) => c.metric === 'first_response')!;
			expect(firstResponse.fulfilledAt?.getTime()).toBe(r.first_responded_at?.getTime());
			const resolution = clocks.find((c) => c.metric === 'resolution')!;
			if (['pending', 'on_hold'].includes(r.status)) expect(resolution.runningSince).toBeNull();
			if (['resolved', 'closed'].includes(r.status)) {
				expect(resolution.fulfilledAt?.getTime()).toBe(r.resolved_at?.getTime());
			}
		}
		expect(breachedOpen).toBeGreaterThan(0);
	}, 180_000);
});
