// Search at scale: `npm run bench:kb [-- --articles 10000 --tickets 100000 --runs 400]`.
//
// Fills the PostgreSQL database named by DATABASE_URL (once; left in place, re-runs reuse it)
// with articles in German and English and tickets with their conversations, then measures, for
// a mix of real queries (stemmed words, phrases, typos, other inflections):
//   1. knowledge-base search as the /kb page runs it (kb/db.ts `searchArticles`: ranked, with
//      snippets, category names and the total), against the same ranked query written by hand
//      against the same tables in one statement;
//   2. ticket search as the desk's "tickets and articles" box runs it (tickets/db.ts
//      `listTickets`, best match first, conversation and internal notes included), against the
//      same ranked query written by hand.
// Prints p50/p99 of both and the ratio. Target: p99 under 50 ms, within 1.5× of the hand-written
// query. Asserts nothing.
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { migrate } from '../../src/lib/server/db/migrate';
import * as kb from '../../src/lib/server/kb/db';
import { markdownToText } from '../../src/lib/server/kb/markdown';
import { readerScope } from '../../src/lib/server/kb/rules';
import { withWordPlans } from '../../src/lib/server/search/db';
import { letterWords, normaliseQuery } from '../../src/lib/server/search/query';
import { ensureDefaults } from '../../src/lib/server/seed/defaults';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { DEMO_ARTICLES } from '../../src/lib/server/seed/kb-articles';
import { TEMPLATES } from '../../src/lib/server/seed/demo-texts';
import { listTickets } from '../../src/lib/server/tickets/db';
import { percentiles } from './support';

process.env.LEITSTAND_SILENT ??= '1';
const { values } = parseArgs({
	options: {
		articles: { type: 'string', default: '10000' },
		tickets: { type: 'string', default: '100000' },
		runs: { type: 'string', default: '400' }
	}
});
const ARTICLES = Number(values.articles);
const TICKETS = Number(values.tickets);
const RUNS = Number(values.runs);
const url = process.env.DATABASE_URL;
if (!url) {
	console.error('bench:kb fills and measures a PostgreSQL database: set DATABASE_URL.');
	process.exit(1);
}

// What people type: single words, phrases, other inflections, English plurals, typos.
const QUERIES = [
	'vpn',
	'drucker',
	'Passwort vergessen',
	'passwörter zurücksetzen',
	'printer queues',
	'mailbox full',
	'Postfach voll',
	'mfa neues handy',
	'guest wifi',
	'gast wlan zugang',
	'teams microphone',
	'druker',
	'pasword reset',
	'dockingstation bildschirm schwarz',
	'software bestellen lizenz',
	'shared mailbox outlook',
	'vpn trennt sich',
	'laptop charging dock',
	'"clear the print queue"',
	'zertifikat gateway'
];

let seed = 7;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
const WORDS_DE = ['Standort', 'Büro', 'Homeoffice', 'Laptop', 'Version', 'Hinweis', 'Schritt'];
const WORDS_EN = ['office', 'home', 'laptop', 'version', 'note', 'step', 'site'];

async function fillArticles(db: Database, target: number) {
	const have = await kb.countArticles(db.sql);
	if (have >= target) return;
	const [{ id: author }] = await db.sql<{ id: number }[]>`
		select id from users where email = 'l1@example.com'`;
	const categories = new Map(
		(await db.sql<{ id: number; key: string }[]>`select id, key from categories`).map((c) => [
			c.key,
			c.id
		])
	);
	const started = Date.now();
	for (let n = have; n < target;) {
		const rows = [];
		for (let i = 0; i < 500 && n < target; i++, n++) {
			const demo = pick(DEMO_ARTICLES);
			const words = demo.language === 'de' ? WORDS_DE : WORDS_EN;
			const title = `${demo.title} (${pick(words)} ${n})`;
			const body = `${demo.body}\n\n${pick(words)} ${pick(words)} ${n}.`;
			rows.push({
				slug: `bench-${n}`,
				title: title.slice(0, 200),
				body,
				plain: markdownToText(body),
				language: demo.language,
				category_id: categories.get(demo.category)!,
				visibility: random() < 0.15 ? 'internal' : 'public',
				status: random() < 0.9 ? 'published' : 'draft',
				author_id: author,
				views: Math.floor(random() * 2000),
				helpful: Math.floor(random() * 100),
				unhelpful: Math.floor(random() * 10)
			});
		}
		await db.sql`insert into kb_articles ${db.sql(rows)}`;
		await kb.addTerms(db.sql, letterWords(rows.map((r) => `${r.title} ${r.plain}`).join(' ')));
	}
	console.log(
		`  ${target - have} articles written in ${((Date.now() - started) / 1000).toFixed(0)} s`
	);
}

