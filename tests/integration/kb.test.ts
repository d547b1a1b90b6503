// The knowledge base on the database under test (PGlite by default, PostgreSQL with
// TEST_DATABASE_URL): stemmed German and English search, typo tolerance, ranking, internal
// articles never reaching requesters (service, pages, API, suggestions), hostile queries, XSS in
// markdown, the article workflow with revisions and events, deflection, and the ticket search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/lib/server/errors';
import * as kbDb from '../../src/lib/server/kb/db';
import { deskScope } from '../../src/lib/server/kb/rules';
import {
	changeArticleStatus,
	createArticle,
	deleteArticle,
	draftFromTicket,
	recordDeflection,
	searchArticles,
	updateArticle,
	voteOnArticle
} from '../../src/lib/server/kb/service';
import { RANKED_MATCHES, RECENT_WINDOW } from '../../src/lib/server/search/db';
import { getCategoryByKey, listTickets } from '../../src/lib/server/tickets/db';
import { addComment, createTicket, updateTicket } from '../../src/lib/server/tickets/service';
import { getUserByEmail, toSessionUser } from '../../src/lib/server/users/db';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { createApiToken } from '../../src/lib/server/auth/tokens';
import type { SessionUser } from '../../src/lib/types/user';
import * as kbPage from '../../src/routes/kb/+page.server';
import * as articlePage from '../../src/routes/kb/[slug]/+page.server';
import * as searchJson from '../../src/routes/kb/search.json/+server';
import * as suggest from '../../src/routes/portal/new/suggest/+server';
import * as solved from '../../src/routes/portal/new/solved/+page.server';
import * as apiArticles from '../../src/routes/api/kb/articles/+server';
import * as apiArticle from '../../src/routes/api/kb/articles/[article]/+server';
import * as apiStatus from '../../src/routes/api/kb/articles/[article]/status/+server';
import * as apiTickets from '../../src/routes/api/tickets/+server';
import * as adminHome from '../../src/routes/admin/+page.server';
import { computeWallSnapshot } from '../../src/lib/server/dashboard/service';
import { DB_KIND, startTestApp, type TestApp } from './harness';
import { action, page, send } from './requests';

let t: TestApp;
const users: Record<string, SessionUser> = {};
const category: Record<string, number> = {};
const sql = () => t.ctx.db.sql;
const db = () => t.ctx.db;

async function user(email: string) {
	const record = await getUserByEmail(sql(), email);
	return toSessionUser(sql(), record!);
}

/** A published article, written by an agent and published by the lead. */
async function published(input: {
	title: string;
	body: string;
	language: 'de' | 'en';
	visibility?: 'public' | 'internal';
	category?: string;
}) {
	const article = await createArticle(db(), users.l1, {
		title: input.title,
		body: input.body,
		language: input.language,
		visibility: input.visibility ?? 'public',
		categoryId: category[input.category ?? 'other']
	});
	const review = await changeArticleStatus(db(), users.l1, article.id, {
		version: article.version,
		status: 'review'
	});
	return changeArticleStatus(db(), users.lead, article.id, {
		version: review.version,
		status: 'published'
	});
}

const sessions: Record<string, string> = {};
const tokens: Record<string, string> = {};
const titles = (r: { articles: Array<{ title: string }> }) => r.articles.map((a) => a.title);
const search = (viewer: SessionUser | null, query: unknown, mode: 'all' | 'any' = 'all') =>
	searchArticles(db(), viewer, 'en', { query, source: 'kb', mode, limit: 20, log: false });

