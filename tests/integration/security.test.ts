// The security defects of issue 9, each reproduced through the real hooks and routes on the
// database under test (PGlite, or PostgreSQL with TEST_DATABASE_URL): login throttle race, NUL
// and control characters, oversized ids, portal actions by staff, what a requester's API view
// shows, and the API's edges (unknown paths, media types, origins, body size, /metrics).
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as ticketsRoute from '../../src/routes/api/tickets/+server';
import * as ticketRoute from '../../src/routes/api/tickets/[number]/+server';
import * as commentsRoute from '../../src/routes/api/tickets/[number]/comments/+server';
import * as escalateRoute from '../../src/routes/api/tickets/[number]/escalate/+server';
import * as handBackRoute from '../../src/routes/api/tickets/[number]/hand-back/+server';
import * as categoriesRoute from '../../src/routes/api/categories/+server';
import * as meRoute from '../../src/routes/api/me/+server';
import * as unknownApiRoute from '../../src/routes/api/[...rest]/+server';
import * as metricsRoute from '../../src/routes/metrics/+server';
import { actions as loginActions } from '../../src/routes/login/+page.server';
import { actions as signupActions } from '../../src/routes/signup/+page.server';
import { actions as portalNewActions } from '../../src/routes/portal/new/+page.server';
import {
	actions as portalTicketActions,
	load as portalTicketLoad
} from '../../src/routes/portal/tickets/[number]/+page.server';
import { actions as adminGroupActions } from '../../src/routes/admin/groups/+page.server';
import { actions as adminUserActions } from '../../src/routes/admin/users/+page.server';
import { handleError } from '../../src/hooks.server';
import { MAX_BODY_BYTES } from '../../src/lib/server/api/respond';
import { encodeCursor } from '../../src/lib/server/api/tickets';
import * as adminService from '../../src/lib/server/admin/service';
import { logIn } from '../../src/lib/server/auth/login';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { ACCOUNT_FAILURES } from '../../src/lib/server/auth/throttle';
import { createApiToken } from '../../src/lib/server/auth/tokens';
import { loadConfig } from '../../src/lib/server/config';
import { log } from '../../src/lib/server/log';
import { getCategoryByKey, getTicket } from '../../src/lib/server/tickets/db';
import {
	addComment,
	createTicket,
	mergeTicket,
	processDueClocks,
	updateTicket
} from '../../src/lib/server/tickets/service';
import { getUserByEmail, toSessionUser } from '../../src/lib/server/users/db';
import { createUser } from '../../src/lib/server/users/service';
import { DomainError } from '../../src/lib/server/errors';
import type { TicketDetail } from '../../src/lib/types/ticket';
import type { SessionUser } from '../../src/lib/types/user';
import { DB_KIND, startTestApp, type TestApp } from './harness';
import { action, ORIGIN, page, send, type Answer, type Route } from './requests';

type Who = 'requester' | 'stranger' | 'l1' | 'l2' | 'admin';
const EMAIL: Record<Who, string> = {
	requester: 'user@example.com',
	stranger: 'user2@example.com',
	l1: 'l1@example.com',
	l2: 'l2@example.com',
	admin: 'admin@example.com'
};
/** One more than PostgreSQL's `integer` holds: no row can have this id. */
const HUGE = 2 ** 31;
const PASSWORD = 'correct horse battery staple';

let t: TestApp;
const users = {} as Record<Who, SessionUser>;
const sessions = {} as Record<Who, string>;
const tokens = {} as Record<Who, string>;
let network = 0;

beforeAll(async () => {
	t = await startTestApp({ demo: true });
	for (const who of Object.keys(EMAIL) as Who[]) {
		const record = (await getUserByEmail(t.ctx.db.sql, EMAIL[who]))!;
		users[who] = await toSessionUser(t.ctx.db.sql, record);
		sessions[who] = generateSessionToken();
		await createSession(t.ctx.db.sql, sessions[who], record.id);
		tokens[who] = (await createApiToken(t.ctx.db.sql, record.id, 'security test')).token;
	}
	network = (await getCategoryByKey(t.ctx.db.sql, 'network'))!;
});
afterAll(() => t.stop());

const params = (number: number) => ({ number: String(number) });

async function freshTicket(owner: Who = 'requester', title = 'Docking station not detected') {
	const ticket = await createTicket(t.ctx.db, users[owner], {
		title,
		body: 'Since the firmware update.',
		categoryId: network,
		urgency: 2,
		impact: 2
	});
	return ticket.id;
}

