// The ticket REST API, called through the real endpoint handlers with real Requests, for every
// role, on the database under test (PGlite, or PostgreSQL with TEST_DATABASE_URL).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ticketsRoute from '../../src/routes/api/tickets/+server';
import * as ticketRoute from '../../src/routes/api/tickets/[number]/+server';
import * as commentsRoute from '../../src/routes/api/tickets/[number]/comments/+server';
import * as escalateRoute from '../../src/routes/api/tickets/[number]/escalate/+server';
import * as handBackRoute from '../../src/routes/api/tickets/[number]/hand-back/+server';
import * as categoriesRoute from '../../src/routes/api/categories/+server';
import * as openApiRoute from '../../src/routes/api/openapi.json/+server';
import { load as loadDocs } from '../../src/routes/api/docs/+page.server';
import { MAX_BODY_BYTES } from '../../src/lib/server/api/respond';
import { openApiDocument } from '../../src/lib/server/api/openapi';
import { getUserByEmail, toSessionUser } from '../../src/lib/server/users/db';
import { getCategoryByKey, getTicket } from '../../src/lib/server/tickets/db';
import {
	addComment,
	commentSchema,
	createTicket,
	createTicketSchema,
	levelMoveSchema,
	moveTicket,
	processDueClocks,
	updateTicketSchema
} from '../../src/lib/server/tickets/service';
import type { TicketDetail, TicketSummary } from '../../src/lib/types/ticket';
import type { SessionUser } from '../../src/lib/types/user';
import { DB_KIND, startTestApp, type TestApp } from './harness';

type Who = 'anon' | 'requester' | 'stranger' | 'l1' | 'l2' | 'l3' | 'lead' | 'admin';
const EVERYONE: Who[] = ['anon', 'requester', 'stranger', 'l1', 'l2', 'l3', 'lead', 'admin'];
const EMAIL: Record<Exclude<Who, 'anon'>, string> = {
	requester: 'user@example.com',
	stranger: 'user2@example.com',
	l1: 'l1@example.com',
	l2: 'l2@example.com',
	l3: 'l3@example.com',
	lead: 'lead@example.com',
	admin: 'admin@example.com'
};

// Distinctive texts that exist only in internal notes and escalation reasons.
const SECRET_NOTE = 'INTERNAL-ONLY-7f3a: the requester’s laptop is on the blocklist';
const SECRET_REASON = 'INTERNAL-REASON-91c2: concentrator firmware bug';
const SECRET_BACK = 'INTERNAL-REASON-b0d4: fixed upstream';

let t: TestApp;
const users = {} as Record<Exclude<Who, 'anon'>, SessionUser>;
let network = 0;
let groups: { l1: number; l2: number; l3: number };
/** The ticket of `requester` with internal notes on it; `stranger` must never see it. */
let own: number;
/** A ticket of `stranger`. */
let others: number;
/** Every body a requester received, checked for internal text at the end. */
const requesterBodies: string[] = [];

interface Result {
	status: number;
	headers: Headers;
	text: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
}

type Handler = (event: never) => Response | Promise<Response>;

/** Call an endpoint handler as SvelteKit would after hooks.server.ts authenticated `who`. */
async function call(
	handler: Handler,
	who: Who,
	options: {
		method?: string;
		path: string;
		params?: Record<string, string>;
		json?: unknown;
		raw?: BodyInit;
		headers?: Record<string, string>;
	}
): Promise<Result> {
	const url = new URL(options.path, 'http://127.0.0.1:4173');
	const method = options.method ?? 'GET';
	const hasBody = options.json !== undefined || options.raw !== undefined;
	const request = new Request(url, {
		method,
		headers: {
			...(hasBody ? { 'content-type': 'application/json' } : {}),
			...options.headers
		},
		body: options.raw ?? (options.json !== undefined ? JSON.stringify(options.json) : undefined),
		...(options.raw instanceof ReadableStream ? { duplex: 'half' } : {})
	} as RequestInit);
	const user = who === 'anon' ? null : users[who];
	const event = {
		request,
		url,
		params: options.params ?? {},
		route: { id: null },
		locals: { user, sessionId: null, auth: user ? 'token' : null },
		cookies: { get: () => undefined, getAll: () => [], set() {}, delete() {}, serialize: () => '' },
		fetch,
		getClientAddress: () => '127.0.0.1',
		platform: undefined,
		setHeaders() {},
		isDataRequest: false,
		isSubRequest: false,
		isRemoteRequest: false
	} as unknown as RequestEvent;
	const response = await handler(event as never);
	const text = await response.text();
	// (The public OpenAPI document describes internal notes, so it is not a requester's data.)
	if ((who === 'requester' || who === 'stranger') && !url.pathname.endsWith('openapi.json')) {
		requesterBodies.push(text);
	}
	let body: unknown = null;
	if (response.headers.get('content-type')?.includes('application/json')) body = JSON.parse(text);
	return { status: response.status, headers: response.headers, text, body };
}

const n = (number: number) => ({ number: String(number) });

/** The API's one error shape, and nothing else in it. */
function expectError(r: Result, status: number, code?: string) {
	expect(r.status, r.text).toBe(status);
	expect(r.headers.get('content-type')).toContain('application/json');
	expect(Object.keys(r.body)).toEqual(expect.arrayContaining(['error']));
	expect(r.body.error).toEqual({
		code: code ?? expect.any(String),
		message: expect.any(String),
		...(r.body.error.fields ? { fields: expect.any(Object) } : {})
	});
	for (const value of Object.values(r.body.error.fields ?? {})) expect(typeof value).toBe('string');
}