beforeAll(async () => {
	t = await startTestApp({ demo: true });
	for (const key of ['user', 'user2', 'l1', 'l2', 'lead', 'admin']) {
		users[key] = await user(`${key}@example.com`);
	}
	for (const key of ['network', 'printing', 'access', 'other']) {
		category[key] = (await getCategoryByKey(sql(), key))!;
	}
	for (const key of ['user', 'l1', 'admin']) {
		sessions[key] = generateSessionToken();
		await createSession(sql(), sessions[key], users[key].id);
		tokens[key] = (await createApiToken(sql(), users[key].id, 'kb test')).token;
	}
	await published({
		language: 'de',
		category: 'other',
		title: 'Zeiterfassungsterminal neu starten',
		body: 'Wenn das Terminal am Eingang hängt, halten Sie die Ein-Taste zehn Sekunden gedrückt.'
	});
	await published({
		language: 'en',
		category: 'other',
		title: 'Configure the badge reader',
		body: 'Hold your badge flat against the reader until it beeps twice.'
	});
	await published({
		language: 'en',
		category: 'other',
		title: 'Quokka scanner setup',
		body: 'Install the driver from the Software Center and restart.'
	});
	await published({
		language: 'en',
		category: 'other',
		title: 'Scanning to a shared folder',
		body:
			'Many devices can scan to folders. ' +
			'The legacy quokka model needs a firmware update first; then choose Scan to folder.'
	});
	await published({
		language: 'en',
		visibility: 'internal',
		category: 'access',
		title: 'Runbook: zebrafish directory resync',
		body: 'Staff only: run the zebrafish resync from the jump host.'
	});
}, 120_000);
afterAll(() => t?.stop());

describe(`knowledge base search on ${DB_KIND}`, () => {
	it('finds a German article by another inflection of its words', async () => {
		for (const query of ['Zeiterfassungsterminals', 'zeiterfassungsterminale', 'Terminals']) {
			expect(titles(await search(users.user, query)), query).toContain(
				'Zeiterfassungsterminal neu starten'
			);
		}
		// The German stemmer, not a substring: "Sekunde" is in "Sekunden", "Eingangs" in "Eingang".
		expect(titles(await search(null, 'Sekunde Eingangs'))).toContain(
			'Zeiterfassungsterminal neu starten'
		);
	});

	it('finds an English article by the plural of its words', async () => {
		expect(titles(await search(users.user, 'badge readers'))).toContain(
			'Configure the badge reader'
		);
		expect(titles(await search(null, 'configuring badges'))).toContain(
			'Configure the badge reader'
		);
	});

	it('tolerates typos', async () => {
		expect(titles(await search(users.user, 'Zeiterfasungsterminal'))).toContain(
			'Zeiterfassungsterminal neu starten'
		);
		expect(titles(await search(users.user, 'quoka scaner'))).toContain('Quokka scanner setup');
		expect(titles(await search(users.user, 'pasword reset'))).toContain(
			'Reset a forgotten or expired password'
		);
	});

	it('ranks a title match above a body match', async () => {
		const found = titles(await search(users.user, 'quokka'));
		expect(found.slice(0, 2)).toEqual(['Quokka scanner setup', 'Scanning to a shared folder']);
	});

	it('highlights the matching words in a snippet, as parts (no HTML)', async () => {
		const { articles } = await search(users.user, 'firmware quokka');
		const hit = articles.find((a) => a.title === 'Scanning to a shared folder')!;
		expect(hit.excerpt.filter((p) => p.hit).map((p) => p.text.toLowerCase())).toEqual(
			expect.arrayContaining(['quokka', 'firmware'])
		);
	});

	it('never shows internal articles to requesters or anonymous readers', async () => {
		expect(titles(await search(users.l2, 'zebrafish'))).toEqual([
			'Runbook: zebrafish directory resync'
		]);
		expect(titles(await search(users.user, 'zebrafish'))).toEqual([]);
		expect(titles(await search(null, 'zebrafish'))).toEqual([]);
		expect(titles(await search(users.user, 'zebrafish', 'any'))).toEqual([]);
		expect(titles(await search(users.user, 'zebrafsh'))).toEqual([]);
		// Nor may a requester ask for the desk's scope.
		await expect(
			searchArticles(
				db(),
				users.user,
				'en',
				{ query: 'zebrafish', source: 'kb', limit: 5 },
				deskScope
			)
		).rejects.toBeInstanceOf(DomainError);
	});

	it('answers hostile queries normally', async () => {
		const hostile = [
			'&',
			'|',
			'!',
			':*',
			'<->',
			'"',
			"'",
			'\\',
			'"unterminated',
			'a & b | !c',
			'vpn:* <-> (drucker',
			"'; drop table kb_articles; --",
			'\u0000vpn\u0000',
			'',
			'   ',
			'x'.repeat(10_000),
			'vpn '.repeat(3000),
			'🙂'.repeat(5000),
			'\ud800',
			'!!!&&&|||'
		];
		for (const query of hostile) {
			for (const viewer of [null, users.user, users.l1]) {
				for (const mode of ['all', 'any'] as const) {
					const r = await search(viewer, query, mode);
					expect(Array.isArray(r.articles), JSON.stringify(query).slice(0, 40)).toBe(true);
				}
			}
			const tickets = await listTickets(sql(), { search: query, searchInternal: true, limit: 5 });
			expect(Array.isArray(tickets)).toBe(true);
		}
		expect(titles(await search(users.user, '\u0000vpn\u0000'))).toContain(
			'Connect to the VPN from home'
		);
	});
});