async function fillTickets(db: Database, target: number) {
	const [{ n: have }] = await db.sql<{ n: number }[]>`select count(*)::int as n from tickets`;
	if (have >= target) return;
	const requesters = (
		await db.sql<{ id: number }[]>`select id from users where role = 'requester'`
	).map((r) => r.id);
	const agents = (await db.sql<{ id: number }[]>`select id from users where role = 'agent'`).map(
		(r) => r.id
	);
	const [{ id: group }] = await db.sql<{ id: number }[]>`
		select id from groups where name = 'Service Desk'`;
	const categories = new Map(
		(await db.sql<{ id: number; key: string }[]>`select id, key from categories`).map((c) => [
			c.key,
			c.id
		])
	);
	const fill = (text: string) =>
		text.replace(/\{[a-z]+\}/g, () => pick(['Montag', 'Anna', 'Berlin', 'T14s']));
	const started = Date.now();
	const DAY = 86_400_000;
	for (let n = have; n < target;) {
		const tickets: Array<Record<string, unknown> & { requester_id: number; assignee_id: number }> =
			[];
		const stories: Array<(typeof TEMPLATES)[number]['en']> = [];
		for (let i = 0; i < 1000 && n < target; i++, n++) {
			const template = pick(TEMPLATES);
			const story = random() < 0.5 ? template.de : template.en;
			const at = new Date(Date.now() - random() * 365 * DAY);
			const open = random() < 0.3;
			tickets.push({
				requester_id: pick(requesters),
				title: fill(pick(story.titles)).slice(0, 200),
				body: fill(story.body),
				category_id: categories.get(template.category)!,
				urgency: 2,
				impact: 2,
				priority: 3,
				status: open ? 'open' : 'closed',
				level: 1,
				group_id: group,
				assignee_id: pick(agents),
				created_at: at,
				updated_at: at,
				resolved_at: open ? null : at,
				closed_at: open ? null : at
			});
			stories.push(story);
		}
		await db.sql.begin(async (tx) => {
			const ids = await tx<{ id: number }[]>`insert into tickets ${tx(tickets)} returning id`;
			const comments = ids.flatMap(({ id }, i) => [
				{
					ticket_id: id,
					author_id: tickets[i].assignee_id,
					body: fill(stories[i].ask),
					internal: false
				},
				{
					ticket_id: id,
					author_id: tickets[i].requester_id,
					body: fill(stories[i].answer),
					internal: false
				},
				{
					ticket_id: id,
					author_id: tickets[i].assignee_id,
					body: fill(stories[i].fix),
					internal: random() < 0.2
				}
			]);
			await tx`insert into ticket_comments ${tx(comments)}`;
		});
	}
	console.log(
		`  ${target - have} tickets written in ${((Date.now() - started) / 1000).toFixed(0)} s`
	);
}

/** The article search of kb/db.ts, written out by hand as one statement (the baseline). */
const MATCH_DE = `(a.language = 'de' and a.search @@ websearch_to_tsquery('german', $1))`;
const MATCH_EN = `(a.language = 'en' and a.search @@ websearch_to_tsquery('english', $1))`;
const TSQ_A = `case a.language when 'de' then websearch_to_tsquery('german', $1)
	else websearch_to_tsquery('english', $1) end`;
const HAND_ARTICLES = `
	with hits as (
		select id, matched, score, votes, count(*) over () as total
		from (
			select a.id, ${MATCH_DE} or ${MATCH_EN} as matched,
				case when ${MATCH_DE} or ${MATCH_EN} then ts_rank(a.search, ${TSQ_A}, 1)
					else 0.1 * word_similarity($1, a.title) end as score,
				a.helpful - a.unhelpful as votes
			from kb_articles a
			where a.status = 'published' and a.visibility = 'public'
				and (${MATCH_DE} or ${MATCH_EN} or $1 <% a.title)
			offset 0
		) m
		order by matched desc, score desc, votes desc, id
		limit 20
	)
	select a.id, a.slug, a.title, c.name_de, h.total,
		ts_headline(case a.language when 'de' then 'german'::regconfig else 'english'::regconfig end,
			a.plain, ${TSQ_A}, 'MaxWords=32, MinWords=14, MaxFragments=2') as excerpt
	from hits h join kb_articles a on a.id = h.id join categories c on c.id = a.category_id
	order by h.matched desc, h.score desc, h.votes desc, a.id`;