async function user(email: string) {
	const record = await getUserByEmail(t.ctx.db.sql, email);
	return toSessionUser(t.ctx.db.sql, record!);
}

/** A fresh level-1 ticket of `requester`, opened through the service. */
async function freshTicket(title = 'Printer on floor 3 prints blank pages') {
	const ticket = await createTicket(t.ctx.db, users.requester, {
		title,
		body: 'Every page comes out empty since the toner change.',
		categoryId: network,
		urgency: 2,
		impact: 2
	});
	return ticket.id;
}

const version = async (number: number) => (await getTicket(t.ctx.db.sql, number))!.version;

/** Walk every page of `GET /api/tickets?…` and return the numbers in order. */
async function allPages(who: Who, query: string, limit: number) {
	const numbers: number[] = [];
	let cursor: string | null = null;
	let pages = 0;
	do {
		const q = `${query}${query ? '&' : ''}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
		const r = await call(ticketsRoute.GET as Handler, who, { path: `/api/tickets?${q}` });
		expect(r.status, r.text).toBe(200);
		expect(r.body.data.length).toBeLessThanOrEqual(limit);
		numbers.push(...r.body.data.map((s: TicketSummary) => s.number));
		cursor = r.body.nextCursor;
		if (cursor) expect(r.body.data).toHaveLength(limit);
		pages++;
		expect(pages).toBeLessThan(500);
	} while (cursor);
	return { numbers, pages };
}

beforeAll(async () => {
	t = await startTestApp({ demo: true });
	for (const who of Object.keys(EMAIL) as Array<keyof typeof EMAIL>) {
		users[who] = await user(EMAIL[who]);
	}
	network = (await getCategoryByKey(t.ctx.db.sql, 'network'))!;
	const byLevel = async (level: number) =>
		(
			await t.ctx.db.sql<{ id: number }[]>`
				select id from groups where level = ${level} order by name limit 1`
		)[0].id;
	groups = { l1: await byLevel(1), l2: await byLevel(2), l3: await byLevel(3) };

	own = await freshTicket('VPN drops every 10 minutes');
	await addComment(t.ctx.db, users.l1, own, { body: SECRET_NOTE, internal: true });
	await addComment(t.ctx.db, users.l1, own, { body: 'Which client version do you use?' });
	await moveTicket(t.ctx.db, users.l1, own, 'escalate', { level: 2, reason: SECRET_REASON });
	await moveTicket(t.ctx.db, users.l2, own, 'hand_back', { level: 1, reason: SECRET_BACK });
	others = (
		await createTicket(t.ctx.db, users.stranger, {
			title: 'Mailbox full',
			body: 'I cannot receive mail any more.',
			categoryId: network,
			urgency: 3,
			impact: 3
		})
	).id;
});
afterAll(() => t.stop());

describe(`ticket API on ${DB_KIND}: every endpoint for every role`, () => {
	// Each cell runs on fresh state where the operation needs it; `own` belongs to `requester`.
	const matrix: Array<{
		name: string;
		expected: Record<Who, number>;
		run: (who: Who) => Promise<Result>;
		check?: (who: Who, r: Result) => void | Promise<void>;
	}> = [
		{
			name: 'POST /api/tickets',
			expected: {
				anon: 401,
				requester: 201,
				stranger: 201,
				l1: 201,
				l2: 201,
				l3: 201,
				lead: 201,
				admin: 201
			},
			run: (who) =>
				call(ticketsRoute.POST as Handler, who, {
					method: 'POST',
					path: '/api/tickets',
					json: {
						title: `Monitor flickers (${who})`,
						body: 'Since Monday.',
						categoryId: network,
						urgency: 3,
						impact: 2
					}
				}),
			check: (who, r) => {
				const detail = r.body as TicketDetail;
				expect(detail.requester.id).toBe(users[who as keyof typeof users].id);
				expect(detail.title).toBe(`Monitor flickers (${who})`);
				expect(detail.priority).toBe(4);
				expect(r.headers.get('location')).toBe(`/api/tickets/${detail.number}`);
			}
		},
		{
			name: 'GET /api/tickets',
			expected: {
				anon: 401,
				requester: 200,
				stranger: 200,
				l1: 200,
				l2: 200,
				l3: 200,
				lead: 200,
				admin: 200
			},
			run: (who) => call(ticketsRoute.GET as Handler, who, { path: '/api/tickets?limit=200' }),
			check: (who, r) => {
				const numbers = r.body.data.map((s: TicketSummary) => s.number);
				if (who === 'requester') {
					expect(numbers).toContain(own);
					expect(numbers).not.toContain(others);
				} else if (who === 'stranger') {
					expect(numbers).toContain(others);
					expect(numbers).not.toContain(own);
				} else {
					expect(numbers).toEqual(expect.arrayContaining([own, others]));
				}
				if (who === 'requester' || who === 'stranger') {
					for (const s of r.body.data) expect(s.requester.id).toBe(users[who].id);
				}
			}
		},
		{
			name: 'GET /api/tickets/{number}',
			expected: {
				anon: 401,
				requester: 200,
				stranger: 404,
				l1: 200,
				l2: 200,
				l3: 200,
				lead: 200,
				admin: 200
			},
			run: (who) =>
				call(ticketRoute.GET as Handler, who, { path: `/api/tickets/${own}`, params: n(own) }),
			check: (who, r) => {
				const detail = r.body as TicketDetail;
				expect(detail.number).toBe(own);
				if (who === 'requester') {
					expect(detail.comments.some((c) => c.internal)).toBe(false);
					expect(detail.timeline.some((e) => e.internal)).toBe(false);
					expect(r.text).not.toContain('INTERNAL-');
				} else {
					expect(detail.comments.map((c) => c.body)).toContain(SECRET_NOTE);
				}
			}
		},
		{
			name: 'PATCH /api/tickets/{number}',
			expected: {
				anon: 401,
				requester: 403,
				stranger: 403,
				l1: 200,
				l2: 200,
				l3: 200,
				lead: 200,
				admin: 200
			},
			run: async (who) => {
				const number = await freshTicket();
				return call(ticketRoute.PATCH as Handler, who, {
					method: 'PATCH',
					path: `/api/tickets/${number}`,
					params: n(number),
					json: { version: await version(number), priority: 1 }
				});
			},
			check: (_who, r) => {
				expect(r.body.priority).toBe(1);
				expect(r.body.timeline.map((e: { type: string }) => e.type)).toContain(
					'ticket.priority_changed'
				);
			}
		},
		{
			name: 'POST /api/tickets/{number}/comments (public reply)',
			expected: {
				anon: 401,
				requester: 201,
				stranger: 404,
				l1: 201,
				l2: 201,
				l3: 201,
				lead: 201,
				admin: 201
			},
			run: async (who) => {
				const number = await freshTicket();
				return call(commentsRoute.POST as Handler, who, {
					method: 'POST',
					path: `/api/tickets/${number}/comments`,
					params: n(number),
					json: { body: `Reply from ${who}` }
				});
			},
			check: (who, r) => {
				expect(r.body.id).toEqual(expect.any(Number));
				const comment = r.body.ticket.comments.find((c: { id: number }) => c.id === r.body.id);
				expect(comment).toMatchObject({ body: `Reply from ${who}`, internal: false });
			}
		},
		{
			name: 'POST /api/tickets/{number}/comments (internal note)',
			expected: {
				anon: 401,
				requester: 403,
				stranger: 403,
				l1: 201,
				l2: 201,
				l3: 201,
				lead: 201,
				admin: 201
			},
			run: async (who) => {
				const number = await freshTicket();
				return call(commentsRoute.POST as Handler, who, {
					method: 'POST',
					path: `/api/tickets/${number}/comments`,
					params: n(number),
					json: { body: SECRET_NOTE, internal: true }
				});
			},
			check: (_who, r) => {
				const comment = r.body.ticket.comments.find((c: { id: number }) => c.id === r.body.id);
				expect(comment).toMatchObject({ internal: true });
			}
		},
		{
			name: 'POST /api/tickets/{number}/escalate',
			expected: {
				anon: 401,
				requester: 403,
				stranger: 403,
				l1: 200,
				l2: 200,
				l3: 200,
				lead: 200,
				admin: 200
			},
			run: async (who) => {
				const number = await freshTicket();
				return call(escalateRoute.POST as Handler, who, {
					method: 'POST',
					path: `/api/tickets/${number}/escalate`,
					params: n(number),
					json: { level: 2, reason: SECRET_REASON, version: await version(number) }
				});
			},
			check: (_who, r) => {
				expect(r.body.level).toBe(2);
				expect(r.body.group.id).toBe(groups.l2);
			}
		},
		{
			name: 'POST /api/tickets/{number}/hand-back',
			expected: {
				anon: 401,
				requester: 403,
				stranger: 403,
				l1: 200,
				l2: 200,
				l3: 200,
				lead: 200,
				admin: 200
			},
			run: async (who) => {
				const number = await freshTicket();
				await moveTicket(t.ctx.db, users.l1, number, 'escalate', {
					groupId: groups.l3,
					reason: 'Deep'
				});
				return call(handBackRoute.POST as Handler, who, {
					method: 'POST',
					path: `/api/tickets/${number}/hand-back`,
					params: n(number),
					json: { groupId: groups.l2, reason: SECRET_BACK }
				});
			},
			check: (_who, r) => {
				expect(r.body.level).toBe(2);
			}
		},
		{
			name: 'GET /api/categories',
			expected: {
				anon: 401,
				requester: 200,
				stranger: 200,
				l1: 200,
				l2: 200,
				l3: 200,
				lead: 200,
				admin: 200
			},
			run: (who) => call(categoriesRoute.GET as Handler, who, { path: '/api/categories' }),
			check: (_who, r) => {
				expect(r.body.data).toContainEqual({ id: network, key: 'network', name: 'Network & VPN' });
				for (const c of r.body.data) expect(Object.keys(c).sort()).toEqual(['id', 'key', 'name']);
			}
		},
		{
			name: 'GET /api/openapi.json',
			expected: {
				anon: 200,
				requester: 200,
				stranger: 200,
				l1: 200,
				l2: 200,
				l3: 200,
				lead: 200,
				admin: 200
			},
			run: (who) => call(openApiRoute.GET as Handler, who, { path: '/api/openapi.json' }),
			check: (_who, r) => {
				expect(r.body.openapi).toBe('3.1.0');
			}
		}
	];

	for (const endpoint of matrix) {
		describe(endpoint.name, () => {
			for (const who of EVERYONE) {
				const status = endpoint.expected[who];
				it(`${who} → ${status}`, async () => {
					const r = await endpoint.run(who);
					if (status >= 400) {
						expectError(r, status);
						if (status === 401) expect(r.headers.get('www-authenticate')).toBe('Bearer');
					} else {
						expect(r.status, r.text).toBe(status);
						expect(r.headers.get('content-type')).toContain('application/json');
						await endpoint.check?.(who, r);
					}
				});
			}
		});
	}

	it('every ticket endpoint answers 404 with the error shape for a malformed or unknown number', async () => {
		const routes: Array<[Handler, string, string, unknown]> = [
			[ticketRoute.GET as Handler, 'GET', '', undefined],
			[ticketRoute.PATCH as Handler, 'PATCH', '', { version: 1, priority: 2 }],
			[commentsRoute.POST as Handler, 'POST', '/comments', { body: 'hello' }],
			[escalateRoute.POST as Handler, 'POST', '/escalate', { level: 3, reason: 'x' }],
			[handBackRoute.POST as Handler, 'POST', '/hand-back', { level: 1, reason: 'x' }]
		];
		for (const raw of ['abc', '0', '-1', '1e3', '12.5', '0x10', ' 1', '9999999999', '99999999']) {
			for (const [handler, method, suffix, json] of routes) {
				const r = await call(handler, 'admin', {
					method,
					path: `/api/tickets/${encodeURIComponent(raw)}${suffix}`,
					params: { number: raw },
					json
				});
				expectError(r, 404, 'not_found');
			}
		}
	});
});

describe(`ticket API on ${DB_KIND}: what requesters may see`, () => {
	it('a requester cannot reach someone else’s ticket through any endpoint, and learns nothing', async () => {
		const get = await call(ticketRoute.GET as Handler, 'stranger', {
			path: `/api/tickets/${own}`,
			params: n(own)
		});
		const missing = await call(ticketRoute.GET as Handler, 'stranger', {
			path: '/api/tickets/99999999',
			params: n(99999999)
		});
		expectError(get, 404, 'not_found');
		// Same answer as for a ticket that does not exist: numbers do not leak.
		expect(get.body).toEqual(missing.body);
		const reply = await call(commentsRoute.POST as Handler, 'stranger', {
			method: 'POST',
			path: `/api/tickets/${own}/comments`,
			params: n(own),
			json: { body: 'Let me in' }
		});
		expectError(reply, 404, 'not_found');
		const before = (await getTicket(t.ctx.db.sql, own))!;
		expect(before.version).toBe(await version(own));
	});

	it('filters never widen a requester’s list beyond their own tickets', async () => {
		for (const query of [
			'',
			`q=${others}`,
			`q=%23${others}`,
			'q=Mailbox',
			'assignee=none',
			`assignee=${users.stranger.id}`,
			'status=new,open,pending,on_hold,resolved,closed',
			`groupId=${groups.l1},${groups.l2},${groups.l3}`,
			'category=network'
		]) {
			const r = await call(ticketsRoute.GET as Handler, 'requester', {
				path: `/api/tickets?${query}`
			});
			expect(r.status, `${query}: ${r.text}`).toBe(200);
			for (const s of r.body.data as TicketSummary[]) {
				expect(s.requester.id, query).toBe(users.requester.id);
			}
			expect(r.body.data.map((s: TicketSummary) => s.number)).not.toContain(others);
		}
	});

	it('staff see internal notes and escalation reasons that requesters never get', async () => {
		const staff = await call(ticketRoute.GET as Handler, 'l3', {
			path: `/api/tickets/${own}`,
			params: n(own)
		});
		expect(staff.text).toContain(SECRET_NOTE);
		expect(staff.text).toContain(SECRET_REASON);
		const requester = await call(ticketRoute.GET as Handler, 'requester', {
			path: `/api/tickets/${own}`,
			params: n(own)
		});
		const detail = requester.body as TicketDetail;
		// The steps are visible (escalated, handed back) — only the reasons are not.
		expect(detail.timeline.map((e) => e.type)).toEqual(
			expect.arrayContaining(['ticket.created', 'ticket.escalated', 'ticket.handed_back'])
		);
		expect(detail.comments.map((c) => c.body)).toEqual(['Which client version do you use?']);
	});

	it('a requester’s own reply on a ticket with internal notes returns no internal notes', async () => {
		const r = await call(commentsRoute.POST as Handler, 'requester', {
			method: 'POST',
			path: `/api/tickets/${own}/comments`,
			params: n(own),
			json: { body: 'Client 5.2.1' }
		});
		expect(r.status, r.text).toBe(201);
		expect(r.text).not.toContain('INTERNAL-');
	});
});

describe(`ticket API on ${DB_KIND}: writes and their errors`, () => {
	it('PATCH with a stale version is 409 and carries the current ticket; nothing is written', async () => {
		const number = await freshTicket();
		const seen = await version(number);
		const first = await call(ticketRoute.PATCH as Handler, 'l1', {
			method: 'PATCH',
			path: `/api/tickets/${number}`,
			params: n(number),
			json: { version: seen, status: 'pending' }
		});
		expect(first.status, first.text).toBe(200);
		const stale = await call(ticketRoute.PATCH as Handler, 'l2', {
			method: 'PATCH',
			path: `/api/tickets/${number}`,
			params: n(number),
			json: { version: seen, priority: 1, title: 'Overwritten' }
		});
		expect(stale.status).toBe(409);
		expect(stale.body.error).toEqual({ code: 'conflict', message: expect.any(String) });
		const current = stale.body.current as TicketDetail;
		const now = (await getTicket(t.ctx.db.sql, number))!;
		expect(current).toMatchObject({
			number,
			version: now.version,
			status: 'pending',
			title: 'Printer on floor 3 prints blank pages'
		});
		expect(now.priority).not.toBe(1);
		expect(now.title).not.toBe('Overwritten');
		expect(current.comments).toBeInstanceOf(Array);
	});

	it('escalate with a stale version is 409 with the current ticket too', async () => {
		const number = await freshTicket();
		const r = await call(escalateRoute.POST as Handler, 'l1', {
			method: 'POST',
			path: `/api/tickets/${number}/escalate`,
			params: n(number),
			json: { level: 2, reason: 'Needs network', version: (await version(number)) + 5 }
		});
		expect(r.status).toBe(409);
		expect(r.body.current.number).toBe(number);
		expect(r.body.current.level).toBe(1);
	});

	it('PATCH needs a version, refuses unknown fields, and reports impossible transitions as 422', async () => {
		const number = await freshTicket();
		const patch = (json: unknown) =>
			call(ticketRoute.PATCH as Handler, 'l1', {
				method: 'PATCH',
				path: `/api/tickets/${number}`,
				params: n(number),
				json
			});
		const noVersion = await patch({ priority: 2 });
		expectError(noVersion, 400, 'invalid');
		expect(noVersion.body.error.fields).toHaveProperty('version');
		const typo = await patch({ version: await version(number), assignee: users.l1.id });
		expectError(typo, 400, 'invalid');
		expect(typo.body.error.fields).toEqual({ assignee: 'Unknown field.' });
		const badPriority = await patch({ version: await version(number), priority: 7 });
		expectError(badPriority, 400);
		expect(badPriority.body.error.fields).toHaveProperty('priority');
		const closed = await patch({ version: await version(number), status: 'closed' });
		expectError(closed, 422, 'invalid_transition');
		expect(closed.body.error.fields).toHaveProperty('status');
		const unknownCategory = await patch({ version: await version(number), categoryId: 999999 });
		expectError(unknownCategory, 422);
		expect(unknownCategory.body.error.fields).toHaveProperty('categoryId');
	});

	it('escalating to a lower or the same level is 422 with a field error; hand-back upwards too', async () => {
		const number = await freshTicket();
		await moveTicket(t.ctx.db, users.l1, number, 'escalate', { level: 2, reason: 'Network' });
		const move = (handler: Handler, json: unknown) =>
			call(handler, 'l2', {
				method: 'POST',
				path: `/api/tickets/${number}/x`,
				params: n(number),
				json
			});
		const lower = await move(escalateRoute.POST as Handler, { level: 1, reason: 'Down?' });
		expectError(lower, 422, 'invalid_level');
		expect(lower.body.error.fields).toEqual({ level: expect.stringContaining('higher level') });
		const sameGroup = await move(escalateRoute.POST as Handler, {
			groupId: groups.l2,
			reason: 'x'
		});
		expectError(sameGroup, 422, 'invalid_level');
		expect(sameGroup.body.error.fields).toHaveProperty('groupId');
		const up = await move(handBackRoute.POST as Handler, { level: 3, reason: 'Up?' });
		expectError(up, 422, 'invalid_level');
		expect(up.body.error.fields).toHaveProperty('level');
		const noReason = await move(escalateRoute.POST as Handler, { level: 3 });
		expectError(noReason, 400, 'invalid');
		expect(noReason.body.error.fields).toHaveProperty('reason');
		const noTarget = await move(escalateRoute.POST as Handler, { reason: 'Somewhere' });
		expectError(noTarget, 400, 'invalid');
		expect(noTarget.body.error.fields).toHaveProperty('groupId');
		const unknownGroup = await move(escalateRoute.POST as Handler, {
			groupId: 999999,
			reason: 'x'
		});
		expectError(unknownGroup, 422);
		expect((await getTicket(t.ctx.db.sql, number))!.level).toBe(2);
	});

	it('malformed bodies: bad JSON 400, wrong content type 415, empty 400, not an object 400', async () => {
		const post = (raw: BodyInit | undefined, headers?: Record<string, string>) =>
			call(ticketsRoute.POST as Handler, 'requester', {
				method: 'POST',
				path: '/api/tickets',
				raw,
				headers
			});
		expectError(await post('{"title": "VPN",'), 400, 'invalid_json');
		expectError(await post("{'title': 'single quotes'}"), 400, 'invalid_json');
		expectError(await post(''), 400, 'invalid_json');
		expectError(await post('[1, 2]'), 400, 'invalid_json');
		expectError(await post('"just a string"'), 400, 'invalid_json');
		expectError(await post('null'), 400, 'invalid_json');
		expectError(await post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), 400, 'invalid_json');
		expectError(
			await post('title=VPN', { 'content-type': 'application/x-www-form-urlencoded' }),
			415,
			'unsupported_media_type'
		);
		expectError(await post('{}', { 'content-type': 'text/plain' }), 415, 'unsupported_media_type');
		// Charset parameters and +json types are fine.
		const ok = await post(
			JSON.stringify({ title: 'x', body: 'y', categoryId: network, urgency: 1, impact: 1 }),
			{ 'content-type': 'application/json; charset=utf-8' }
		);
		expect(ok.status, ok.text).toBe(201);
		for (const handler of [ticketRoute.PATCH, commentsRoute.POST, escalateRoute.POST]) {
			const r = await call(handler as Handler, 'l1', {
				method: 'POST',
				path: `/api/tickets/${own}/x`,
				params: n(own),
				raw: '{oops'
			});
			expectError(r, 400, 'invalid_json');
		}
	});

	it('validation: field errors for bad input, 422 for an unknown category, nothing half-written', async () => {
		const count = async () => (await t.ctx.db.sql`select count(*)::int as n from tickets`)[0].n;
		const before = await count();
		const post = (json: unknown) =>
			call(ticketsRoute.POST as Handler, 'requester', {
				method: 'POST',
				path: '/api/tickets',
				json
			});
		const bad = await post({
			title: '   ',
			body: '',
			categoryId: 'network',
			urgency: 0,
			impact: 'high'
		});
		expectError(bad, 400, 'invalid');
		expect(Object.keys(bad.body.error.fields).sort()).toEqual(
			['body', 'categoryId', 'impact', 'title', 'urgency'].sort()
		);
		const unknown = await post({
			title: 'VPN',
			body: 'Down',
			categoryId: 999999,
			urgency: 1,
			impact: 1
		});
		expectError(unknown, 422, 'invalid');
		expect(unknown.body.error.fields).toEqual({ categoryId: 'Unknown category.' });
		const extra = await post({
			title: 'VPN',
			body: 'Down',
			categoryId: network,
			urgency: 1,
			impact: 1,
			requesterId: users.stranger.id
		});
		expectError(extra, 400, 'invalid');
		expect(extra.body.error.fields).toEqual({ requesterId: 'Unknown field.' });
		const longTitle = await post({
			title: 'x'.repeat(201),
			body: 'b',
			categoryId: network,
			urgency: 1,
			impact: 1
		});
		expectError(longTitle, 400, 'invalid');
		expect(longTitle.body.error.fields).toHaveProperty('title');
		expect(await count()).toBe(before);
	});

	it('a 1 MB title is refused with 413, with or without Content-Length', async () => {
		const body = JSON.stringify({
			title: 'x'.repeat(1024 * 1024),
			body: 'b',
			categoryId: network,
			urgency: 1,
			impact: 1
		});
		const streamed = await call(ticketsRoute.POST as Handler, 'requester', {
			method: 'POST',
			path: '/api/tickets',
			raw: body
		});
		expectError(streamed, 413, 'payload_too_large');
		const declared = await call(ticketsRoute.POST as Handler, 'requester', {
			method: 'POST',
			path: '/api/tickets',
			raw: body,
			headers: { 'content-length': String(Buffer.byteLength(body)) }
		});
		expectError(declared, 413, 'payload_too_large');
		// A chunked upload without a length is cut off at the limit, not read to the end.
		let sent = 0;
		const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
		const endless = new ReadableStream<Uint8Array>({
			pull(controller) {
				sent += chunk.byteLength;
				controller.enqueue(chunk);
			}
		});
		const chunked = await call(ticketsRoute.POST as Handler, 'requester', {
			method: 'POST',
			path: '/api/tickets',
			raw: endless
		});
		expectError(chunked, 413, 'payload_too_large');
		expect(sent).toBeLessThan(MAX_BODY_BYTES * 2);
	});

	it('HTML and script in text fields come back verbatim, as data', async () => {
		const title = `<script>alert("x")</script> <b>bold</b> & "quotes" 'apos' <img src=x onerror=alert(1)>`;
		const body = `<iframe src="javascript:alert(1)"></iframe>\n<style>*{display:none}</style> ü € 🖨️`;
		const created = await call(ticketsRoute.POST as Handler, 'requester', {
			method: 'POST',
			path: '/api/tickets',
			json: { title, body, categoryId: network, urgency: 2, impact: 3 }
		});
		expect(created.status, created.text).toBe(201);
		expect(created.body).toMatchObject({ title, body });
		const number = created.body.number as number;
		const reply = await call(commentsRoute.POST as Handler, 'l1', {
			method: 'POST',
			path: `/api/tickets/${number}/comments`,
			params: n(number),
			json: { body: title }
		});
		expect(reply.status).toBe(201);
		const detail = await call(ticketRoute.GET as Handler, 'requester', {
			path: `/api/tickets/${number}`,
			params: n(number)
		});
		expect(detail.body).toMatchObject({ title, body });
		expect(detail.body.comments.at(-1).body).toBe(title);
		const list = await call(ticketsRoute.GET as Handler, 'requester', {
			path: `/api/tickets?q=%23${number}`
		});
		expect(list.body.data).toEqual([expect.objectContaining({ number, title })]);
	});

	it('a reply with a status lets an agent wait for the requester in one call', async () => {
		const number = await freshTicket();
		const r = await call(commentsRoute.POST as Handler, 'l1', {
			method: 'POST',
			path: `/api/tickets/${number}/comments`,
			params: n(number),
			json: { body: 'Can you send a photo of the printout?', status: 'pending' }
		});
		expect(r.status, r.text).toBe(201);
		expect(r.body.ticket.status).toBe('pending');
		const requester = await call(commentsRoute.POST as Handler, 'requester', {
			method: 'POST',
			path: `/api/tickets/${number}/comments`,
			params: n(number),
			json: { body: 'Attached', status: 'resolved' }
		});
		expectError(requester, 403, 'forbidden');
	});
});

describe(`ticket API on ${DB_KIND}: listing`, () => {
	beforeAll(async () => {
		// Enough tickets of both requesters for several pages.
		for (let i = 0; i < 12; i++) {
			await freshTicket(`Pagination ticket ${i}`);
			await createTicket(t.ctx.db, users.stranger, {
				title: `Stranger ticket ${i}`,
				body: 'x',
				categoryId: network,
				urgency: 3,
				impact: 3
			});
		}
	});

	it('cursor pagination returns every ticket exactly once, newest first, for staff', async () => {
		const everything = await call(ticketsRoute.GET as Handler, 'lead', {
			path: '/api/tickets?limit=200'
		});
		const all = everything.body.data.map((s: TicketSummary) => s.number) as number[];
		expect(all.length).toBeGreaterThan(30);
		expect(all.length).toBeLessThan(200);
		expect(everything.body.nextCursor).toBeNull();
		expect([...all].sort((a, b) => b - a)).toEqual(all);
		for (const limit of [1, 7, all.length]) {
			const { numbers, pages } = await allPages('lead', '', limit);
			expect(numbers).toEqual(all);
			expect(new Set(numbers).size).toBe(numbers.length);
			expect(pages).toBe(Math.ceil(all.length / limit));
		}
	});

	it('cursor pagination with filters, and for a requester (own tickets only)', async () => {
		const { numbers } = await allPages('requester', '', 4);
		const expected = (
			await t.ctx.db.sql<{ id: number }[]>`
				select id from tickets where requester_id = ${users.requester.id} order by id desc`
		).map((r) => r.id);
		expect(numbers).toEqual(expected);
		const filtered = await allPages('admin', 'q=Stranger%20ticket', 5);
		expect(filtered.numbers).toHaveLength(12);
		expect(new Set(filtered.numbers).size).toBe(12);
	});

	it('the default page is 50 tickets', async () => {
		const r = await call(ticketsRoute.GET as Handler, 'admin', { path: '/api/tickets' });
		const total = (await t.ctx.db.sql`select count(*)::int as n from tickets`)[0].n;
		expect(r.body.data).toHaveLength(Math.min(50, total));
		expect(r.body.nextCursor === null).toBe(total <= 50);
	});

	it('filters: status, priority, level, group, assignee, category, sla, q', async () => {
		const list = async (query: string) => {
			const r = await call(ticketsRoute.GET as Handler, 'admin', {
				path: `/api/tickets?limit=200&${query}`
			});
			expect(r.status, `${query}: ${r.text}`).toBe(200);
			return r.body.data as TicketSummary[];
		};
		const pending = await freshTicket('Filter me');
		await addComment(t.ctx.db, users.l1, pending, { body: 'Waiting', status: 'pending' });
		for (const s of await list('status=pending,on_hold')) {
			expect(['pending', 'on_hold']).toContain(s.status);
		}
		expect((await list('status=pending')).map((s) => s.number)).toContain(pending);
		expect((await list('status=pending&status=resolved')).map((s) => s.number)).toContain(pending);
		for (const s of await list('priority=1,2')) expect([1, 2]).toContain(s.priority);
		for (const s of await list('level=2')) expect(s.level).toBe(2);
		for (const s of await list(`groupId=${groups.l3}`)) expect(s.group.id).toBe(groups.l3);
		const mine = await call(ticketsRoute.GET as Handler, 'l1', {
			path: '/api/tickets?assignee=me&limit=200'
		});
		for (const s of mine.body.data as TicketSummary[]) expect(s.assignee?.id).toBe(users.l1.id);
		for (const s of await list(`assignee=${users.l1.id}`)) expect(s.assignee?.id).toBe(users.l1.id);
		for (const s of await list('assignee=none')) expect(s.assignee).toBeNull();
		const byKey = await list('category=network');
		expect(byKey.length).toBeGreaterThan(0);
		expect(await list(`category=${network}`)).toEqual(byKey);
		expect(await list('category=no-such-category')).toEqual([]);
		// A P1 opened a month ago has long missed its targets once the clock job has run.
		const late = await createTicket(
			t.ctx.db,
			users.requester,
			{ title: 'Server room too hot', body: 'Alarm.', categoryId: network, urgency: 1, impact: 1 },
			{ at: new Date(Date.now() - 30 * 86_400_000) }
		);
		await processDueClocks(t.ctx.db);
		const breached = await list('sla=breached');
		expect(breached.map((s) => s.number)).toContain(late.id);
		for (const s of breached) expect(s.slaState).toBe('breached');
		for (const s of await list('sla=at_risk')) expect(s.slaState).toBe('warning');
		expect((await list('q=Filter')).map((s) => s.number)).toEqual([pending]);
		expect((await list(`q=${pending}`)).map((s) => s.number)).toEqual([pending]);
	});

	it('bad list parameters are 400 with a field per parameter', async () => {
		for (const [query, field] of [
			['limit=0', 'limit'],
			['limit=201', 'limit'],
			['limit=ten', 'limit'],
			['limit=-5', 'limit'],
			['status=open,bogus', 'status'],
			['priority=5', 'priority'],
			['level=4', 'level'],
			['groupId=abc', 'groupId'],
			['assignee=someone', 'assignee'],
			['sla=late', 'sla'],
			['cursor=not-a-cursor', 'cursor'],
			[`cursor=${Buffer.from('{"before":"1; drop table"}').toString('base64url')}`, 'cursor'],
			[`q=${'x'.repeat(201)}`, 'q'],
			['stauts=open', 'stauts']
		]) {
			const r = await call(ticketsRoute.GET as Handler, 'l1', { path: `/api/tickets?${query}` });
			expectError(r, 400, 'invalid');
			expect(Object.keys(r.body.error.fields), query).toContain(field);
		}
	});
});

describe(`ticket API on ${DB_KIND}: the OpenAPI document`, () => {
	const methodsOf = (path: string) =>
		Object.keys(openApiDocument.paths[path]).filter((k) => k !== 'parameters');

	it('documents every route with a handler for every documented method, and vice versa', async () => {
		const routes: Record<string, Record<string, unknown>> = {
			'/api/tickets': ticketsRoute,
			'/api/tickets/{number}': ticketRoute,
			'/api/tickets/{number}/comments': commentsRoute,
			'/api/tickets/{number}/escalate': escalateRoute,
			'/api/tickets/{number}/hand-back': handBackRoute,
			'/api/categories': categoriesRoute,
			'/api/openapi.json': openApiRoute
		};
		for (const [path, module] of Object.entries(routes)) {
			expect(openApiDocument.paths, path).toHaveProperty([path]);
			const exported = Object.keys(module).filter((k) => /^[A-Z]+$/.test(k));
			expect(
				methodsOf(path)
					.map((m) => m.toUpperCase())
					.sort(),
				path
			).toEqual(exported.sort());
			// Other methods get the error shape and an Allow header naming the documented ones.
			const r = await call(module.fallback as Handler, 'admin', {
				method: 'DELETE',
				path: path.replace('{number}', String(own)),
				params: n(own)
			});
			expectError(r, 405, 'method_not_allowed');
			expect(r.headers.get('allow')?.split(', ').sort()).toEqual(exported.sort());
		}
		for (const path of Object.keys(openApiDocument.paths)) {
			const dir = path.replace(/\{(\w+)\}/g, '[$1]');
			expect(existsSync(join('src/routes', dir, '+server.ts')), path).toBe(true);
		}
	});

	it('request schemas list exactly the fields the service accepts', () => {
		const props = (name: string) =>
			Object.keys(openApiDocument.components.schemas[name].properties ?? {}).sort();
		expect(props('NewTicket')).toEqual(Object.keys(createTicketSchema.shape).sort());
		expect(props('TicketChanges')).toEqual(Object.keys(updateTicketSchema.shape).sort());
		expect(props('NewComment')).toEqual(Object.keys(commentSchema.shape).sort());
		expect(props('LevelMove')).toEqual(Object.keys(levelMoveSchema.shape).sort());
	});

	it('every $ref resolves, and response examples match real responses in shape', async () => {
		const text = JSON.stringify(openApiDocument);
		for (const [, ref] of text.matchAll(/"\$ref":"#\/components\/(\w+\/\w+)"/g)) {
			const [kind, name] = ref.split('/');
			expect(
				(openApiDocument.components as Record<string, Record<string, unknown>>)[kind],
				ref
			).toHaveProperty([name]);
		}
		const real = await call(ticketRoute.GET as Handler, 'l1', {
			path: `/api/tickets/${own}`,
			params: n(own)
		});
		const example = openApiDocument.paths['/api/tickets/{number}'].get!.responses['200'] as {
			content: Record<string, { examples: Record<string, { value: Record<string, unknown> }> }>;
		};
		const documented = example.content['application/json'].examples.ticket.value;
		expect(Object.keys(real.body).sort()).toEqual(Object.keys(documented).sort());
		const required = [
			...(openApiDocument.components.schemas.TicketSummary.required ?? []),
			...(openApiDocument.components.schemas.TicketDetail.allOf![1].required ?? [])
		].sort();
		expect(required).toEqual(Object.keys(real.body).sort());
	});

	it('the documented request examples work against the real endpoints', async () => {
		const create = openApiDocument.paths['/api/tickets'].post!.requestBody!.content[
			'application/json'
		].examples!.vpn.value as Record<string, unknown>;
		const created = await call(ticketsRoute.POST as Handler, 'requester', {
			method: 'POST',
			path: '/api/tickets',
			json: { ...create, categoryId: network }
		});
		expect(created.status, created.text).toBe(201);
		const number = created.body.number as number;
		const escalate = openApiDocument.paths['/api/tickets/{number}/escalate'].post!.requestBody!
			.content['application/json'].examples!.level.value as Record<string, unknown>;
		const escalated = await call(escalateRoute.POST as Handler, 'l1', {
			method: 'POST',
			path: `/api/tickets/${number}/escalate`,
			params: n(number),
			json: escalate
		});
		expect(escalated.status, escalated.text).toBe(200);
	});

	it('the /api/docs page lists every operation', async () => {
		const data = (await loadDocs({} as never)) as {
			operations: Array<{ method: string; path: string; parameters: unknown[] }>;
		};
		const listed = data.operations.map((o) => `${o.method} ${o.path}`);
		for (const path of Object.keys(openApiDocument.paths)) {
			for (const method of methodsOf(path)) expect(listed).toContain(`${method} ${path}`);
		}
		const get = data.operations.find(
			(o) => o.method === 'get' && o.path === '/api/tickets/{number}'
		);
		expect(get?.parameters).toEqual([expect.objectContaining({ name: 'number', in: 'path' })]);
	});
});

describe(`ticket API on ${DB_KIND}: no internal text ever reached a requester`, () => {
	it('checks every requester response body of this file', () => {
		expect(requesterBodies.length).toBeGreaterThan(40);
		for (const body of requesterBodies) {
			expect(body).not.toContain(SECRET_NOTE);
			expect(body).not.toContain(SECRET_REASON);
			expect(body).not.toContain(SECRET_BACK);
			expect(body).not.toContain('INTERNAL-');
			expect(body).not.toMatch(/"internal":true/);
		}
	});
});