describe(`article workflow on ${DB_KIND}`, () => {
	it('moves draft → review → published, with revisions and events', async () => {
		const draft = await createArticle(db(), users.l1, {
			title: 'Kaffeemaschine entkalken',
			body: 'Entkalken Sie die Maschine jeden Monat.',
			language: 'de',
			categoryId: category.other
		});
		expect(draft).toMatchObject({ status: 'draft', slug: 'kaffeemaschine-entkalken', version: 1 });
		// Drafts are invisible to readers.
		expect(titles(await search(users.user, 'Kaffeemaschine'))).toEqual([]);

		// Agents ask for review; only leads and admins publish.
		const review = await changeArticleStatus(db(), users.l1, draft.id, {
			version: 1,
			status: 'review'
		});
		const refused = await changeArticleStatus(db(), users.l1, draft.id, {
			version: review.version,
			status: 'published'
		}).catch((e: unknown) => e);
		expect(refused).toMatchObject({ status: 403 });
		const live = await changeArticleStatus(db(), users.lead, draft.id, {
			version: review.version,
			status: 'published',
			note: 'Looks good.'
		});
		expect(live.publishedAt).not.toBeNull();
		expect(titles(await search(users.user, 'Kaffeemaschinen entkalkt'))).toContain(
			'Kaffeemaschine entkalken'
		);

		// A stale version is refused with 409; agents do not change published articles.
		const stale = await updateArticle(db(), users.lead, draft.id, {
			version: review.version,
			title: 'Old'
		}).catch((e: unknown) => e);
		expect(stale).toMatchObject({ status: 409, code: 'conflict' });
		const byAgent = await updateArticle(db(), users.l1, draft.id, {
			version: live.version,
			title: 'Mine now'
		}).catch((e: unknown) => e);
		expect(byAgent).toMatchObject({ status: 403 });
		const edited = await updateArticle(db(), users.lead, draft.id, {
			version: live.version,
			body: 'Entkalken Sie die Maschine jeden Monat mit Zitronensäure.'
		});
		expect(edited.status).toBe('published');

		const revisions = await kbDb.revisionsOf(sql(), draft.id);
		expect(revisions.map((r) => [r.version, r.changed, r.editor?.id])).toEqual([
			[4, ['body'], users.lead.id],
			[3, ['status'], users.lead.id],
			[2, ['status'], users.l1.id],
			[1, ['created'], users.l1.id]
		]);
		expect(revisions[1].note).toBe('Looks good.');

		const events = await sql()<{ type: string; audience: string; actor_id: number }[]>`
			select type, audience, actor_id from events where topic = ${'kb:' + draft.id} order by id`;
		expect(events.map((e) => `${e.type} ${e.audience}`)).toEqual([
			'kb.article_created agents',
			'kb.article_status_changed agents',
			'kb.article_status_changed agents',
			'kb.article_published public',
			'kb.article_revised agents',
			'kb.article_published public'
		]);

		// Unpublishing withdraws it publicly; deleting is for reviewers.
		await expect(deleteArticle(db(), users.l1, draft.id)).rejects.toMatchObject({ status: 403 });
		await deleteArticle(db(), users.admin, draft.id);
		expect(await kbDb.getArticle(sql(), draft.id)).toBeNull();
		const last = await sql()<{ type: string }[]>`
			select type from events where topic = ${'kb:' + draft.id} order by id desc limit 2`;
		expect(last.map((e) => e.type)).toEqual(['kb.article_withdrawn', 'kb.article_deleted']);
	});

	it('never announces an internal article publicly', async () => {
		const runbook = await published({
			language: 'en',
			visibility: 'internal',
			title: 'Runbook: rotate the jellyfish keys',
			body: 'Rotate them quarterly.'
		});
		const events = await sql()<{ type: string; audience: string }[]>`
			select type, audience from events where topic = ${'kb:' + runbook.id}`;
		expect(events.every((e) => e.audience === 'agents')).toBe(true);
	});

	it('refuses requesters, unknown areas and taken addresses', async () => {
		await expect(
			createArticle(db(), users.user, {
				title: 'Mine',
				body: 'x',
				language: 'en',
				categoryId: category.other
			})
		).rejects.toMatchObject({ status: 403 });
		await expect(
			createArticle(db(), users.l1, {
				title: 'x',
				body: 'x',
				language: 'en',
				categoryId: 2147483647
			})
		).rejects.toMatchObject({ status: 422, fields: { categoryId: expect.any(String) } });
		await expect(
			createArticle(db(), users.l1, {
				title: 'x',
				body: 'x',
				language: 'fr' as 'en',
				categoryId: category.other,
				slug: 'Not A Slug'
			})
		).rejects.toMatchObject({ status: 400, fields: { language: expect.any(String) } });
		const first = await createArticle(db(), users.l1, {
			title: 'Same title',
			body: 'x',
			language: 'en',
			categoryId: category.other
		});
		const second = await createArticle(db(), users.l1, {
			title: 'Same title',
			body: 'y',
			language: 'en',
			categoryId: category.other
		});
		expect([first.slug, second.slug]).toEqual(['same-title', 'same-title-2']);
		await expect(
			createArticle(db(), users.l1, {
				title: 'Other',
				body: 'x',
				language: 'en',
				categoryId: category.other,
				slug: 'same-title'
			})
		).rejects.toMatchObject({ status: 409, fields: { slug: expect.any(String) } });
	});

	it('counts votes once per person, and anonymous votes', async () => {
		const article = await published({
			language: 'en',
			title: 'Voting on a walrus',
			body: 'Walrus.'
		});
		await voteOnArticle(db(), users.user, article.id, { helpful: true });
		await voteOnArticle(db(), users.user, article.id, { helpful: true });
		expect(await voteOnArticle(db(), users.user, article.id, { helpful: false })).toEqual({
			helpful: 0,
			unhelpful: 1
		});
		expect(await voteOnArticle(db(), null, article.id, { helpful: true })).toEqual({
			helpful: 1,
			unhelpful: 1
		});
		const internal = await published({
			language: 'en',
			visibility: 'internal',
			title: 'Internal walrus',
			body: 'Walrus.'
		});
		await expect(
			voteOnArticle(db(), users.user, internal.id, { helpful: true })
		).rejects.toMatchObject({ status: 404 });
	});
});