/** The desk's ranked ticket search, written out by hand (the baseline). */
const TSQ = `(websearch_to_tsquery('german', $1) || websearch_to_tsquery('english', $1))`;
const HAND_TICKETS = `
	with bound as (
		select coalesce(max(id), 0) - 5000 as floor from tickets
	), recent as (
		(select id from tickets where id > (select floor from bound) and search @@ ${TSQ}
			order by id desc limit 200)
		union
		(select ticket_id from ticket_comments
			where ticket_id > (select floor from bound) and search @@ ${TSQ}
			group by ticket_id order by ticket_id desc limit 200)
	), found as (
		select id from recent
		union
		(select id from tickets where (select count(*) from recent) < 200
				and id <= (select floor from bound) and search @@ ${TSQ}
			order by id + 0 desc limit 200)
		union
		(select ticket_id from ticket_comments where (select count(*) from recent) < 200
				and ticket_id <= (select floor from bound) and search @@ ${TSQ}
			group by ticket_id order by ticket_id + 0 desc limit 200)
	), candidates as (
		select id from found
		union
		(select id from tickets where (select count(*) from found) < 200 and $1 <% title
			order by id + 0 desc limit 200)
	)
	select t.id, t.title, t.status, t.priority, t.level, t.version, t.created_at, t.updated_at,
		c.id as category_id, c.key as category_key, c.name_de as category_name,
		g.id as group_id, g.name as group_name, g.level as group_level,
		a.id as assignee_id, a.name as assignee_name, r.id as requester_id, r.name as requester_name,
		t.sla_due_at, t.sla_state
	from tickets t
	join categories c on c.id = t.category_id
	join groups g on g.id = t.group_id
	join users r on r.id = t.requester_id
	left join users a on a.id = t.assignee_id
	where t.id in (select id from candidates order by id desc limit 200)
	order by ts_rank(t.search, ${TSQ}, 1) + 0.1 * word_similarity($1, t.title)
		+ 0.5 * coalesce((select max(ts_rank(k.search, ${TSQ}, 1)) from ticket_comments k
			where k.ticket_id = t.id and k.search @@ ${TSQ}), 0) desc, t.id desc
	limit 20`;

async function measure(label: string, run: (q: string) => Promise<unknown>) {
	for (const q of QUERIES) await run(q); // warm up: plans, caches
	const samples: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const q = QUERIES[i % QUERIES.length];
		const started = performance.now();
		await run(q);
		samples.push(performance.now() - started);
	}
	const p = percentiles(samples);
	console.log(
		`  ${label.padEnd(44)} p50 ${p.p50.toFixed(1).padStart(6)} ms   p99 ${p.p99.toFixed(1).padStart(6)} ms   (n=${p.n})`
	);
	return p;
}

async function main() {
	console.log(
		`bench:kb — ${ARTICLES} articles, ${TICKETS} tickets, ${RUNS} queries each, ${cpus().length} cores, load ${loadavg()[0].toFixed(2)}`
	);
	const db = await openDatabase({ databaseUrl: url, dataDir: '', poolMax: 2 });
	try {
		await migrate(db.sql, join(process.cwd(), 'sql'));
		await ensureDefaults(db);
		await seedDemo(db);
		console.log('filling (once; later runs reuse the data)…');
		await fillArticles(db, ARTICLES);
		await fillTickets(db, TICKETS);
		await db.sql`vacuum analyze kb_articles`;
		await db.sql`vacuum analyze kb_terms`;
		await db.sql`vacuum analyze tickets`;
		await db.sql`vacuum analyze ticket_comments`;
		const [counts] = await db.sql<{ articles: number; tickets: number; comments: number }[]>`
			select (select count(*)::int from kb_articles) as articles,
				(select count(*)::int from tickets) as tickets,
				(select count(*)::int from ticket_comments) as comments`;
		console.log(
			`  ${counts.articles} articles, ${counts.tickets} tickets, ${counts.comments} comments\n`
		);

		console.log('knowledge-base search (ranked, snippets, total):');
		const scope = readerScope(null);
		// Both sides plan each statement for its words (withWordPlans), as the app runs searches.
		const app = await measure('Leitstand searchArticles (kb/db.ts)', (q) =>
			withWordPlans(db.sql, (tx) =>
				kb.searchArticles(tx, { query: normaliseQuery(q), mode: 'all', scope, limit: 20 }, 'de')
			)
		);
		const hand = await measure('hand-written SQL, same tables', (q) =>
			withWordPlans(db.sql, (tx) => tx.unsafe(HAND_ARTICLES, [q], { prepare: true }))
		);
		console.log(
			`  ratio p50 ${(app.p50 / hand.p50).toFixed(2)}×, p99 ${(app.p99 / hand.p99).toFixed(2)}×\n`
		);

		console.log('ticket search (desk: best match first, conversation included):');
		const appT = await measure('Leitstand listTickets (tickets/db.ts)', (q) =>
			withWordPlans(db.sql, (tx) =>
				listTickets(tx, { search: q, searchInternal: true, sort: 'relevance', limit: 20 }, 'de')
			)
		);
		const handT = await measure('hand-written SQL, same tables', (q) =>
			withWordPlans(db.sql, (tx) => tx.unsafe(HAND_TICKETS, [q], { prepare: true }))
		);
		console.log(
			`  ratio p50 ${(appT.p50 / handT.p50).toFixed(2)}×, p99 ${(appT.p99 / handT.p99).toFixed(2)}×`
		);
		await measure('desk queue search (active, SLA order)', (q) =>
			listTickets(
				db.sql,
				{
					search: q,
					searchInternal: true,
					statuses: ['new', 'open', 'pending', 'on_hold'],
					limit: 101
				},
				'de'
			)
		);
	} finally {
		await db.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