async function counts() {
	const [row] = await t.ctx.db.sql<{ tickets: number; comments: number; users: number }[]>`
		select (select count(*)::int from tickets) as tickets,
			(select count(*)::int from ticket_comments) as comments,
			(select count(*)::int from users) as users`;
	return row;
}

/** The API's one error shape, and nothing else in it. */
function expectError(r: Answer, status: number, code?: string) {
	expect(r.status, r.text).toBe(status);
	expect(r.headers.get('content-type')).toContain('application/json');
	expect(r.body.error).toEqual({
		code: code ?? expect.any(String),
		message: expect.any(String),
		...(r.body.error.fields ? { fields: expect.any(Object) } : {})
	});
}

/** The rejection of a promise that must reject. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error('expected the promise to reject');
}

describe(`login throttle on ${DB_KIND}`, () => {
	it(`20 parallel attempts on one account reach at most ${ACCOUNT_FAILURES} password checks`, async () => {
		const email = 'race-direct@example.com';
		await createUser(t.ctx.db, { email, name: 'Race', role: 'requester', password: PASSWORD });
		// 19 wrong passwords and the right one, from 20 addresses so only the account limit counts.
		const guesses = Array.from({ length: 20 }, (_, i) => (i === 10 ? PASSWORD : `guess-${i}`));
		const results = await Promise.all(
			guesses.map((password, i) => logIn(t.ctx, email, password, `10.20.0.${i}`))
		);
		// Every answer but "throttled" is a real password check (argon2 against the stored hash).
		const checked = results.filter((r) => r.ok || r.reason === 'invalid');
		expect(checked.length).toBeGreaterThan(0);
		expect(checked.length).toBeLessThanOrEqual(ACCOUNT_FAILURES);
		// The account is now locked for the window, the right password included.
		if (!results.some((r) => r.ok)) {
			expect(await logIn(t.ctx, email, PASSWORD, '10.20.1.1')).toMatchObject({
				ok: false,
				reason: 'throttled'
			});
		}
	});

	it('the same burst through the login form: at most 5 answers that are not 429', async () => {
		const email = 'race-form@example.com';
		await createUser(t.ctx.db, { email, name: 'Race', role: 'requester', password: PASSWORD });
		const answers = await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				send(action(loginActions.default), {
					path: '/login',
					form: { email, password: i === 19 ? PASSWORD : `guess-${i}` },
					address: '10.21.0.1'
				})
			)
		);
		const statuses = answers.map((a) => a.status);
		expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(ACCOUNT_FAILURES);
		expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20 - ACCOUNT_FAILURES);
		for (const s of statuses) expect([303, 401, 429]).toContain(s);
	});
});

describe(`NUL and control characters on ${DB_KIND}`, () => {
	it('the database cannot store NUL: unchecked, a NUL in the login email fails in PostgreSQL', async () => {
		// This is the 500 the request check prevents (next test).
		await expect(logIn(t.ctx, 'a\u0000b@example.com', 'x', '10.30.0.1')).rejects.toThrow();
	});

	it('a NUL in the login form is a 400 naming the field, before anything reaches the database', async () => {
		for (const field of ['email', 'password']) {
			const form = { email: 'user@example.com', password: 'whatever', [field]: 'a\u0000b' };
			const r = await send(action(loginActions.default), { path: '/login', form });
			expect(r.status, r.text).toBe(400);
			expect(r.text).toContain(`“${field}”`);
			// Multipart forms are checked too.
			const multipart = new FormData();
			for (const [k, v] of Object.entries(form)) multipart.set(k, v);
			const m = await send(action(loginActions.default), { path: '/login', form: multipart });
			expect(m.status, m.text).toBe(400);
		}
		// `use:enhance` gets an ActionResult it can show.
		const enhanced = await send(action(loginActions.default), {
			path: '/login',
			form: { email: '\u0000', password: 'x' },
			headers: { 'x-sveltekit-action': 'true', accept: 'application/json' }
		});
		expect(enhanced.status).toBe(400);
		expect(enhanced.body).toMatchObject({ type: 'error', error: { message: expect.any(String) } });
	});

	it('a NUL in a query parameter or body field of every API endpoint is a 400 naming the field', async () => {
		const number = await freshTicket();
		const version = (await getTicket(t.ctx.db.sql, number))!.version;
		const valid = { title: 'VPN', body: 'Down.', categoryId: network, urgency: 2, impact: 2 };
		const cases: Array<[Route, Parameters<typeof send>[1], string]> = [
			[ticketsRoute.GET, { path: '/api/tickets?q=vpn%00' }, 'q'],
			[ticketsRoute.GET, { path: '/api/tickets?status=open%00' }, 'status'],
			[ticketRoute.GET, { path: `/api/tickets/${number}?x=%00`, params: params(number) }, 'x'],
			[categoriesRoute.GET, { path: '/api/categories?lang=%00' }, 'lang'],
			[meRoute.GET, { path: '/api/me?a%00b=1' }, 'a\ufffdb'],
			[
				ticketsRoute.POST,
				{ path: '/api/tickets', json: { ...valid, title: 'VPN\u0000' } },
				'title'
			],
			[ticketsRoute.POST, { path: '/api/tickets', json: { ...valid, body: '\u0000' } }, 'body'],
			[
				ticketsRoute.POST,
				{ path: '/api/tickets', json: { ...valid, extra: [{ ['k\u0000']: 1 }] } },
				'extra.0.k\ufffd'
			],
			[
				ticketRoute.PATCH,
				{
					method: 'PATCH',
					path: `/api/tickets/${number}`,
					params: params(number),
					json: { version, title: 'x\u0000y' }
				},
				'title'
			],
			[
				commentsRoute.POST,
				{
					path: `/api/tickets/${number}/comments`,
					params: params(number),
					json: { body: 'hi\u0000' }
				},
				'body'
			],
			[
				escalateRoute.POST,
				{
					path: `/api/tickets/${number}/escalate`,
					params: params(number),
					json: { level: 2, reason: '\u0000' }
				},
				'reason'
			],
			[
				handBackRoute.POST,
				{
					path: `/api/tickets/${number}/hand-back`,
					params: params(number),
					json: { level: 1, reason: '\u0000' }
				},
				'reason'
			]
		];
		// However deep the body nests (a recursive check would overflow and let it through).
		const depth = 5_000;
		const deep = '{"a":'.repeat(depth) + '"\\u0000"' + '}'.repeat(depth);
		cases.push([
			ticketsRoute.POST,
			{ path: '/api/tickets', raw: deep, headers: { 'content-type': 'application/json' } },
			Array.from({ length: depth }, () => 'a').join('.')
		]);
		const before = await counts();
		for (const [route, call, field] of cases) {
			const r = await send(route, { ...call, token: tokens.l1 });
			expectError(r, 400, 'invalid');
			expect(Object.keys(r.body.error.fields), call.path).toEqual([field.slice(0, 100)]);
		}
		expect(await counts()).toEqual(before);
		expect((await getTicket(t.ctx.db.sql, number))!.version).toBe(version);
	});

	it('a NUL in any form field of pages is a 400 with a plain message naming the field', async () => {
		const number = await freshTicket();
		const forms: Array<[Route, string, Record<string, string>, Who | null]> = [
			[
				action(signupActions.default),
				'/signup',
				{ name: 'Nu\u0000l', email: 'x@example.com' },
				null
			],
			[
				action(portalNewActions.default),
				'/portal/new',
				{ title: 'T\u0000', body: 'b', categoryId: String(network), urgency: '1', impact: '1' },
				'requester'
			],
			[
				action(portalTicketActions.reply),
				`/portal/tickets/${number}?/reply`,
				{ message: 'hello\u0000' },
				'requester'
			],
			[
				action(adminGroupActions.save),
				'/admin/groups?/save',
				{ name: 'G\u0000', level: '2', area: 'Network', capacity: '5' },
				'admin'
			],
			[
				action(adminUserActions.create),
				'/admin/users?/create',
				{ name: 'N', email: 'n@example.com', role: 'agent', password: 'p\u0000assword1' },
				'admin'
			]
		];
		const before = await counts();
		for (const [route, path, form, who] of forms) {
			const r = await send(route, {
				path,
				form,
				params: params(number),
				...(who ? { session: sessions[who] } : {})
			});
			expect(r.status, `${path}: ${r.text}`).toBe(400);
			expect(r.headers.get('content-type')).toContain('text/plain');
			const field = Object.entries(form).find(([, v]) => v.includes('\u0000'))![0];
			expect(r.text).toContain(`“${field}”`);
		}
		expect(await counts()).toEqual(before);
	});

	it('one-line fields refuse line breaks, control and bidi characters; texts keep line breaks', async () => {
		const post = (json: Record<string, unknown>) =>
			send(ticketsRoute.POST, {
				path: '/api/tickets',
				token: tokens.requester,
				json: { title: 'VPN', body: 'Down.', categoryId: network, urgency: 2, impact: 2, ...json }
			});
		const before = await counts();
		for (const title of [
			'VPN\ndown',
			'VPN\r\ndown',
			'VPN\u2028down',
			'Tab\there',
			'Bell\u0007',
			'DEL\u007f',
			'C1\u0085x',
			'Invoice \u202efdp.exe',
			'Isolate \u2066x\u2069'
		]) {
			const r = await post({ title });
			expectError(r, 400, 'invalid');
			expect(Object.keys(r.body.error.fields), JSON.stringify(title)).toEqual(['title']);
		}
		for (const body of ['Bell\u0007', 'Escape \u001b[31mred', 'Form\u000cfeed']) {
			const r = await post({ body });
			expectError(r, 400, 'invalid');
			expect(Object.keys(r.body.error.fields)).toEqual(['body']);
		}
		expect(await counts()).toEqual(before);
		const ok = await post({ body: 'Line 1\n\tindented\r\nLine 3 — ü € \u202e is fine in a text' });
		expect(ok.status, ok.text).toBe(201);
		expect((ok.body as TicketDetail).body).toBe(
			'Line 1\n\tindented\r\nLine 3 — ü € \u202e is fine in a text'
		);
		// The same rules hold without the request check, in the services themselves.
		const viaService = await rejection(
			addComment(t.ctx.db, users.requester, ok.body.number, { body: 'x\u0000' })
		);
		expect(viaService).toBeInstanceOf(DomainError);
		expect((viaService as DomainError).fields).toHaveProperty('body');
	});

	it('admin and user names are one line: the services refuse control and bidi characters', async () => {
		const db = t.ctx.db;
		const group = {
			level: 2,
			area: 'Network',
			capacity: 5,
			autoAssign: false,
			leadId: null,
			memberIds: []
		};
		for (const name of ['Net\nwork', 'Net\u0000work', '\u202eKROWTEN']) {
			await expect(
				adminService.saveGroup(db, users.admin, { ...group, name })
			).rejects.toMatchObject({ status: 400, fields: { name: expect.any(String) } });
		}
		await expect(
			adminService.saveCalendar(db, users.admin, {
				name: 'Office\r\nhours',
				timeZone: 'Europe/Berlin',
				week: { mon: '08:00-17:00' },
				holidays: ''
			})
		).rejects.toMatchObject({ status: 400, fields: { name: expect.any(String) } });
		await expect(
			adminService.createToken(db, users.admin, { userId: users.l1.id, name: 'ci\u2067' })
		).rejects.toMatchObject({ fields: { name: expect.any(String) } });
		const byCli = await rejection(
			createUser(db, {
				email: 'bidi@example.com',
				name: 'Eve \u202e',
				role: 'agent',
				password: PASSWORD
			})
		);
		expect(byCli).toBeInstanceOf(DomainError);
		expect(Object.keys((byCli as DomainError).fields)).toEqual(['name']);
	});

	it('log lines are JSON objects: user text cannot start a line of its own', () => {
		const script = `
			import { log } from './src/lib/server/log.ts';
			log.warn('login failed for admin\\n2026-01-01T00:00:00.000Z INFO  admin signed in', {
				email: 'x\\r\\n{"level":"info","msg":"forged"}'
			});`;
		const out = execFileSync(
			process.execPath,
			['--import', 'tsx', '--input-type=module', '-e', script],
			{
				env: { ...process.env, LEITSTAND_SILENT: '0', LOG_LEVEL: 'info' },
				encoding: 'utf8'
			}
		);
		const lines = out.trim().split('\n');
		expect(lines).toHaveLength(1);
		const entry = JSON.parse(lines[0]);
		expect(entry).toMatchObject({
			level: 'warn',
			msg: 'login failed for admin\n2026-01-01T00:00:00.000Z INFO  admin signed in',
			email: 'x\r\n{"level":"info","msg":"forged"}'
		});
		expect(typeof entry.time).toBe('string');
	});
});

describe(`numbers beyond PostgreSQL's integer on ${DB_KIND}`, () => {
	it('API ids and cursors above 2^31−1 are 400 with the field, or 404 for a path number', async () => {
		const number = await freshTicket();
		const version = (await getTicket(t.ctx.db.sql, number))!.version;
		const valid = { title: 'VPN', body: 'Down.', categoryId: network, urgency: 2, impact: 2 };
		const before = await counts();
		const cases: Array<[Route, Parameters<typeof send>[1], string]> = [
			[
				ticketsRoute.POST,
				{ path: '/api/tickets', json: { ...valid, categoryId: HUGE } },
				'categoryId'
			],
			...(['categoryId', 'assigneeId', 'version'] as const).map(
				(field) =>
					[
						ticketRoute.PATCH,
						{
							method: 'PATCH',
							path: `/api/tickets/${number}`,
							params: params(number),
							json: { version, [field]: 99_999_999_999 }
						},
						field
					] as [Route, Parameters<typeof send>[1], string]
			),
			[
				escalateRoute.POST,
				{
					path: `/api/tickets/${number}/escalate`,
					params: params(number),
					json: { groupId: HUGE, reason: 'Needs L2' }
				},
				'groupId'
			],
			[
				commentsRoute.POST,
				{
					path: `/api/tickets/${number}/comments`,
					params: params(number),
					json: { body: 'hi', version: HUGE }
				},
				'version'
			],
			[ticketsRoute.GET, { path: `/api/tickets?cursor=${encodeCursor(HUGE)}` }, 'cursor'],
			[ticketsRoute.GET, { path: '/api/tickets?groupId=99999999999' }, 'groupId'],
			[ticketsRoute.GET, { path: '/api/tickets?assignee=99999999999' }, 'assignee']
		];
		for (const [route, call, field] of cases) {
			const r = await send(route, { ...call, token: tokens.l1 });
			expectError(r, 400, 'invalid');
			expect(Object.keys(r.body.error.fields), `${call.path} ${field}`).toEqual([field]);
		}
		expect(await counts()).toEqual(before);
		const category = await send(ticketsRoute.GET, {
			path: '/api/tickets?category=99999999999',
			token: tokens.l1
		});
		expect(category.status).toBe(200);
		expect(category.body.data).toEqual([]);
		for (const path of ['/api/tickets/99999999999', `/api/tickets/${HUGE}`]) {
			const r = await send(ticketRoute.GET, {
				path,
				params: { number: path.split('/').at(-1)! },
				token: tokens.l1
			});
			expectError(r, 404, 'not_found');
		}
	});

	it('admin ids above 2^31−1 are 400 with the field, in services and through forms', async () => {
		const db = t.ctx.db;
		const admin = users.admin;
		const group = { name: 'Overflow', level: 2, area: 'Network', capacity: 5, memberIds: [] };
		const refusals: Array<[Promise<unknown>, string]> = [
			[adminService.saveGroup(db, admin, { ...group, leadId: HUGE }), 'leadId'],
			[adminService.saveGroup(db, admin, { ...group, leadId: '99999999999' }), 'leadId'],
			[adminService.saveGroup(db, admin, { ...group, memberIds: [String(HUGE)] }), 'memberIds.0'],
			[adminService.saveGroup(db, admin, { ...group, id: HUGE }), 'id'],
			[adminService.changeUserRole(db, admin, HUGE, 'agent'), 'userId'],
			[adminService.setUserActive(db, admin, HUGE, false), 'userId'],
			[adminService.setUserGroups(db, admin, users.l1.id, [HUGE]), 'groupIds.0'],
			[adminService.createToken(db, admin, { userId: HUGE, name: 'x' }), 'userId'],
			[adminService.revokeToken(db, admin, HUGE), 'tokenId'],
			[adminService.deleteEscalationRule(db, admin, HUGE), 'ruleId'],
			[
				adminService.saveCategory(db, admin, {
					key: 'overflow',
					nameEn: 'Overflow',
					nameDe: 'Überlauf',
					groupId: HUGE,
					sortOrder: 1
				}),
				'groupId'
			],
			[
				adminService.updateSlaPolicy(db, admin, { policyId: HUGE, warnPercent: 80, targets: [] }),
				'policyId'
			]
		];
		for (const [refused, field] of refusals) {
			const error = await rejection(refused);
			expect(error, field).toBeInstanceOf(DomainError);
			expect((error as DomainError).status).toBe(400);
			expect(Object.keys((error as DomainError).fields), field).toEqual([field]);
		}
		const form = await send(action(adminGroupActions.save), {
			path: '/admin/groups?/save',
			form: { name: 'Overflow', level: '2', area: 'Network', capacity: '5', leadId: String(HUGE) },
			session: sessions.admin
		});
		expect(form.status, form.text).toBe(400);
		expect(form.body.data.fields).toHaveProperty('leadId');
	});

	it('a ticket number that cannot exist is a 404 page in the portal', async () => {
		const r = await send(page(portalTicketLoad), {
			path: '/portal/tickets/99999999999',
			params: { number: '99999999999' },
			session: sessions.requester
		});
		expect(r.status).toBe(404);
	});
});

describe(`portal actions are the requester's own on ${DB_KIND}`, () => {
	async function resolvedTicket(owner: Who = 'requester') {
		const number = await freshTicket(owner, `Resolved for ${owner}`);
		const { version } = (await getTicket(t.ctx.db.sql, number))!;
		await updateTicket(t.ctx.db, users.l2, number, { version, status: 'resolved' });
		return number;
	}
	const post = (name: 'confirm' | 'reopen' | 'reply', number: number, who: Who) =>
		send(action(portalTicketActions[name]), {
			path: `/portal/tickets/${number}?/${name}`,
			params: params(number),
			form: name === 'reply' ? { message: 'Still broken.' } : {},
			session: sessions[who]
		});

	it('staff and other requesters cannot confirm, reopen or reply on a requester’s ticket', async () => {
		const number = await resolvedTicket();
		const before = await counts();
		for (const who of ['l1', 'admin', 'stranger'] as const) {
			for (const name of ['confirm', 'reopen', 'reply'] as const) {
				const r = await post(name, number, who);
				expect(r.status, `${who} ${name}`).toBe(404);
			}
		}
		expect((await getTicket(t.ctx.db.sql, number))!.status).toBe('resolved');
		expect(await counts()).toEqual(before);
		// The requester can.
		const confirmed = await post('confirm', number, 'requester');
		expect(confirmed.status, confirmed.text).toBe(200);
		expect((await getTicket(t.ctx.db.sql, number))!.status).toBe('closed');
	});

	it('an agent cannot reopen after the window through the portal; the requester is refused too', async () => {
		const number = await resolvedTicket();
		await t.ctx.db.sql`
			update tickets set resolved_at = now() - interval '30 days' where id = ${number}`;
		expect((await post('reopen', number, 'l1')).status).toBe(404);
		const late = await post('reopen', number, 'requester');
		expect(late.status).toBe(422);
		expect((await getTicket(t.ctx.db.sql, number))!.status).toBe('resolved');
	});

	it('staff who requested a ticket themselves act on it in the desk, not the portal (403)', async () => {
		const number = await resolvedTicket('l1');
		for (const name of ['confirm', 'reopen', 'reply'] as const) {
			const r = await post(name, number, 'l1');
			expect(r.status, name).toBe(403);
			expect(r.body.data.message).toEqual(expect.any(String));
		}
		expect((await getTicket(t.ctx.db.sql, number))!.status).toBe('resolved');
	});
});

describe(`a requester's API view on ${DB_KIND}`, () => {
	it('shows no SLA warning or breach times; staff still see them', async () => {
		const late = await createTicket(
			t.ctx.db,
			users.requester,
			{ title: 'Server room hot', body: 'Alarm.', categoryId: network, urgency: 1, impact: 1 },
			{ at: new Date(Date.now() - 30 * 86_400_000) }
		);
		await processDueClocks(t.ctx.db);
		const get = (who: Who) =>
			send(ticketRoute.GET, {
				path: `/api/tickets/${late.id}`,
				params: params(late.id),
				token: tokens[who]
			});
		const staff = (await get('l1')).body as TicketDetail;
		expect(staff.clocks.some((c) => c.breachedAt !== null)).toBe(true);
		expect(staff.clocks.some((c) => c.warnedAt !== null)).toBe(true);
		const own = (await get('requester')).body as TicketDetail;
		expect(own.clocks.length).toBe(staff.clocks.length);
		for (const clock of own.clocks) {
			expect(clock.warnedAt).toBeNull();
			expect(clock.breachedAt).toBeNull();
		}
	});

	it('does not name another requester’s ticket it was merged into, in the API or the portal', async () => {
		const duplicate = await freshTicket('requester', 'Printer jam (dup)');
		const target = await freshTicket('stranger', 'Printer jam');
		await mergeTicket(t.ctx.db, users.l1, duplicate, target);
		const get = (who: Who) =>
			send(ticketRoute.GET, {
				path: `/api/tickets/${duplicate}`,
				params: params(duplicate),
				token: tokens[who]
			});
		expect(((await get('l1')).body as TicketDetail).mergedInto).toBe(target);
		const own = (await get('requester')).body as TicketDetail;
		expect(own.mergedInto).toBeNull();
		const merged = own.timeline.filter((e) => e.type === 'ticket.merged');
		expect(merged.length).toBeGreaterThan(0);
		for (const entry of merged) expect(entry.data).not.toHaveProperty('into');
		const portal = await send(page(portalTicketLoad), {
			path: `/portal/tickets/${duplicate}`,
			params: params(duplicate),
			session: sessions.requester
		});
		expect(portal.status).toBe(200);
		expect(portal.body.data.ticket.mergedInto).toBeNull();

		// Merged into one of their own tickets, the number is theirs to see.
		const mine = await freshTicket('requester', 'Printer jam (mine)');
		const second = await freshTicket('requester', 'Printer jam (again)');
		await mergeTicket(t.ctx.db, users.l1, second, mine);
		const again = await send(ticketRoute.GET, {
			path: `/api/tickets/${second}`,
			params: params(second),
			token: tokens.requester
		});
		expect((again.body as TicketDetail).mergedInto).toBe(mine);
	});
});

describe(`API edges on ${DB_KIND}`, () => {
	it('unknown /api/ paths answer 404 in the error shape, whatever the method and auth', async () => {
		for (const call of [
			{ path: '/api/nope' },
			{ path: '/api/tickets/1/nope', token: tokens.l1 },
			{ path: '/api/v2/tickets', method: 'DELETE', session: sessions.admin, origin: ORIGIN },
			{ path: '/api/nope', json: { a: 1 }, token: tokens.requester }
		]) {
			expectError(await send(unknownApiRoute.fallback, call), 404, 'not_found');
		}
	});

	it('API writes without JSON are 415 in the error shape, never the 403 about cross-site forms', async () => {
		const number = await freshTicket();
		const writes: Array<[Route, string, string]> = [
			[ticketsRoute.POST, '/api/tickets', 'POST'],
			[ticketRoute.PATCH, `/api/tickets/${number}`, 'PATCH'],
			[commentsRoute.POST, `/api/tickets/${number}/comments`, 'POST'],
			[escalateRoute.POST, `/api/tickets/${number}/escalate`, 'POST'],
			[handBackRoute.POST, `/api/tickets/${number}/hand-back`, 'POST']
		];
		const before = await counts();
		for (const [route, path, method] of writes) {
			for (const auth of [{ token: tokens.l1 }, { session: sessions.l1 }, {}]) {
				const base = { path, method, params: params(number), ...auth };
				// A script's form post: no Origin at all.
				const form = await send(route, { ...base, form: { body: 'x' }, origin: null });
				expectError(form, 415, 'unsupported_media_type');
				const text = await send(route, {
					...base,
					raw: '{"body":"x"}',
					headers: { 'content-type': 'text/plain' }
				});
				expectError(text, 415, 'unsupported_media_type');
				const untyped = await send(route, { ...base, raw: new TextEncoder().encode('{}') });
				expectError(untyped, 415, 'unsupported_media_type');
			}
		}
		expect(await counts()).toEqual(before);
	});

	it('cookie-authenticated API writes must come from this site; token-authenticated ones need no Origin', async () => {
		const json = { title: 'Origin check', body: 'b', categoryId: network, urgency: 3, impact: 3 };
		const before = await counts();
		const foreign: Array<Record<string, string>> = [
			{ origin: 'https://evil.example' },
			{ origin: 'null' },
			{ 'sec-fetch-site': 'cross-site' },
			{ 'sec-fetch-site': 'same-site' }
		];
		for (const headers of foreign) {
			const r = await send(ticketsRoute.POST, {
				path: '/api/tickets',
				json,
				session: sessions.requester,
				headers
			});
			expectError(r, 403, 'forbidden');
		}
		expect(await counts()).toEqual(before);
		const sameSite = await send(ticketsRoute.POST, {
			path: '/api/tickets',
			json,
			session: sessions.requester,
			origin: ORIGIN
		});
		expect(sameSite.status, sameSite.text).toBe(201);
		const byToken = await send(ticketsRoute.POST, {
			path: '/api/tickets',
			json,
			token: tokens.requester,
			origin: 'https://evil.example'
		});
		expect(byToken.status, byToken.text).toBe(201);
		// Reads are not writes.
		const read = await send(ticketsRoute.GET, {
			path: '/api/tickets',
			session: sessions.requester,
			origin: 'https://evil.example'
		});
		expect(read.status).toBe(200);
	});

	it('form posts from another site are refused as SvelteKit did; our own pass', async () => {
		const form = { email: 'user@example.com', password: 'wrong password' };
		for (const origin of ['https://evil.example', null]) {
			const r = await send(action(loginActions.default), {
				path: '/login',
				form,
				origin,
				address: '10.40.0.1'
			});
			expect(r.status).toBe(403);
			expect(r.headers.get('content-type')).toContain('text/plain');
		}
		const asJson = await send(action(loginActions.default), {
			path: '/login',
			form,
			origin: 'https://evil.example',
			headers: { accept: 'application/json' }
		});
		expect(asJson.status).toBe(403);
		expect(asJson.body).toEqual({ message: expect.any(String) });
		const own = await send(action(loginActions.default), {
			path: '/login',
			form,
			address: '10.40.0.2'
		});
		expect(own.status).toBe(401);
	});

	it('a too-large body is 413 payload_too_large, and nothing is logged as an error', async () => {
		const errors = vi.spyOn(log, 'error');
		try {
			const big = JSON.stringify({ title: 'x', body: 'y'.repeat(MAX_BODY_BYTES) });
			const lengths: Array<Record<string, string>> = [
				{},
				{ 'content-length': String(Buffer.byteLength(big)) }
			];
			for (const headers of lengths) {
				const r = await send(ticketsRoute.POST, {
					path: '/api/tickets',
					raw: big,
					headers: { 'content-type': 'application/json', ...headers },
					token: tokens.requester
				});
				expectError(r, 413, 'payload_too_large');
			}
			// Beyond BODY_SIZE_LIMIT, adapter-node fails the body stream with a 413 error.
			const overLimit = () =>
				new ReadableStream({
					start(controller) {
						controller.error(Object.assign(new Error('Payload Too Large'), { status: 413 }));
					}
				});
			const api = await send(ticketsRoute.POST, {
				path: '/api/tickets',
				raw: overLimit(),
				headers: { 'content-type': 'application/json' },
				token: tokens.requester
			});
			expectError(api, 413, 'payload_too_large');
			const form = await send(action(loginActions.default), {
				path: '/login',
				raw: overLimit(),
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				origin: ORIGIN
			});
			expect(form.status).toBe(413);
			// A 413 that reaches SvelteKit's error handler (a form read by the route) is not logged.
			const handled = await handleError({
				error: Object.assign(new Error('Payload Too Large'), { status: 413 }),
				event: { url: new URL('/portal/new', ORIGIN) } as never,
				status: 413,
				message: 'Payload Too Large'
			});
			expect(handled).toEqual({ message: 'Payload Too Large', code: 'payload_too_large' });
			expect(errors).not.toHaveBeenCalled();
		} finally {
			errors.mockRestore();
		}
	});

	it('/metrics is off the public surface: 404 without METRICS_TOKEN, bearer token with it', async () => {
		const config = t.ctx.config;
		const saved = config.metricsToken;
		try {
			config.metricsToken = undefined;
			expect((await send(metricsRoute.GET, { path: '/metrics' })).status).toBe(404);
			config.metricsToken = 'metrics-secret-0123456789abcdef';
			expect((await send(metricsRoute.GET, { path: '/metrics' })).status).toBe(401);
			const wrong = await send(metricsRoute.GET, {
				path: '/metrics',
				headers: { authorization: 'Bearer metrics-secret-0123456789abcdeX' }
			});
			expect(wrong.status).toBe(401);
			const right = await send(metricsRoute.GET, {
				path: '/metrics',
				headers: { authorization: `Bearer ${config.metricsToken}` }
			});
			expect(right.status).toBe(200);
			expect(right.text).toContain('leitstand_');
		} finally {
			config.metricsToken = saved;
		}
		expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
		expect(loadConfig({ METRICS_TOKEN: 'x'.repeat(16) }).metricsToken).toBe('x'.repeat(16));
		expect(loadConfig({}).metricsToken).toBeUndefined();
	});
});