describe(`deflection and the search log on ${DB_KIND}`, () => {
	it('logs one row per typing session, and counts "this solved my problem"', async () => {
		const key = 'session-' + Date.now().toString(36);
		for (const query of ['q', 'qu', 'quok', 'quokka scan']) {
			await searchArticles(db(), users.user2, 'en', {
				query,
				source: 'portal',
				mode: 'any',
				limit: 5,
				sessionKey: key
			});
		}
		const rows = await sql()<{ query: string; results: number }[]>`
			select query, results from kb_searches where session_key = ${key}`;
		expect(rows).toEqual([{ query: 'quokka scan', results: expect.any(Number) }]);
		expect(rows[0].results).toBeGreaterThan(0);

		const since = new Date(Date.now() - 60_000);
		const before = await kbDb.deflectionFigures(sql(), since, 1, 5);
		const [{ id }] = await sql()<{ id: number }[]>`
			select id from kb_articles where title = 'Quokka scanner setup'`;
		await recordDeflection(db(), users.user2, { articleId: id, sessionKey: key });
		const after = await kbDb.deflectionFigures(sql(), since, 1, 5);
		expect(after.deflected).toBe(before.deflected + 1);
		expect(after.rate).toBeGreaterThan(0);
		const [row] = await sql()<{ deflected: boolean; article_id: number }[]>`
			select deflected, article_id from kb_searches where session_key = ${key}`;
		expect(row).toEqual({ deflected: true, article_id: id });
	});

	it('lists the searches that found nothing, most frequent first', async () => {
		for (let i = 0; i < 3; i++) {
			await searchArticles(db(), users.user, 'en', {
				query: 'Flux capacitor',
				source: 'kb',
				limit: 5
			});
		}
		await searchArticles(db(), null, 'en', { query: 'hoverboard', source: 'kb', limit: 5 });
		const figures = await kbDb.deflectionFigures(sql(), new Date(Date.now() - 60_000), 1, 5);
		expect(figures.misses.slice(0, 2)).toEqual([
			{ query: 'flux capacitor', count: 3 },
			{ query: 'hoverboard', count: 1 }
		]);
	});

	it('does not let a requester deflect with an internal article', async () => {
		const [{ id }] = await sql()<{ id: number }[]>`
			select id from kb_articles where title = 'Runbook: zebrafish directory resync'`;
		await expect(recordDeflection(db(), users.user, { articleId: id })).rejects.toMatchObject({
			status: 404
		});
	});
});

