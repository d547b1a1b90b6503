// One error type, in the user's language: services refuse with `DomainError` and catalogue
// messages; pages show them in the request's language, while the API always answers in English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ticketsRoute from '../../src/routes/api/tickets/+server';
import * as commentsRoute from '../../src/routes/api/tickets/[number]/comments/+server';
import { actions as portalNewActions } from '../../src/routes/portal/new/+page.server';
import { actions as portalTicketActions } from '../../src/routes/portal/tickets/[number]/+page.server';
import { actions as deskTicketActions } from '../../src/routes/desk/tickets/[number]/+page.server';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { createApiToken } from '../../src/lib/server/auth/tokens';
import { DomainError } from '../../src/lib/server/errors';
import { getCategoryByKey, getTicket } from '../../src/lib/server/tickets/db';
import { createTicket, updateTicket } from '../../src/lib/server/tickets/service';
import { getUserByEmail, toSessionUser } from '../../src/lib/server/users/db';
import type { SessionUser } from '../../src/lib/types/user';
import { DB_KIND, startTestApp, type TestApp } from './harness';
import { action, send } from './requests';

type Who = 'requester' | 'l1';
const EMAIL: Record<Who, string> = { requester: 'user@example.com', l1: 'l1@example.com' };
const GERMAN = { 'accept-language': 'de-DE,de;q=0.9' };

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
		tokens[who] = (await createApiToken(t.ctx.db.sql, record.id, 'messages test')).token;
	}
	network = (await getCategoryByKey(t.ctx.db.sql, 'network'))!;
});
afterAll(() => t.stop());

async function closedTicket() {
	const ticket = await createTicket(t.ctx.db, users.requester, {
		title: 'Printer offline',
		body: 'Since Monday.',
		categoryId: network,
		urgency: 2,
		impact: 2
	});
	for (const status of ['resolved', 'closed'] as const) {
		const { version } = (await getTicket(t.ctx.db.sql, ticket.id))!;
		await updateTicket(t.ctx.db, users.l1, ticket.id, { version, status });
	}
	return ticket.id;
}

describe(`messages on ${DB_KIND}`, () => {
	it('the API answers in English, whatever language the client prefers', async () => {
		const r = await send(ticketsRoute.POST, {
			path: '/api/tickets',
			token: tokens.requester,
			headers: GERMAN,
			json: { title: ' ', body: 'x', categoryId: network, urgency: 2, impact: 2, extra: 1 }
		});
		expect(r.status).toBe(400);
		expect(r.body.error).toEqual({
			code: 'invalid',
			message: 'Please check the marked fields.',
			fields: { title: 'Please give your ticket a title.', extra: 'Unknown field.' }
		});
		const number = await closedTicket();
		const closed = await send(commentsRoute.POST, {
			path: `/api/tickets/${number}/comments`,
			params: { number: String(number) },
			token: tokens.requester,
			headers: GERMAN,
			json: { body: 'Still broken.' }
		});
		expect(closed.status).toBe(422);
		expect(closed.body.error).toEqual({
			code: 'invalid_state',
			message: 'This ticket is closed. Please open a new one.'
		});
	});

	it('forms answer in the user’s language: field rules and service refusals alike', async () => {
		const created = await send(action(portalNewActions.default), {
			path: '/portal/new',
			session: sessions.requester,
			headers: GERMAN,
			form: { title: '', body: 'Der Drucker druckt nicht.', urgency: '2', impact: '2' }
		});
		expect(created.status).toBe(400);
		expect(created.body.data).toMatchObject({
			code: 'invalid',
			message: 'Bitte prüfen Sie die markierten Felder.',
			fields: {
				title: 'Bitte geben Sie Ihrem Ticket einen Titel.',
				categoryId: 'Bitte wählen Sie einen Bereich.'
			},
			values: { body: 'Der Drucker druckt nicht.' }
		});

		const number = await closedTicket();
		const reply = await send(action(portalTicketActions.reply), {
			path: `/portal/tickets/${number}?/reply`,
			params: { number: String(number) },
			session: sessions.requester,
			headers: GERMAN,
			form: { message: 'Geht immer noch nicht.' }
		});
		expect(reply.status).toBe(422);
		expect(reply.body.data).toMatchObject({
			action: 'reply',
			code: 'invalid_state',
			message: 'Dieses Ticket ist geschlossen. Bitte eröffnen Sie ein neues.',
			values: { message: 'Geht immer noch nicht.' }
		});

		// The desk in English: the same refusal, with the field named as the form names it.
		const open = await createTicket(t.ctx.db, users.requester, {
			title: 'VPN',
			body: 'Down.',
			categoryId: network,
			urgency: 2,
			impact: 2
		});
		const { version } = (await getTicket(t.ctx.db.sql, open.id))!;
		const escalate = await send(action(deskTicketActions.escalate), {
			path: `/desk/tickets/${open.id}?/escalate`,
			params: { number: String(open.id) },
			session: sessions.l1,
			form: { version: String(version), reason: '  ' }
		});
		expect(escalate.status).toBe(400);
		expect(escalate.body.data).toMatchObject({
			action: 'escalate',
			fields: { reason: 'This field is required.' },
			values: { reason: '  ' }
		});
	});

	it('services refuse with the one error type, rendered where it is made', async () => {
		const number = await closedTicket();
		const { version } = (await getTicket(t.ctx.db.sql, number))!;
		const refused = await updateTicket(t.ctx.db, users.l1, number, {
			version,
			status: 'open'
		}).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(DomainError);
		expect(refused).toMatchObject({
			status: 422,
			code: 'invalid_state',
			message: 'A closed ticket cannot be changed.'
		});
	});
});