describe(`ticket search on ${DB_KIND}`, () => {
	it('finds a ticket by a stemmed word of its conversation; internal notes for staff only', async () => {
		const ticket = await createTicket(db(), users.user, {
			title: 'Bildschirm flackert',
			body: 'Seit gestern flackert der zweite Monitor.',
			categoryId: category.network,
			urgency: 2,
			impact: 2
		});
		await addComment(db(), users.l1, ticket.id, {
			body: 'Bitte tauschen Sie das Kabel der Dockingstationen.'
		});
		await addComment(db(), users.l1, ticket.id, {
			body: 'Intern: Seriennummer des Monitors beim Hersteller reklamieren.',
			internal: true
		});
		await addComment(db(), users.user, ticket.id, {
			body: 'I replaced the cables and rebooted both screens.'
		});
		const found = async (search: string, staff: boolean, requesterId?: number) =>
			(
				await listTickets(sql(), {
					search,
					searchInternal: staff,
					requesterId,
					statuses: undefined,
					limit: 50
				})
			).map((s) => s.number);
		// German: "Dockingstation" finds "Dockingstationen"; English: "cable" finds "cables".
		expect(await found('Dockingstation', true)).toContain(ticket.id);
		expect(await found('cable reboot', true)).toContain(ticket.id);
		expect(await found('Dockingstation', false, users.user.id)).toContain(ticket.id);
		// Typos in the title.
		expect(await found('Bildschrim', true)).toContain(ticket.id);
		expect(await found('Bildschrim', false, users.user.id)).toContain(ticket.id);
		// The internal note: staff only.
		expect(await found('reklamieren', true)).toContain(ticket.id);
		expect(await found('reklamieren', false, users.user.id)).not.toContain(ticket.id);
		expect(await found('Seriennummer', false)).not.toContain(ticket.id);
		// Ranked: a title match before a conversation match.
		const other = await createTicket(db(), users.user, {
			title: 'Dockingstation lädt nicht',
			body: 'Der Laptop lädt am Dock nicht.',
			categoryId: category.network,
			urgency: 2,
			impact: 2
		});
		const ranked = (
			await listTickets(sql(), {
				search: 'Dockingstation',
				searchInternal: true,
				sort: 'relevance',
				limit: 10
			})
		).map((s) => s.number);
		expect(ranked.indexOf(other.id)).toBeLessThan(ranked.indexOf(ticket.id));
	});

	it('ranks the newest matches of titles and conversations; look-alike titles only when the words find few', async () => {
		const ticket = (title: string) =>
			createTicket(db(), users.user, {
				title,
				body: 'Ablage im zweiten Stock.',
				categoryId: category.other,
				urgency: 2,
				impact: 2
			});
		const oldest = await ticket('Quastenflosser im Drucker');
		await sql()`
			insert into tickets (requester_id, title, body, category_id, urgency, impact, priority,
				status, level, group_id)
			select requester_id, 'Quastenflosser ' || n, body, category_id, urgency, impact, priority,
				status, level, group_id
			from tickets, generate_series(1, ${RANKED_MATCHES + 10}) n where id = ${oldest.id}`;
		const viaReply = await ticket('Ablage voll');
		await addComment(db(), users.l1, viaReply.id, { body: 'Der Quastenflosser war schuld.' });
		const viaNote = await ticket('Ablage leer');
		await addComment(db(), users.l1, viaNote.id, {
			body: 'Intern: Quastenflosser melden.',
			internal: true
		});
		const lookalike = await ticket('Quastenflossr kaputt');
		const ranked = async (search: string, staff: boolean) =>
			(
				await listTickets(sql(), {
					search,
					searchInternal: staff,
					sort: 'relevance',
					limit: RANKED_MATCHES
				})
			).map((s) => s.number);

		const staff = await ranked('Quastenflosser', true);
		expect(staff).toHaveLength(RANKED_MATCHES);
		expect(staff).toContain(viaReply.id);
		expect(staff).toContain(viaNote.id);
		// The oldest of 213 matches is not among the newest 200; nor, next to 200 real matches, is
		// a title that merely looks like the word.
		expect(staff).not.toContain(oldest.id);
		expect(staff).not.toContain(lookalike.id);
		const requester = await ranked('Quastenflosser', false);
		expect(requester).toContain(viaReply.id);
		expect(requester).not.toContain(viaNote.id);
		// A typo the words find nothing for: the titles that look like it, newest first.
		const typo = await ranked('Quastenflosr', true);
		expect(typo).toContain(lookalike.id);
		expect(typo).not.toContain(viaReply.id);
		expect(typo.length).toBeGreaterThan(100);

		// Newer tickets without the word push every match out of the newest RECENT_WINDOW: the
		// same newest matches then come from the index, in the same order.
		await sql()`
			insert into tickets (requester_id, title, body, category_id, urgency, impact, priority,
				status, level, group_id)
			select requester_id, 'Ablage ' || n, body, category_id, urgency, impact, priority,
				status, level, group_id
			from tickets, generate_series(1, ${RECENT_WINDOW}) n where id = ${oldest.id}`;
		expect(await ranked('Quastenflosser', true)).toEqual(staff);
		expect(await ranked('Quastenflosser', false)).toEqual(requester);
		expect(await ranked('Quastenflosr', true)).toEqual(typo);
	});

	it('prefills an article from the public conversation only', async () => {
		const ticket = await createTicket(db(), users.user, {
			title: 'Outlook fragt ständig nach dem Passwort',
			body: 'Seit dem Passwortwechsel fragt Outlook alle paar Minuten.',
			categoryId: category.access,
			urgency: 2,
			impact: 2
		});
		await addComment(db(), users.l1, ticket.id, {
			body: 'SECRET internal: user had 3 lockouts today.',
			internal: true
		});
		const { ticket: resolved } = await addComment(db(), users.l1, ticket.id, {
			body: 'Bitte melden Sie sich einmal im VPN neu an; dann übernimmt Windows das Passwort.',
			status: 'resolved'
		});
		expect(resolved.status).toBe('resolved');
		const draft = await draftFromTicket(sql(), users.l1, ticket.id, 'de');
		expect(draft).toMatchObject({
			title: 'Outlook fragt ständig nach dem Passwort',
			categoryId: category.access,
			fromTicket: ticket.id
		});
		expect(draft!.body).toContain('Seit dem Passwortwechsel');
		expect(draft!.body).toContain('im VPN neu an');
		expect(draft!.body).not.toContain('SECRET');
		// Only resolved tickets, and only for staff.
		const open = await createTicket(db(), users.user, {
			title: 'Open',
			body: 'Still open.',
			categoryId: category.access,
			urgency: 2,
			impact: 2
		});
		expect(await draftFromTicket(sql(), users.l1, open.id, 'de')).toBeNull();
		expect(await draftFromTicket(sql(), users.user, ticket.id, 'de')).toBeNull();
		await updateTicket(db(), users.l1, open.id, { version: open.version, status: 'open' });
	});
});

describe(`pages, API and suggestions on ${DB_KIND}`, () => {
	const runbook = () =>
		sql()<{ id: number; slug: string }[]>`
			select id, slug from kb_articles where title = 'Runbook: zebrafish directory resync'`.then(
			(rows) => rows[0]
		);

	it('answers 404 to requesters and anonymous readers for an internal article, by page and API', async () => {
		const { id, slug } = await runbook();
		const asPage = (session?: string) =>
			send(page(articlePage.load), { path: `/kb/${slug}`, params: { slug }, session });
		expect((await asPage()).status).toBe(404);
		expect((await asPage(sessions.user)).status).toBe(404);
		const staff = await asPage(sessions.l1);
		expect(staff.status).toBe(200);
		expect(staff.body.data.article.title).toBe('Runbook: zebrafish directory resync');

		for (const address of [String(id), slug]) {
			const get = (token?: string) =>
				send(apiArticle.GET, {
					path: `/api/kb/articles/${address}`,
					params: { article: address },
					token
				});
			const anonymous = await get();
			expect(anonymous.status).toBe(404);
			expect(anonymous.body.error.code).toBe('not_found');
			expect((await get(tokens.user)).status).toBe(404);
			expect((await get(tokens.l1)).status).toBe(200);
		}
		// Lists and searches through the API, the page, live search and the new-ticket suggestions.
		const listed = await send(apiArticles.GET, {
			path: '/api/kb/articles?limit=100',
			token: tokens.user
		});
		expect(JSON.stringify(listed.body)).not.toContain('zebrafish');
		const searched = await send(apiArticles.GET, { path: '/api/kb/articles?q=zebrafish' });
		expect(searched.body).toMatchObject({ data: [], total: 0 });
		const drafts = await send(apiArticles.GET, {
			path: '/api/kb/articles?status=draft',
			token: tokens.user
		});
		expect(drafts.status).toBe(403);
		const onPage = await send(page(kbPage.load), {
			path: '/kb?q=zebrafish',
			session: sessions.user
		});
		expect(onPage.body.data.total).toBe(0);
		const browse = await send(page(kbPage.load), { path: '/kb' });
		expect(JSON.stringify(browse.body.data.groups)).not.toContain('zebrafish');
		const live = await send(searchJson.GET, { path: '/kb/search.json?q=zebrafish+resync' });
		expect(live.body.articles).toEqual([]);
		const suggested = await send(suggest.GET, {
			path: '/portal/new/suggest?q=zebrafish+directory+resync',
			session: sessions.user
		});
		expect(suggested.status).toBe(200);
		expect(suggested.body.articles).toEqual([]);
		const forStaff = await send(suggest.GET, {
			path: '/portal/new/suggest?q=zebrafish+directory+resync',
			session: sessions.l1
		});
		expect(forStaff.body.articles.map((a: { title: string }) => a.title)).toContain(
			'Runbook: zebrafish directory resync'
		);
	});

	it('renders hostile markdown harmless on the article page and in the API', async () => {
		const article = await published({
			language: 'en',
			title: 'Hostile markdown',
			body: [
				'<script>window.__xss = 1</script>',
				'<img src=x onerror="window.__xss = 2">',
				'[click me](javascript:window.__xss=3)',
				'[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
				'<a href="#" onclick="window.__xss=4">x</a>',
				'Normal **bold** text.'
			].join('\n\n')
		});
		const view = await send(page(articlePage.load), {
			path: `/kb/${article.slug}`,
			params: { slug: article.slug }
		});
		const html: string = view.body.data.article.html;
		expect(html).toContain('<strong>bold</strong>');
		expect(html).not.toMatch(/<(script|img|svg|iframe)\b/i);
		expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
		expect(html).not.toMatch(/<a [^>]*href="(javascript|data):/i);
		const api = await send(apiArticle.GET, {
			path: `/api/kb/articles/${article.slug}`,
			params: { article: article.slug }
		});
		expect(api.body.html).toBe(html);
		expect(api.body.authorId).toBeUndefined();
	});

	it('answers hostile queries on every search surface with a normal result', async () => {
		for (const q of [
			'&',
			'|',
			'!',
			':*',
			'<->',
			'"',
			"'",
			'\\',
			'x'.repeat(10_000),
			'(a|b',
			'%',
			''
		]) {
			const encoded = encodeURIComponent(q);
			const pageAnswer = await send(page(kbPage.load), { path: `/kb?q=${encoded}` });
			expect(pageAnswer.status, q.slice(0, 20)).toBe(200);
			expect((await send(searchJson.GET, { path: `/kb/search.json?q=${encoded}` })).status).toBe(
				200
			);
			const api = await send(apiArticles.GET, { path: `/api/kb/articles?q=${encoded}` });
			expect(api.status).toBe(200);
			const tickets = await send(apiTickets.GET, {
				path: `/api/tickets?q=${encodeURIComponent(q.slice(0, 200))}`,
				token: tokens.l1
			});
			expect(tickets.status).toBe(200);
			const suggested = await send(suggest.GET, {
				path: `/portal/new/suggest?q=${encoded}`,
				session: sessions.user
			});
			expect(suggested.status).toBe(200);
		}
		// NUL: refused with a clear 400 before any search runs (PostgreSQL cannot store it).
		const nul = await send(page(kbPage.load), { path: '/kb?q=vpn%00' });
		expect(nul.status).toBe(400);
		const nulApi = await send(apiArticles.GET, { path: '/api/kb/articles?q=vpn%00' });
		expect(nulApi.status).toBe(400);
		expect(nulApi.body.error.code).toBe('invalid');
	});

	it('writes and publishes through the API, with 409 on a stale version', async () => {
		const created = await send(apiArticles.POST, {
			path: '/api/kb/articles',
			token: tokens.l1,
			json: {
				title: 'Badge printer ribbon',
				body: 'Replace the ribbon.',
				language: 'en',
				categoryId: category.printing
			}
		});
		expect(created.status, created.text).toBe(201);
		expect(created.body).toMatchObject({ status: 'draft', url: '/kb/badge-printer-ribbon' });
		const id = String(created.body.id);
		const stale = await send(apiStatus.POST, {
			path: `/api/kb/articles/${id}/status`,
			params: { article: id },
			token: tokens.l1,
			json: { version: created.body.version + 5, status: 'review' }
		});
		expect(stale.status).toBe(409);
		const publish = await send(apiStatus.POST, {
			path: `/api/kb/articles/${id}/status`,
			params: { article: id },
			token: tokens.admin,
			json: { version: created.body.version, status: 'published' }
		});
		expect(publish.status, publish.text).toBe(200);
		const requesterPatch = await send(apiArticle.PATCH, {
			path: `/api/kb/articles/${id}`,
			params: { article: id },
			token: tokens.user,
			json: { version: publish.body.version, title: 'Mine' }
		});
		expect(requesterPatch.status).toBe(403);
		const unknown = await send(apiArticles.POST, {
			path: '/api/kb/articles',
			token: tokens.l1,
			json: { title: 'x', body: 'y', language: 'en', categoryId: category.other, extra: 1 }
		});
		expect(unknown.status).toBe(400);
		expect(unknown.body.error.fields).toHaveProperty('extra');
	});

	it('counts "this solved my problem" where admins and the wall see it, and opens no ticket', async () => {
		const [{ id }] = await sql()<{ id: number }[]>`
			select id from kb_articles where title = 'Configure the badge reader'`;
		const ticketsBefore = await sql()<{ n: number }[]>`select count(*)::int as n from tickets`;
		const admin = async () =>
			(await send(page(adminHome.load), { path: '/admin', session: sessions.admin })).body.data
				.selfService;
		const before = await admin();
		const key = 'form-' + Date.now().toString(36);
		await send(suggest.GET, {
			path: `/portal/new/suggest?q=badge+reader+broken&s=${key}`,
			session: sessions.user
		});
		const r = await send(action(solved.actions.default), {
			path: '/portal/new/solved',
			session: sessions.user,
			form: { articleId: String(id), s: key, q: 'badge reader broken' }
		});
		expect(r.status).toBe(303);
		expect(r.headers.get('location')).toBe('/portal?solved=configure-the-badge-reader');
		const after = await admin();
		expect(after.deflected).toBe(before.deflected + 1);
		expect(after.rate).not.toBeNull();
		const ticketsAfter = await sql()<{ n: number }[]>`select count(*)::int as n from tickets`;
		expect(ticketsAfter[0].n).toBe(ticketsBefore[0].n);
		const [{ id: wallId }] = await sql()<{ id: number }[]>`select min(id)::int as id from walls`;
		const wall = await computeWallSnapshot(sql(), wallId, new Date(), 0);
		expect(wall!.selfService.deflected).toBe(after.deflected);
		// An internal article cannot be "the solution" for a requester.
		const { id: internal } = await runbook();
		const refused = await send(action(solved.actions.default), {
			path: '/portal/new/solved',
			session: sessions.user,
			form: { articleId: String(internal) }
		});
		expect(refused.status).toBe(404);
	});
});
