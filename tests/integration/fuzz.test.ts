// Property-based tests (fast-check) over every API endpoint, every form action and every page
// load, read from src/routes at test time (a route without a fuzz target fails the first test):
// random and malicious input (wrong types, missing and extra fields, huge strings, numbers past
// 2^31, negative and NaN-like numbers, NUL and other control characters, bidi overrides, HTML and
// script, nested JSON, arrays for objects, files for fields, any Unicode, random query strings and
// path numbers), each case a plausible input with 0–4 mutations, sent by a user who may use the
// route, through the real `handle` chain, on the database under test. Properties of every answer:
//   1. never a 5xx (nor an exception out of the route);
//   2. under /api/, every answer that is not 2xx has the one error shape with a code the README
//      documents; a refused form action says why (a message);
//   3. nothing half-written: when a request is refused, no table it could write changed;
//   4. redirects stay on this site.
// The run is seeded: FUZZ_SEED (default below, in the test names) and FUZZ_RUNS (cases per route).
// A failure prints the shrunk input, the seed and fast-check's path to replay it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KIND, startTestApp, type TestApp } from './harness';
import { action, ORIGIN, send, type Answer, type Call, type Route } from './requests';
import { address, discoverRoutes, logIn, pageRoute } from './routes';

const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
/** Cases per route (FUZZ_RUNS); routes with little to vary (`runs` below) get a share of it. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 80);
const BASE_RUNS = 40;
/** A route's run (a failing one: its shrinking) stops after this long, with what it found. */
const TIME_LIMIT_MS = 30_000;

/** The API's error codes, read from README › REST API › Errors (so the two cannot drift). */
const KNOWN_CODES = (() => {
	const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
	const paragraph = /\*\*Errors\*\* always look like[\s\S]*?\n\n/.exec(readme)?.[0] ?? '';
	const codes = [...paragraph.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]);
	if (codes.length < 10) throw new Error('README › REST API › Errors: the codes were not found');
	return codes;
})();

const routes = await discoverRoutes();

// ─────────────────────────── building blocks ───────────────────────────

const CONTROLS = [
	'\u0000',
	'\u0001',
	'\u0007',
	'\b',
	'\t',
	'\n',
	'\u000b',
	'\f',
	'\r',
	'\u001b[31m',
	'\u007f',
	'\u0085',
	'\u009b',
	'\u2028',
	'\u2029',
	'\ufeff',
	'\u200b'
];
const BIDI = [
	'\u202a',
	'\u202b',
	'\u202c',
	'\u202d',
	'\u202e',
	'\u2066',
	'\u2067',
	'\u2068',
	'\u2069',
	'\u200e',
	'\u200f',
	'\u061c'
];
const MARKUP = [
	'<script>window.__xss=1</script>',
	'"><img src=x onerror=alert(1)>',
	"'><svg onload=alert(1)>",
	'javascript:alert(1)',
	'[click](javascript:alert(1))',
	'{{constructor.constructor("alert(1)")()}}',
	'${alert(1)}',
	"'; drop table tickets; --",
	"' or '1'='1",
	'%00',
	'%s%s%n',
	'\\u0000',
	'../../../../etc/passwd',
	'__proto__',
	'constructor'
];
const NUMERIC = [
	'0',
	'-1',
	'-0',
	'1.5',
	'1e3',
	'1e309',
	'2147483647',
	'2147483648',
	'-2147483649',
	'4294967296',
	'9007199254740993',
	'99999999999999999999',
	'NaN',
	'Infinity',
	'-Infinity',
	'0x1f',
	'+1',
	' 1',
	'1 ',
	'01',
	'1,2',
	'١٢',
	'𝟏',
	'１'
];
const LONE_SURROGATES = ['\ud800', '\udfff', 'x\ud83d', '\udc00y'];

const piece = fc.oneof(
	fc.constantFrom(...CONTROLS),
	fc.constantFrom(...BIDI),
	fc.constantFrom(...MARKUP),
	fc.constantFrom(...NUMERIC),
	fc.constantFrom(...LONE_SURROGATES),
	fc.string({ maxLength: 6 }),
	fc.string({ unit: 'binary', maxLength: 6 })
);
const mixed = fc.array(piece, { minLength: 1, maxLength: 5 }).map((p) => p.join(''));
/** Just under and over the usual limits, and far over them (API bodies: past 256 KB). */
const huge = fc
	.tuple(
		fc.constantFrom(101, 201, 255, 1001, 20_001, 100_000, 300_000),
		fc.constantFrom('x', 'ß', '🙂', '<b>', '\u202e', ' ')
	)
	.map(([n, c]) => c.repeat(Math.ceil(n / c.length)));
const nasty: fc.Arbitrary<string> = fc.oneof(
	{ weight: 5, arbitrary: mixed },
	{ weight: 2, arbitrary: fc.constantFrom(...MARKUP, ...NUMERIC) },
	{ weight: 1, arbitrary: fc.constantFrom('', ' ', '\u00a0', '\t\n') },
	{ weight: 1, arbitrary: huge }
);
const nastyKey = fc.oneof(
	fc.string({ maxLength: 12 }),
	fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'x-sveltekit-action', '')
);
const jsonNumber = fc.oneof(
	fc.constantFrom(0, -1, 1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, 1e308),
	fc.constantFrom(-0, 0.5, 1.5, 1e-7, Number.NaN, Number.POSITIVE_INFINITY),
	fc.integer(),
	fc.double()
);
const jsonNasty: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 4, arbitrary: nasty },
	{ weight: 3, arbitrary: jsonNumber },
	{ weight: 1, arbitrary: fc.constantFrom(true, false, null) },
	{ weight: 1, arbitrary: fc.array(fc.oneof(mixed, jsonNumber), { maxLength: 3 }) },
	{ weight: 1, arbitrary: fc.object({ maxDepth: 2, maxKeys: 3 }) }
);

/** A form field: its plausible values (cases then replace some by nasty ones, see `mutated`). */
const field = (...plausible: fc.Arbitrary<string>[]) =>
	plausible.length === 0 ? nasty : fc.oneof(...plausible);
/** A repeated form field (checkbox lists). */
const list = (...plausible: fc.Arbitrary<string>[]) =>
	fc.array(field(...plausible), { maxLength: 4 });
/** A JSON field's plausible values. */
const jfield = (...plausible: fc.Arbitrary<unknown>[]) => fc.oneof(...plausible);

/**
 * A plausible input with 0–4 mutations: a field set to a nasty value, a field left out, an
 * unknown field added. No mutation exercises the route's success path; one, each check on its
 * own; several, whatever comes first.
 */
function mutated<V>(
	fields: Record<string, fc.Arbitrary<V>>,
	bad: fc.Arbitrary<unknown>
): fc.Arbitrary<Record<string, unknown>> {
	const keys = Object.keys(fields);
	const key = keys.length > 0 ? fc.oneof(fc.constantFrom(...keys), nastyKey) : nastyKey;
	const mutation = fc.oneof(
		{ weight: 3, arbitrary: fc.record({ op: fc.constant('set' as const), key, value: bad }) },
		{ weight: 1, arbitrary: fc.record({ op: fc.constant('drop' as const), key, value: bad }) },
		{ weight: 1, arbitrary: fc.record({ op: fc.constant('list' as const), key, value: bad }) }
	);
	return fc
		.tuple(fc.record(fields), fc.array(mutation, { maxLength: 4 }))
		.map(([plausible, mutations]) => {
			const out: Record<string, unknown> = { ...plausible };
			for (const { op, key: k, value } of mutations) {
				if (op === 'drop') delete out[k];
				else if (op === 'list') out[k] = [value, value];
				else out[k] = value;
			}
			return out;
		});
}
const ids = (values: number[]) => fc.constantFrom(...values.map(String));
/** A name no earlier case used (most of the time). */
const unique = (prefix: string, suffix = '') =>
	fc.nat({ max: 1_000_000 }).map((n) => `${prefix}${n}${suffix}`);

/** Replaced, just before sending, by the current version of the ticket addressed. */
const CURRENT = '<<current version>>';
/** Replaced, just before sending, by the current version of the incident addressed. */
const CURRENT_INCIDENT = '<<current incident version>>';

const RAW_BODIES: Array<string | Uint8Array> = [
	'',
	' ',
	'null',
	'true',
	'1',
	'"x"',
	'[]',
	'[{}]',
	'{',
	'{"a":1,}',
	"{'a':1}",
	'\ufeff{}',
	'NaN',
	'{"a":NaN}',
	'{"title":"a","title":"b"}',
	'{"__proto__":{"isAdmin":true,"role":"admin"}}',
	'{"constructor":{"prototype":{"role":"admin"}}}',
	'{"version":1e400,"categoryId":99999999999999999999}',
	'{"title":"\\u0000","body":"\\ud800"}',
	'\u0000',
	new Uint8Array([0xff, 0xfe, 0x7b, 0x7d]),
	new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])
];
const CONTENT_TYPES = [
	'application/json; charset=utf-8',
	'application/merge-patch+json',
	'APPLICATION/JSON',
	'application/json; charset=latin1',
	'text/plain',
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	''
];

// ─────────────────────────── the app and its people ───────────────────────────

type Actor = 'anonymous' | 'owner' | 'other' | 'agent' | 'lead' | 'admin';
const EMAIL: Record<Exclude<Actor, 'anonymous'>, string> = {
	owner: 'user@example.com',
	other: 'user2@example.com',
	agent: 'l1@example.com',
	lead: 'lead@example.com',
	admin: 'admin@example.com'
};
const PASSWORD = 'leitstand-demo';
const FUZZ_LOGIN = { email: 'fuzz-login@example.com', password: 'a fuzzing password 123' };

let t: TestApp;
const session = {} as Record<Actor, string>;
const apiToken = {} as Record<Actor, string>;
const userId = {} as Record<Actor, number>;
/** Rows the fuzz may change or remove without touching the people it runs as. */
const pool = {
	tickets: [] as number[],
	categories: [] as number[],
	groups: [] as number[],
	/** Group ids by level (index 1, 2, 3). */
	levels: [[], [], [], []] as number[][],
	calendars: [] as number[],
	policies: [] as number[],
	staff: [] as number[],
	victims: [] as number[],
	apiTokens: [] as number[],
	walls: [] as number[],
	wallTokens: [] as number[],
	rules: [] as number[],
	/** Knowledge-base articles (every status), and the slugs of the published public ones. */
	articles: [] as number[],
	slugs: [] as string[],
	/** Incidents (active ones and a maintenance), components (and their groups), templates. */
	incidents: [] as number[],
	components: [] as number[],
	componentGroups: [] as number[],
	templates: [] as number[]
};
let addresses = 0;
const nextAddress = () => `10.88.${Math.floor(addresses / 250) % 250}.${(addresses++ % 250) + 1}`;

const sql = () => t.ctx.db.sql;
const column = async (query: string) =>
	(await sql().unsafe<{ id: number }[]>(query)).map((r) => Number(r.id));

function endpoint(key: string): Route {
	const route = routes.endpoints.get(key);
	if (!route) throw new Error(`no ${key} on disk`);
	return route;
}
function formAction(key: string): Route {
	const run = routes.actions.get(key);
	if (!run) throw new Error(`no ${key} on disk`);
	return action(run);
}

beforeAll(async () => {
	t = await startTestApp({ demo: true });
	for (const actor of Object.keys(EMAIL) as Array<keyof typeof EMAIL>) {
		session[actor] = await logIn(routes, EMAIL[actor], PASSWORD, nextAddress());
		const me = await send(endpoint('GET /api/me'), { path: '/api/me', session: session[actor] });
		userId[actor] = me.body.user.id;
	}
	const admin = { session: session.admin };
	const createToken = formAction('action /admin/tokens create');
	for (const actor of Object.keys(EMAIL) as Array<keyof typeof EMAIL>) {
		const r = await send(createToken, {
			path: '/admin/tokens?/create',
			...admin,
			form: { userId: String(userId[actor]), name: `fuzz ${actor}` }
		});
		apiToken[actor] = r.body.data.token;
	}
	// People the user forms may change: three agents and the account for the login form.
	const createUser = formAction('action /admin/users create');
	const people = [
		...[1, 2, 3].map((i) => ({ email: `fuzz-victim-${i}@example.com`, role: 'agent' })),
		{ email: FUZZ_LOGIN.email, role: 'requester' }
	];
	for (const { email, role } of people) {
		const r = await send(createUser, {
			path: '/admin/users?/create',
			...admin,
			form: { name: 'Fuzz Person', email, role, password: FUZZ_LOGIN.password }
		});
		expect(r.status, r.text).toBe(200);
	}
	pool.victims = await column(`select id from users where email like 'fuzz-victim-%'`);
	pool.categories = await column('select id from categories order by id');
	pool.groups = await column('select id from groups order by id');
	for (const level of [1, 2, 3]) {
		pool.levels[level] = await column(`select id from groups where level = ${level} order by id`);
	}
	pool.calendars = await column('select id from business_calendars order by id');
	pool.policies = await column('select id from sla_policies order by id');
	pool.staff = await column(
		`select id from users where role in ('agent', 'lead') and email not like 'fuzz-%'`
	);
	for (let i = 0; i < 6; i++) {
		const r = await send(endpoint('POST /api/tickets'), {
			path: '/api/tickets',
			token: apiToken.owner,
			json: {
				title: `Fuzz ticket ${i}`,
				body: 'A ticket for the fuzz to work on.',
				categoryId: pool.categories[i % pool.categories.length],
				urgency: 2,
				impact: 2
			}
		});
		expect(r.status, r.text).toBe(201);
		pool.tickets.push(r.body.number);
	}
	for (let i = 0; i < 8; i++) {
		await sql()`insert into api_tokens (user_id, name, token_hash, prefix)
			values (${pool.victims[0]}, 'fuzz scratch', ${`fuzz-scratch-${i}`}, 'lst_fzz')`;
		await sql()`insert into walls (name) values (${`Fuzz wall ${i}`})`;
		await sql()`insert into escalation_rules (name, trigger) values (${`Fuzz rule ${i}`}, 'breach')`;
	}
	pool.apiTokens = await column(`select id from api_tokens where name = 'fuzz scratch'`);
	pool.walls = await column(`select id from walls where name like 'Fuzz wall %'`);
	pool.rules = await column(`select id from escalation_rules where name like 'Fuzz rule %'`);
	for (const [i, wall] of pool.walls.entries()) {
		await sql()`insert into wall_tokens (wall_id, name, token_hash, prefix)
			values (${wall}, 'fuzz scratch', ${`fuzz-wall-scratch-${i}`}, 'lsw_fzz')`;
	}
	pool.wallTokens = await column(`select id from wall_tokens where name = 'fuzz scratch'`);
	// Drafts the article forms may change and delete, beside the demo's published articles.
	for (let i = 0; i < 6; i++) {
		const r = await send(endpoint('POST /api/kb/articles'), {
			path: '/api/kb/articles',
			token: apiToken.agent,
			json: {
				title: `Fuzz article ${i}`,
				body: 'Restart the **printer**, then print again.',
				language: i % 2 ? 'en' : 'de',
				categoryId: pool.categories[i % pool.categories.length],
				visibility: i % 3 ? 'public' : 'internal'
			}
		});
		expect(r.status, r.text).toBe(201);
	}
	pool.articles = await column('select id from kb_articles order by id');
	pool.slugs = (
		await sql()<{ slug: string }[]>`
			select slug from kb_articles where status = 'published' order by id`
	).map((r) => r.slug);
	for (let i = 0; i < 3; i++) {
		await sql()`insert into components (name, is_group) values (${`Fuzz group ${i}`}, true)`;
	}
	pool.componentGroups = await column(`select id from components where name like 'Fuzz group %'`);
	for (let i = 0; i < 8; i++) {
		await sql()`insert into components (name, group_id)
			values (${`Fuzz component ${i}`}, ${pool.componentGroups[i % 3]})`;
		await sql()`insert into incident_templates (name, purpose, status, body_en, body_de)
			values (${`Fuzz template ${i}`}, 'incident', 'identified', 'Found it.', 'Gefunden.')`;
	}
	pool.components = await column(`select id from components where name like 'Fuzz component %'`);
	pool.templates = await column(`select id from incident_templates where name like 'Fuzz %'`);
	for (let i = 0; i < 4; i++) {
		const r = await send(endpoint('POST /api/incidents'), {
			path: '/api/incidents',
			token: apiToken.agent,
			json: {
				title: `Fuzz incident ${i}`,
				impact: 'minor',
				components: [{ id: pool.components[i], status: 'partial_outage' }],
				bodyEn: 'Fuzzing.'
			}
		});
		expect(r.status, r.text).toBe(201);
		pool.incidents.push(r.body.id);
	}
}, 120_000);
afterAll(() => t?.stop());

// ─────────────────────────── nothing half-written ───────────────────────────

/** Tables compared whole (small, and not touched by reads). */
const HASHED = [
	'tickets',
	'sla_clocks',
	'ticket_links',
	'users',
	'groups',
	'group_members',
	'categories',
	'business_calendars',
	'sla_policies',
	'sla_targets',
	'escalation_rules',
	'settings',
	'walls',
	'incidents',
	'components',
	'incident_components',
	'incident_templates'
];
/** Tables compared by their number of rows (append-only, or with columns reads update). */
const COUNTED = [
	'ticket_comments',
	'events',
	'outbox',
	'api_tokens',
	'wall_tokens',
	'signup_requests',
	'job_problems',
	'kb_articles',
	'kb_article_revisions',
	'kb_votes',
	'kb_searches',
	'incident_updates',
	'incident_notes',
	'incident_affected',
	'component_status_history'
];
const FINGERPRINT = `select ${[
	...HASHED.map(
		(table) =>
			`(select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) from ${table} x) as "${table}"`
	),
	...COUNTED.map((table) => `(select count(*)::int from ${table}) as "${table} rows"`),
	`(select count(*)::int from api_tokens where revoked_at is not null) as "api_tokens revoked"`,
	`(select count(*)::int from wall_tokens where revoked_at is not null) as "wall_tokens revoked"`
].join(', ')}`;

async function fingerprint(): Promise<Record<string, string | number>> {
	const [row] = await sql().unsafe<Record<string, string | number>[]>(FINGERPRINT);
	return { ...row };
}

// ─────────────────────────── cases ───────────────────────────

interface Case {
	actor: Actor | 'bogus-token';
	/** How an API request authenticates. */
	via: 'session' | 'token';
	number?: string;
	rest?: string;
	/** Other path parameters (`slug`, `id`, `article`). */
	params?: Record<string, string>;
	query: Array<[string, string]>;
	/** Form fields (a list field repeats its name). */
	form?: Record<string, string | string[]>;
	multipart?: boolean;
	/** Multipart only: fields sent as files (field name, file name). */
	files?: Array<[string, string]>;
	/** A JSON body: a value to serialise, or raw bytes. */
	json?: { value: unknown } | { raw: string | Uint8Array };
	contentType?: string;
	method?: string;
	address?: string;
}

interface Target {
	kind: 'form' | 'api' | 'plain' | 'page';
	case: fc.Arbitrary<Case>;
	runs?: number;
}

const ticketParam = () =>
	fc.oneof(
		{ weight: 8, arbitrary: ids(pool.tickets) },
		{ weight: 2, arbitrary: fc.constantFrom(...NUMERIC, 'abc', '', '1001abc', '%00', '../1') }
	);

/** A query string: known parameters with plausible or nasty values, repeated ones, others. */
function query(known: Record<string, fc.Arbitrary<string>> = {}) {
	const names = Object.keys(known);
	const pair =
		names.length > 0
			? fc.oneof(
					fc
						.constantFrom(...names)
						.chain((k) => field(known[k]).map((v): [string, string] => [k, v])),
					fc.tuple(nastyKey, nasty)
				)
			: fc.tuple(nastyKey, nasty);
	return fc.array(pair, { maxLength: names.length > 0 ? 4 : 2 });
}

function formCase(
	actors: Actor[],
	fields: Record<string, fc.Arbitrary<string | string[]>>,
	options: { ticket?: boolean; query?: Record<string, fc.Arbitrary<string>> } = {}
): fc.Arbitrary<Case> {
	return fc.record({
		actor: fc.constantFrom(...actors),
		via: fc.constant('session' as const),
		number: options.ticket ? ticketParam() : fc.constant(undefined),
		query: options.query ? query(options.query) : fc.constant([]),
		form: mutated(fields, nasty) as fc.Arbitrary<Record<string, string | string[]>>,
		multipart: fc.boolean(),
		files: fc.array(
			fc.tuple(fc.oneof(fc.constantFrom(...Object.keys(fields), 'x'), nastyKey), nasty),
			{ maxLength: 1 }
		),
		address: fc.constant(undefined)
	});
}

function apiCase(
	actors: Actor[],
	body: Record<string, fc.Arbitrary<unknown>> | null,
	options: { ticket?: boolean; query?: Record<string, fc.Arbitrary<string>>; method?: string } = {}
): fc.Arbitrary<Case> {
	const json = body
		? fc.oneof(
				{
					weight: 8,
					arbitrary: mutated(body, jsonNasty).map((value) => ({ value }))
				},
				{ weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ value })) },
				{ weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES).map((raw) => ({ raw })) }
			)
		: fc.constant(undefined);
	return fc.record({
		actor: fc.oneof(
			{ weight: 9, arbitrary: fc.constantFrom(...actors) },
			{ weight: 1, arbitrary: fc.constant('bogus-token' as const) }
		),
		via: fc.constantFrom('session' as const, 'token' as const),
		number: options.ticket ? ticketParam() : fc.constant(undefined),
		rest: fc.constant(undefined),
		query: query(options.query ?? {}),
		json,
		contentType: fc.oneof(
			{ weight: 8, arbitrary: fc.constant('application/json') },
			{ weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) }
		),
		method: fc.constant(options.method),
		address: fc.constant(undefined)
	});
}

const STATUSES = ['new', 'open', 'pending', 'on_hold', 'resolved', 'closed'];
const text = (...values: string[]) => fc.constantFrom(...values);
const digits = (min: number, max: number) => fc.integer({ min, max }).map(String);
const num = (min: number, max: number) => fc.integer({ min, max });
const STAFF_ACTORS: Actor[] = ['agent', 'lead', 'admin'];
const EVERYONE: Actor[] = ['owner', 'agent', 'lead', 'admin'];

/** Every action and endpoint with what its authorised users may send it. */
const TARGETS: Record<string, () => Target> = {
	// Admin forms (as the admin).
	'action /admin/calendars save': () => calendarForm(),
	'action /admin/calendars holidays': () => calendarForm(),
	'action /admin/escalation save': () => ({
		kind: 'form',
		case: formCase(['admin'], {
			id: field(ids(pool.rules)),
			name: field(text('Night watch')),
			trigger: field(text('warning', 'breach')),
			metric: field(text('first_response', 'resolution', '')),
			priorities: list(digits(1, 4)),
			groupIds: list(ids(pool.groups)),
			escalate: field(text('on')),
			notifyLead: field(text('on')),
			active: field(text('on'))
		})
	}),
	'action /admin/escalation delete': () => ({
		kind: 'form',
		case: formCase(['admin'], { id: field(ids(pool.rules)) })
	}),
	'action /admin/groups save': () => ({
		kind: 'form',
		case: formCase(['admin'], {
			id: field(ids(pool.groups)),
			name: field(unique('Fuzz group '), text('Network')),
			level: field(digits(1, 3)),
			area: field(text('network', 'general')),
			autoAssign: field(text('on')),
			capacity: field(digits(0, 50)),
			leadId: field(ids(pool.staff)),
			memberIds: list(ids(pool.staff))
		})
	}),
	'action /admin/routing save': () => ({
		kind: 'form',
		case: formCase(['admin'], {
			id: field(ids(pool.categories)),
			key: field(unique('fuzz-'), text('network')),
			nameEn: field(text('Fuzz')),
			nameDe: field(text('Fuzz')),
			groupId: field(ids(pool.levels[1])),
			level2GroupId: field(ids(pool.levels[2]), text('')),
			level3GroupId: field(ids(pool.levels[3]), text('')),
			active: field(text('on')),
			sortOrder: field(digits(0, 100))
		})
	}),
	'action /admin/settings save': () => ({
		kind: 'form',
		case: formCase(['admin'], {
			reopenDays: field(digits(1, 30)),
			autoCloseDays: field(digits(1, 30))
		})
	}),
	'action /admin/sla save': () => ({
		kind: 'form',
		case: formCase(['admin'], {
			policyId: field(ids(pool.policies)),
			warnPercent: field(digits(1, 99)),
			...Object.fromEntries(
				[1, 2, 3, 4].flatMap((p) => [
					[`firstResponse.${p}`, field(text('30', '1h', '2d', '0', '90 min'))],
					[`resolution.${p}`, field(text('4h', '3d', '1d', '5'))],
					[`calendar.${p}`, field(ids(pool.calendars))]
				])
			)
		})
	}),
	'action /admin/tokens create': () => ({
		kind: 'form',
		case: formCase(['admin'], {
			userId: field(ids(pool.victims)),
			name: field(text('script'))
		})
	}),
	'action /admin/tokens revoke': () => ({
		kind: 'form',
		case: formCase(['admin'], { id: field(ids(pool.apiTokens)) })
	}),
	'action /admin/webhooks create': () => ({
		kind: 'form',
		case: formCase(['admin'], {
			url: field(text('https://hooks.example.com/a', 'ftp://x', 'javascript:alert(1)', '')),
			language: field(text('en', 'de', 'xx')),
			componentIds: list(digits(1, 5))
		})
	}),
	'action /admin/webhooks delete': () => ({
		kind: 'form',
		case: formCase(['admin'], { id: field(digits(1, 50)) })
	}),
	'action /admin/users create': () => ({
		kind: 'form',
		case: formCase(['admin'], {
			name: field(text('Fuzz Person')),
			email: field(unique('fuzz-new-', '@example.com'), text('user@example.com', 'a@b')),
			role: field(text('requester', 'agent', 'lead', 'admin')),
			password: field(text('a long enough password', 'short')),
			groupIds: list(ids(pool.groups))
		})
	}),
	'action /admin/users role': () => ({
		kind: 'form',
		case: formCase(['admin'], {
			id: field(ids(pool.victims)),
			role: field(text('requester', 'agent', 'lead', 'admin'))
		})
	}),
	'action /admin/users active': () => ({
		kind: 'form',
		case: formCase(['admin'], { id: field(ids(pool.victims)), active: field(text('on')) })
	}),
	'action /admin/users groups': () => ({
		kind: 'form',
		case: formCase(['admin'], { id: field(ids(pool.victims)), groupIds: list(ids(pool.groups)) })
	}),

	// The desk (as staff), on the fuzz tickets.
	'action /desk/tickets/[number] claim': () => deskForm({ version: versionField() }),
	'action /desk/tickets/[number] update': () =>
		deskForm({
			version: versionField(),
			status: field(text(...STATUSES)),
			priority: field(digits(1, 4)),
			categoryId: field(ids(pool.categories)),
			assigneeId: field(ids(pool.staff), text(''))
		}),
	'action /desk/tickets/[number] comment': () =>
		deskForm({
			body: field(text('Looking into it.')),
			mode: field(text('reply', 'note')),
			status: field(text(...STATUSES)),
			version: versionField(),
			seen: field(text('{}', '{"version":1}'))
		}),
	'action /desk/tickets/[number] escalate': () => deskMove(),
	'action /desk/tickets/[number] handBack': () => deskMove(),
	'action /desk/tickets/[number] notifyLead': () =>
		deskForm({ reason: field(text('Customer is waiting.')) }),
	'action /desk/tickets/[number] link': () => deskForm({ related: field(ids(pool.tickets)) }),
	'action /desk/tickets/[number] merge': () =>
		deskForm({
			into: field(ids(pool.tickets)),
			confirm: field(text('yes')),
			version: versionField()
		}),

	// Sign-in and sign-up (anonymous; the login form also with the right password).
	'action /login default': () => ({
		kind: 'form',
		case: formCase(
			['anonymous'],
			{ email: field(text(FUZZ_LOGIN.email)), password: field(text(FUZZ_LOGIN.password)) },
			{
				query: {
					redirectTo: fc.constantFrom('/portal', '/desk?x=1', '//evil.example', '/ü', '/🙂')
				}
			}
		).chain((c) => fc.ipV4().map((ip) => ({ ...c, address: ip })))
	}),
	'action /logout default': () => ({ kind: 'form', case: formCase(['anonymous'], {}), runs: 5 }),
	'action /signup default': () => ({
		kind: 'form',
		case: formCase(['anonymous'], {
			name: field(text('New Person')),
			email: field(text('someone@example.com', 'user@example.com', 'x@elsewhere.org'))
		}).chain((c) => fc.ipV4().map((ip) => ({ ...c, address: ip })))
	}),
	'action /signup/confirm default': () => ({
		kind: 'form',
		case: formCase(
			['anonymous'],
			{ name: field(text('New Person')), password: field(text('a long enough password')) },
			{ query: { token: text('abc', 'lss_aaaaaaaa') } }
		)
	}),

	// The portal (as the owner of the fuzz tickets) and the settings page.
	'action /portal/new default': () => ({
		kind: 'form',
		case: formCase(['owner', 'agent'], {
			title: field(text('Printer jam')),
			body: field(text('It does not print.')),
			categoryId: field(ids(pool.categories)),
			urgency: field(digits(1, 3)),
			impact: field(digits(1, 3))
		})
	}),
	'action /portal/tickets/[number] reply': () => ({
		kind: 'form',
		case: formCase(['owner'], { message: field(text('Any news?')) }, { ticket: true })
	}),
	'action /portal/tickets/[number] confirm': () => ({
		kind: 'form',
		case: formCase(['owner'], {}, { ticket: true })
	}),
	'action /portal/tickets/[number] reopen': () => ({
		kind: 'form',
		case: formCase(['owner'], { reason: field(text('Still broken.')) }, { ticket: true })
	}),
	'action /settings default': () => ({
		kind: 'form',
		case: formCase(['owner', 'agent'], { locale: field(text('en', 'de', '')) })
	}),

	// Wall management (as the lead).
	'action /wall/manage create': () => ({
		kind: 'form',
		case: formCase(['lead'], {
			name: field(unique('Fuzz screen ')),
			groupIds: list(ids(pool.groups))
		})
	}),
	'action /wall/manage save': () => ({
		kind: 'form',
		case: formCase(['lead'], {
			id: field(ids(pool.walls)),
			name: field(text('Fuzz screen')),
			groupIds: list(ids(pool.groups))
		})
	}),
	'action /wall/manage delete': () => ({
		kind: 'form',
		case: formCase(['lead'], { id: field(ids(pool.walls)) })
	}),
	'action /wall/manage token': () => ({
		kind: 'form',
		case: formCase(['lead'], { wallId: field(ids(pool.walls)), name: field(text('Hall TV')) })
	}),
	'action /wall/manage revoke': () => ({
		kind: 'form',
		case: formCase(['lead'], { id: field(ids(pool.wallTokens)) })
	}),

	// The API.
	'fallback /api/[...rest]': () => ({
		kind: 'api',
		case: apiCase(EVERYONE, {}, { method: 'GET' }).chain((c) =>
			fc
				.array(fc.oneof(nasty, fc.constantFrom('tickets', '..', '.', '1', '')), {
					minLength: 1,
					maxLength: 3
				})
				.map((segments) => ({ ...c, rest: segments.join('/') }))
		)
	}),
	'GET /api/categories': () => ({ kind: 'api', case: apiCase(EVERYONE, null), runs: 10 }),
	'fallback /api/categories': () => fallback(),
	'GET /api/me': () => ({ kind: 'api', case: apiCase(EVERYONE, null), runs: 10 }),
	'fallback /api/me': () => fallback(),
	'GET /api/openapi.json': () => ({
		kind: 'api',
		case: apiCase(['anonymous', 'owner'], null),
		runs: 5
	}),
	'fallback /api/openapi.json': () => fallback(),
	'GET /api/tickets': () => ({
		kind: 'api',
		case: apiCase(EVERYONE, null, {
			query: {
				status: text('new', 'open,pending', 'closed, resolved'),
				priority: text('1', '1,2', '4'),
				level: text('1', '2', '3'),
				groupId: ids(pool.groups),
				assignee: fc.oneof(text('me', 'none'), ids(pool.staff)),
				category: fc.oneof(text('network', 'hardware'), ids(pool.categories)),
				sla: text('at_risk', 'breached'),
				q: fc.oneof(text('vpn', 'Fuzz', '#1001'), ids(pool.tickets)),
				limit: digits(1, 200),
				cursor: text('eyJiZWZvcmUiOjEwMDV9', 'eyJiZWZvcmUiOjk5OTk5OTk5OTk5fQ', 'e30')
			}
		})
	}),
	'POST /api/tickets': () => ({
		kind: 'api',
		case: apiCase(EVERYONE, {
			title: jfield(text('VPN down')),
			body: jfield(text('Since this morning.')),
			categoryId: jfield(fc.constantFrom(...pool.categories)),
			urgency: jfield(num(1, 3)),
			impact: jfield(num(1, 3))
		})
	}),
	'fallback /api/tickets': () => fallback(),
	'GET /api/tickets/[number]': () => ({
		kind: 'api',
		case: apiCase(EVERYONE, null, { ticket: true })
	}),
	'PATCH /api/tickets/[number]': () => ({
		kind: 'api',
		case: apiCase(
			STAFF_ACTORS,
			{
				version: jfield(fc.constant(CURRENT)),
				status: jfield(text(...STATUSES)),
				priority: jfield(num(1, 4)),
				categoryId: jfield(fc.constantFrom(...pool.categories)),
				assigneeId: jfield(fc.constantFrom(...pool.staff), fc.constant(null)),
				title: jfield(text('Renamed'))
			},
			{ ticket: true }
		)
	}),
	'fallback /api/tickets/[number]': () => fallback(true),
	'POST /api/tickets/[number]/comments': () => ({
		kind: 'api',
		case: apiCase(
			EVERYONE,
			{
				body: jfield(text('Any news?')),
				internal: jfield(fc.boolean()),
				status: jfield(text(...STATUSES)),
				version: jfield(fc.constant(CURRENT))
			},
			{ ticket: true }
		)
	}),
	'fallback /api/tickets/[number]/comments': () => fallback(true),
	'POST /api/tickets/[number]/escalate': () => apiMove(),
	'fallback /api/tickets/[number]/escalate': () => fallback(true),
	'POST /api/tickets/[number]/hand-back': () => apiMove(),
	'fallback /api/tickets/[number]/hand-back': () => fallback(true),

	// Outside the API: plain endpoints, with random query strings.
	'GET /healthz': () => ({ kind: 'plain', case: apiCase(['anonymous'], null), runs: 5 }),
	'GET /metrics': () => ({ kind: 'plain', case: apiCase(['anonymous', 'admin'], null), runs: 5 }),
	'GET /readyz': () => ({ kind: 'plain', case: apiCase(['anonymous'], null), runs: 5 }),
	// The public status surface: random query strings (ignored; they cannot bypass the cache).
	'GET /api/v2/summary.json': () => ({ kind: 'api', case: apiCase(['anonymous'], null), runs: 5 }),
	'OPTIONS /api/v2/summary.json': () => ({
		kind: 'api',
		case: apiCase(['anonymous'], null),
		runs: 3
	}),
	'GET /api/v2/status.json': () => ({ kind: 'api', case: apiCase(['anonymous'], null), runs: 5 }),
	'OPTIONS /api/v2/status.json': () => ({
		kind: 'api',
		case: apiCase(['anonymous'], null),
		runs: 3
	}),
	'GET /api/v2/components.json': () => ({
		kind: 'api',
		case: apiCase(['anonymous'], null),
		runs: 5
	}),
	'OPTIONS /api/v2/components.json': () => ({
		kind: 'api',
		case: apiCase(['anonymous'], null),
		runs: 3
	}),
	'GET /api/v2/incidents.json': () => ({
		kind: 'api',
		case: apiCase(['anonymous'], null),
		runs: 5
	}),
	'OPTIONS /api/v2/incidents.json': () => ({
		kind: 'api',
		case: apiCase(['anonymous'], null),
		runs: 3
	}),
	'GET /api/v2/incidents/unresolved.json': () => ({
		kind: 'api',
		case: apiCase(['anonymous'], null),
		runs: 5
	}),
	'OPTIONS /api/v2/incidents/unresolved.json': () => ({
		kind: 'api',
		case: apiCase(['anonymous'], null),
		runs: 3
	}),
	'GET /api/v2/scheduled-maintenances.json': () => ({
		kind: 'api',
		case: apiCase(['anonymous'], null),
		runs: 5
	}),
	'OPTIONS /api/v2/scheduled-maintenances.json': () => ({
		kind: 'api',
		case: apiCase(['anonymous'], null),
		runs: 3
	}),
	'GET /api/v2/scheduled-maintenances/upcoming.json': () => ({
		kind: 'api',
		case: apiCase(['anonymous'], null),
		runs: 5
	}),
	'OPTIONS /api/v2/scheduled-maintenances/upcoming.json': () => ({
		kind: 'api',
		case: apiCase(['anonymous'], null),
		runs: 3
	}),
	'GET /api/v2/scheduled-maintenances/active.json': () => ({
		kind: 'api',
		case: apiCase(['anonymous'], null),
		runs: 5
	}),
	'OPTIONS /api/v2/scheduled-maintenances/active.json': () => ({
		kind: 'api',
		case: apiCase(['anonymous'], null),
		runs: 3
	}),
	'GET /status/feed.atom': () => ({ kind: 'plain', case: apiCase(['anonymous'], null), runs: 5 }),
	'OPTIONS /status/feed.atom': () => ({
		kind: 'plain',
		case: apiCase(['anonymous'], null),
		runs: 3
	}),
	'GET /status/feed.rss': () => ({ kind: 'plain', case: apiCase(['anonymous'], null), runs: 5 }),
	'OPTIONS /status/feed.rss': () => ({
		kind: 'plain',
		case: apiCase(['anonymous'], null),
		runs: 3
	}),

	// Pages: their loads, with random query strings (and path numbers), as a user who may see them.
	'load /': () => page(['anonymous', 'owner']),
	'load /admin': () => page(['admin']),
	'load /admin/calendars': () => page(['admin'], { id: ids(pool.calendars) }),
	'load /admin/escalation': () => page(['admin']),
	'load /admin/groups': () => page(['admin']),
	'load /admin/mail': () => page(['admin'], { status: text('pending', 'sent', 'failed') }),
	'load /admin/routing': () => page(['admin']),
	'load /admin/settings': () => page(['admin']),
	'load /admin/sla': () => page(['admin']),
	'load /admin/tokens': () => page(['admin']),
	'load /admin/webhooks': () => page(['admin']),
	'load /admin/users': () =>
		page(['admin'], { q: text('user', 'example'), role: text('agent', 'requester') }),
	'load /api/docs': () => page(['anonymous']),
	'load /desk': () =>
		page(STAFF_ACTORS, {
			queue: text('mine', 'groups', 'l1', 'l2', 'l3', 'unassigned', 'at_risk', 'breached'),
			sort: text('due', 'priority', 'newest', 'updated'),
			status: text('all', ...STATUSES),
			priority: digits(1, 4),
			category: ids(pool.categories),
			search: fc.oneof(text('vpn', '#1001'), ids(pool.tickets))
		}),
	'load /desk/tickets/[number]': () => page(STAFF_ACTORS, {}, true),
	'load /login': () =>
		page(['anonymous'], { signedOut: text('1'), redirectTo: text('/desk', '//evil.example') }),
	'load /logout': () => page(['anonymous', 'owner']),
	'load /portal': () => page(['owner']),
	'load /portal/new': () => page(['owner']),
	'load /portal/tickets/[number]': () => page(['owner'], { created: text('1') }, true),
	'load /settings': () => page(['owner']),
	'load /signup': () => page(['anonymous']),
	'load /signup/confirm': () => page(['anonymous'], { token: text('abc', 'lss_aaaaaaaa') }),
	'load /status': () => page(['anonymous'], { lang: text('de', 'en', 'fr') }),
	'load /status/history': () => page(['anonymous'], { page: digits(0, 5), lang: text('de') }),
	'load /status/incidents/[incident]': () =>
		withParam(page(['anonymous']), 'incident', incidentParam()),
	'load /status/subscribe/confirm': () => page(['anonymous'], { token: text('abc', '') }),
	'load /status/unsubscribe': () => page(['anonymous'], { token: text('abc', '') }),
	'action /status subscribe': () => ({
		kind: 'form',
		case: formCase(['anonymous'], {
			email: field(text('reader@example.com', 'x@elsewhere.org', 'not-an-address')),
			componentIds: field(ids(pool.components), text('abc')),
			language: field(text('de', 'en', 'fr'))
		}).chain((c) => fc.ipV4().map((ip) => ({ ...c, address: ip })))
	}),
	'action /status/subscribe/confirm default': () => ({
		kind: 'form',
		case: formCase(['anonymous'], {}, { query: { token: text('abc', 'a'.repeat(40)) } })
	}),
	'action /status/unsubscribe default': () => ({
		kind: 'form',
		case: formCase(['anonymous'], {}, { query: { token: text('abc', 'a'.repeat(40)) } })
	}),
	'load /wall': () =>
		page(['agent', 'lead', 'admin', 'anonymous'], {
			wall: ids(pool.walls),
			token: text('lsw_aaaaaaaaaaaaaaaa', ''),
			theme: text('light', 'dark')
		}),
	'load /wall/manage': () => page(['lead']),

	// Incidents: the desk's pages and forms, the portal's "affected too", the API.
	'load /admin/components': () => page(['admin']),
	'load /desk/incidents': () => page(STAFF_ACTORS),
	'load /desk/incidents/new': () =>
		page(STAFF_ACTORS, { kind: text('incident', 'maintenance'), template: ids(pool.templates) }),
	'load /desk/incidents/[incident]': () =>
		withParam(page(STAFF_ACTORS, { template: ids(pool.templates) }), 'incident', incidentParam()),
	'load /desk/incidents/templates': () => page(['lead', 'admin']),
	'load /portal/incidents/[incident]/affected': () =>
		withParam(page(['owner']), 'incident', incidentParam()),
	'action /admin/components save': () => ({
		kind: 'form',
		case: formCase(['admin'], {
			id: field(ids(pool.components), text('')),
			name: field(unique('Fuzz component new '), text('Fuzz component 0')),
			description: field(text('', 'Doors')),
			kind: field(text('component', 'group')),
			groupId: field(ids(pool.componentGroups), text('')),
			position: field(digits(0, 100)),
			onlyShowIfDegraded: field(text('on')),
			showcase: field(text('on'))
		})
	}),
	'action /admin/components delete': () => ({
		kind: 'form',
		case: formCase(['admin'], { id: field(ids(pool.components), ids(pool.componentGroups)) })
	}),
	'action /desk linkIncident': () => ({
		kind: 'form',
		case: formCase(STAFF_ACTORS, {
			incidentId: field(ids(pool.incidents)),
			numbers: list(ids(pool.tickets))
		})
	}),
	'action /desk/incidents/new declare': () => ({
		kind: 'form',
		case: formCase(STAFF_ACTORS, {
			title: field(text('Fuzz outage')),
			impact: field(text(...IMPACTS)),
			status: field(text('investigating', 'identified', 'monitoring')),
			[`component-${pool.components[0]}`]: field(text(...COMPONENT_STATUSES)),
			bodyEn: field(text('Down.')),
			bodyDe: field(text('', 'Gestört.')),
			nextUpdateAt: field(text('', '2031-01-01T10:00', '2031-13-01T10:00'))
		})
	}),
	'action /desk/incidents/new schedule': () => ({
		kind: 'form',
		case: formCase(STAFF_ACTORS, {
			title: field(text('Fuzz maintenance')),
			scheduledFor: field(text('2031-01-01T10:00')),
			scheduledUntil: field(text('2031-01-01T12:00', '2030-01-01T12:00')),
			componentIds: list(ids(pool.components)),
			autoTransition: field(text('on')),
			bodyEn: field(text('Planned.'))
		})
	}),
	'action /desk/incidents/[incident] update': () =>
		incidentForm({
			version: field(fc.constant(CURRENT_INCIDENT), digits(1, 5)),
			status: field(text(...INCIDENT_STATUSES)),
			impact: field(text(...IMPACTS)),
			[`component-${pool.components[1]}`]: field(text(...COMPONENT_STATUSES)),
			bodyEn: field(text('Still on it.')),
			bodyDe: field(text('', 'Wir sind dran.')),
			nextUpdateAt: field(text('', '2031-01-01T10:00')),
			replyTickets: field(text('on')),
			ticketReply: field(text('Fixed.')),
			resolveTickets: field(text('on'))
		}),
	'action /desk/incidents/[incident] edit': () =>
		incidentForm({
			version: field(fc.constant(CURRENT_INCIDENT), digits(1, 5)),
			title: field(text('Renamed outage')),
			impact: field(text(...IMPACTS)),
			componentsShown: field(text('1')),
			componentIds: list(ids(pool.components)),
			scheduledFor: field(text('', '2031-01-01T10:00')),
			scheduledUntil: field(text('', '2031-01-01T12:00'))
		}),
	'action /desk/incidents/[incident] note': () =>
		incidentForm({ body: field(text('Check the firewall.')) }),
	'action /desk/incidents/[incident] postmortem': () =>
		incidentForm({
			version: field(fc.constant(CURRENT_INCIDENT), digits(1, 5)),
			body: field(text('## What happened')),
			publish: field(text('0', '1'))
		}),
	'action /desk/incidents/[incident] link': () =>
		incidentForm({
			numbers: list(ids(pool.tickets)),
			more: field(text('', '#1001, 1002', 'twelve')),
			unlink: field(text('0', '1'))
		}),
	'action /desk/incidents/templates save': () => ({
		kind: 'form',
		case: formCase(['lead'], {
			id: field(ids(pool.templates), text('')),
			name: field(unique('Fuzz template new '), text('Fuzz template 0')),
			purpose: field(text('incident', 'maintenance', 'ticket_reply')),
			status: field(text('', ...INCIDENT_STATUSES, 'completed')),
			title: field(text('', 'Outage')),
			bodyEn: field(text('We are on it.')),
			bodyDe: field(text('', 'Wir sind dran.'))
		})
	}),
	'action /desk/incidents/templates delete': () => ({
		kind: 'form',
		case: formCase(['lead'], { id: field(ids(pool.templates)) })
	}),
	'action /portal/incidents/[incident]/affected default': () =>
		withParam(
			{ kind: 'form', case: formCase(['owner', 'agent'], {}), runs: 20 },
			'incident',
			incidentParam()
		),
	'GET /portal/incidents/match': () => ({
		kind: 'plain',
		case: apiCase(['owner'], null, {
			query: { q: text('vpn', 'Fuzz incident', 'x'.repeat(600)), categoryId: ids(pool.categories) }
		}),
		runs: 20
	}),
	'GET /api/incidents': () => ({
		kind: 'api',
		case: apiCase(STAFF_ACTORS, null, {
			query: {
				state: text('open', 'all'),
				kind: text('incident', 'maintenance'),
				limit: digits(1, 300)
			}
		})
	}),
	'POST /api/incidents': () => ({
		kind: 'api',
		case: apiCase(STAFF_ACTORS, {
			kind: jfield(text('incident', 'maintenance')),
			title: jfield(text('Fuzz outage')),
			impact: jfield(text(...IMPACTS)),
			status: jfield(text('investigating', 'identified')),
			components: jfield(
				fc.array(
					fc.record({
						id: fc.constantFrom(...pool.components),
						status: fc.constantFrom(...COMPONENT_STATUSES)
					}),
					{ maxLength: 2 }
				)
			),
			bodyEn: jfield(text('Down.')),
			nextUpdateAt: jfield(isoTimes(), fc.constant(null)),
			scheduledFor: jfield(isoTimes()),
			scheduledUntil: jfield(isoTimes()),
			autoTransition: jfield(fc.boolean())
		})
	}),
	'fallback /api/incidents': () => fallback(),
	'GET /api/incidents/[incident]': () => incidentApi(STAFF_ACTORS, null),
	'PATCH /api/incidents/[incident]': () =>
		incidentApi(
			STAFF_ACTORS,
			{
				version: jfield(fc.constant(CURRENT_INCIDENT)),
				title: jfield(text('Renamed outage')),
				impact: jfield(text(...IMPACTS)),
				componentIds: jfield(fc.array(fc.constantFrom(...pool.components), { maxLength: 3 })),
				scheduledFor: jfield(isoTimes()),
				autoTransition: jfield(fc.boolean())
			},
			{ runs: 15 }
		),
	'fallback /api/incidents/[incident]': () => withParam(fallback(), 'incident', incidentParam()),
	'POST /api/incidents/[incident]/updates': () =>
		incidentApi(STAFF_ACTORS, {
			version: jfield(fc.constant(CURRENT_INCIDENT)),
			status: jfield(text(...INCIDENT_STATUSES, 'completed')),
			bodyEn: jfield(text('Still on it.')),
			bodyDe: jfield(text('Wir sind dran.')),
			components: jfield(
				fc.array(
					fc.record({
						id: fc.constantFrom(...pool.components),
						status: fc.constantFrom(...COMPONENT_STATUSES)
					}),
					{ maxLength: 2 }
				)
			),
			ticketReply: jfield(text('Fixed.')),
			resolveTickets: jfield(fc.boolean()),
			nextUpdateAt: jfield(isoTimes(), fc.constant(null))
		}),
	'fallback /api/incidents/[incident]/updates': () =>
		withParam(fallback(), 'incident', incidentParam()),
	'POST /api/incidents/[incident]/notes': () =>
		incidentApi(STAFF_ACTORS, { body: jfield(text('Check the firewall.')) }),
	'fallback /api/incidents/[incident]/notes': () =>
		withParam(fallback(), 'incident', incidentParam()),
	'POST /api/incidents/[incident]/tickets': () =>
		incidentApi(
			STAFF_ACTORS,
			{
				numbers: jfield(fc.array(fc.constantFrom(...pool.tickets), { minLength: 1, maxLength: 3 }))
			},
			{ runs: 15 }
		),
	'DELETE /api/incidents/[incident]/tickets': () =>
		incidentApi(
			STAFF_ACTORS,
			{
				numbers: jfield(fc.array(fc.constantFrom(...pool.tickets), { minLength: 1, maxLength: 3 }))
			},
			{ method: 'DELETE', runs: 15 }
		),
	'fallback /api/incidents/[incident]/tickets': () =>
		withParam(fallback(), 'incident', incidentParam()),
	'POST /api/incidents/[incident]/affected': () => incidentApi(EVERYONE, {}),
	'fallback /api/incidents/[incident]/affected': () =>
		withParam(fallback(), 'incident', incidentParam()),
	'GET /api/components': () => ({ kind: 'api', case: apiCase(STAFF_ACTORS, null), runs: 10 }),
	'POST /api/components': () => ({ kind: 'api', case: apiCase(['admin'], componentBody()) }),
	'fallback /api/components': () => fallback(),
	'PATCH /api/components/[component]': () =>
		withParam(
			{ kind: 'api', case: apiCase(['admin'], componentBody()) },
			'component',
			componentParam()
		),
	'DELETE /api/components/[component]': () =>
		withParam(
			{ kind: 'api', case: apiCase(['admin', 'agent'], null, { method: 'DELETE' }) },
			'component',
			componentParam()
		),
	'fallback /api/components/[component]': () =>
		withParam(fallback(), 'component', componentParam()),

	// The knowledge base: pages, search as you type, deflection, the desk editor and the API.
	'load /kb': () =>
		page(['anonymous', 'owner', 'agent'], {
			q: text('vpn', 'Drucker druckt nicht', 'pasword', '"a & b" | !c :* <->', '\\'),
			category: ids(pool.categories),
			lang: text('de', 'en', 'fr'),
			page: digits(0, 1000)
		}),
	'load /kb/[slug]': () => withParam(page(['anonymous', 'owner', 'agent']), 'slug', slugParam()),
	'action /kb/[slug] vote': () =>
		withParam(
			{
				kind: 'form',
				case: formCase(['anonymous', 'owner', 'agent'], { helpful: field(text('yes', 'no')) })
			},
			'slug',
			slugParam()
		),
	'GET /kb/search.json': () => ({
		kind: 'plain',
		case: apiCase(['anonymous', 'owner'], null, {
			query: {
				q: text('vpn', 'Drucker', 'x'.repeat(300), '&|!'),
				s: text('session-abcdef12', 'short', ''),
				category: ids(pool.categories),
				lang: text('de', 'en')
			}
		}),
		runs: 20
	}),
	'load /desk/kb': () =>
		page(STAFF_ACTORS, {
			status: text('draft', 'review', 'published', 'gone'),
			q: text('printer', 'Fuzz', '&')
		}),
	'load /desk/kb/new': () => page(STAFF_ACTORS, { ticket: ids(pool.tickets) }),
	'load /desk/kb/[id]': () => withParam(page(STAFF_ACTORS), 'id', articleParam()),
	'action /desk/kb/new default': () => ({
		kind: 'form',
		case: formCase(STAFF_ACTORS, {
			title: field(text('Reset the badge printer')),
			body: field(text('1. Open **Settings**\n2. Choose `Reset`', '<script>alert(1)</script>')),
			language: field(text('de', 'en')),
			categoryId: field(ids(pool.categories)),
			visibility: field(text('public', 'internal')),
			slug: field(text('', 'badge-printer', 'Not A Slug')),
			fromTicket: field(ids(pool.tickets))
		})
	}),
	'action /desk/kb/[id] save': () =>
		withParam(
			{
				kind: 'form',
				case: formCase(STAFF_ACTORS, {
					version: field(digits(1, 4)),
					title: field(text('Renamed article')),
					body: field(text('New **text**.')),
					language: field(text('de', 'en')),
					categoryId: field(ids(pool.categories)),
					visibility: field(text('public', 'internal')),
					slug: field(text('renamed-article', 'fuzz-article-1')),
					note: field(text('Typo.'))
				})
			},
			'id',
			articleParam()
		),
	'action /desk/kb/[id] status': () =>
		withParam(
			{
				kind: 'form',
				case: formCase(STAFF_ACTORS, {
					version: field(digits(1, 4)),
					status: field(text('draft', 'review', 'published')),
					note: field(text('Please shorten.'))
				})
			},
			'id',
			articleParam()
		),
	'action /desk/kb/[id] delete': () =>
		withParam(
			{ kind: 'form', case: formCase(STAFF_ACTORS, { version: field(digits(1, 4)) }) },
			'id',
			articleParam()
		),
	'POST /desk/kb/preview': () => ({
		kind: 'plain',
		case: apiCase(STAFF_ACTORS, { body: jfield(text('# Hi', '<img src=x onerror=alert(1)>')) })
	}),
	'load /desk/search': () => page(STAFF_ACTORS, { q: text('vpn', '#1001', 'Drucker', '!&') }),
	'load /portal/new/solved': () => page(['owner']),
	'action /portal/new/solved default': () => ({
		kind: 'form',
		case: formCase(['owner'], {
			articleId: field(ids(pool.articles)),
			s: field(text('session-abcdef12')),
			q: field(text('printer'))
		})
	}),
	'GET /portal/new/suggest': () => ({
		kind: 'plain',
		case: apiCase(['owner', 'agent'], null, {
			query: {
				q: text('Drucker druckt nicht', 'VPN', 'x '.repeat(400)),
				s: text('session-abcdef12'),
				category: ids(pool.categories)
			}
		}),
		runs: 20
	}),
	'GET /api/kb/articles': () => ({
		kind: 'api',
		case: apiCase(['anonymous', ...EVERYONE], null, {
			query: {
				q: text('vpn', 'passwort vergessen', '"x" -y or z', 'x'.repeat(12_000)),
				category: ids(pool.categories),
				language: text('de', 'en'),
				status: text('draft', 'review', 'published'),
				limit: digits(0, 200),
				offset: digits(0, 100)
			}
		})
	}),
	'POST /api/kb/articles': () => ({
		kind: 'api',
		case: apiCase(STAFF_ACTORS, {
			title: jfield(text('Printer jam')),
			body: jfield(text('Open the tray.')),
			language: jfield(text('de', 'en')),
			categoryId: jfield(fc.constantFrom(...pool.categories)),
			visibility: jfield(text('public', 'internal')),
			slug: jfield(text('printer-jam')),
			fromTicket: jfield(fc.constantFrom(...pool.tickets))
		})
	}),
	'fallback /api/kb/articles': () => fallback(),
	'GET /api/kb/articles/[article]': () =>
		withParam(
			{ kind: 'api', case: apiCase(['anonymous', ...EVERYONE], null) },
			'article',
			apiArticleParam()
		),
	'PATCH /api/kb/articles/[article]': () =>
		withParam(
			{
				kind: 'api',
				case: apiCase(STAFF_ACTORS, {
					version: jfield(num(1, 4)),
					title: jfield(text('Renamed')),
					body: jfield(text('Text.')),
					visibility: jfield(text('public', 'internal')),
					slug: jfield(text('renamed'))
				})
			},
			'article',
			apiArticleParam()
		),
	'DELETE /api/kb/articles/[article]': () =>
		withParam(
			{
				kind: 'api',
				case: apiCase(STAFF_ACTORS, null, { query: { version: digits(1, 4) }, method: 'DELETE' })
			},
			'article',
			apiArticleParam()
		),
	'fallback /api/kb/articles/[article]': () => withParam(fallback(), 'article', apiArticleParam()),
	'POST /api/kb/articles/[article]/status': () =>
		withParam(
			{
				kind: 'api',
				case: apiCase(STAFF_ACTORS, {
					version: jfield(num(1, 4)),
					status: jfield(text('draft', 'review', 'published')),
					note: jfield(text('Looks good.'))
				})
			},
			'article',
			apiArticleParam()
		),
	'fallback /api/kb/articles/[article]/status': () =>
		withParam(fallback(), 'article', apiArticleParam()),
	'GET /api/kb/articles/[article]/revisions': () =>
		withParam({ kind: 'api', case: apiCase(STAFF_ACTORS, null) }, 'article', apiArticleParam()),
	'fallback /api/kb/articles/[article]/revisions': () =>
		withParam(fallback(), 'article', apiArticleParam()),
	'POST /api/kb/articles/[article]/votes': () =>
		withParam(
			{ kind: 'api', case: apiCase(EVERYONE, { helpful: jfield(fc.boolean()) }) },
			'article',
			apiArticleParam()
		),
	'fallback /api/kb/articles/[article]/votes': () =>
		withParam(fallback(), 'article', apiArticleParam())
};

/** A target whose cases also carry a path parameter `name`. */
function withParam(target: Target, name: string, values: fc.Arbitrary<string>): Target {
	return {
		...target,
		case: target.case.chain((c) =>
			values.map((v) => ({ ...c, params: { ...c.params, [name]: v } }))
		)
	};
}

const slugParam = () =>
	fc.oneof(
		{ weight: 8, arbitrary: fc.constantFrom(...pool.slugs) },
		{ weight: 2, arbitrary: fc.oneof(nasty, fc.constantFrom('no-such-article', '1', 'A-B')) }
	);
const articleParam = () =>
	fc.oneof(
		{ weight: 8, arbitrary: ids(pool.articles) },
		{ weight: 2, arbitrary: fc.constantFrom(...NUMERIC, 'abc', '') }
	);
const apiArticleParam = () => fc.oneof(articleParam(), slugParam());
const incidentParam = () =>
	fc.oneof(
		{ weight: 8, arbitrary: ids(pool.incidents) },
		{ weight: 2, arbitrary: fc.constantFrom(...NUMERIC, 'abc', '', '99999') }
	);
const componentParam = () =>
	fc.oneof(
		{ weight: 8, arbitrary: ids(pool.components) },
		{ weight: 2, arbitrary: fc.constantFrom(...NUMERIC, 'abc', '', '99999') }
	);
const COMPONENT_STATUSES = [
	'operational',
	'degraded_performance',
	'partial_outage',
	'major_outage',
	'under_maintenance'
];
const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'];
const IMPACTS = ['none', 'minor', 'major', 'critical'];
const isoTimes = () =>
	text('2031-01-01T10:00:00Z', '2031-01-01T12:00:00+01:00', '2020-02-30T10:00:00Z', 'tomorrow');
/** A form on one incident's page, as staff. */
function incidentForm(fields: Record<string, fc.Arbitrary<string | string[]>>): Target {
	return withParam(
		{ kind: 'form', case: formCase(STAFF_ACTORS, fields) },
		'incident',
		incidentParam()
	);
}
/** An API call on one incident, as `actors`. */
function incidentApi(
	actors: Actor[],
	body: Record<string, fc.Arbitrary<unknown>> | null,
	options: { method?: string; runs?: number } = {}
): Target {
	return withParam(
		{ kind: 'api', case: apiCase(actors, body, options), runs: options.runs },
		'incident',
		incidentParam()
	);
}
const componentBody = () => ({
	name: jfield(
		text('Fuzz made'),
		fc.nat({ max: 100_000 }).map((n) => `Fuzz made ${n}`)
	),
	description: jfield(text('', 'Doors')),
	isGroup: jfield(fc.boolean()),
	groupId: jfield(fc.constantFrom(...pool.componentGroups), fc.constant(null)),
	position: jfield(num(0, 100)),
	onlyShowIfDegraded: jfield(fc.boolean()),
	showcase: jfield(fc.boolean())
});

/** A page load with a random query string, as one of `actors`. */
function page(
	actors: Actor[],
	known: Record<string, fc.Arbitrary<string>> = {},
	ticket = false
): Target {
	return {
		kind: 'page',
		case: fc.record({
			actor: fc.constantFrom(...actors),
			via: fc.constant('session' as const),
			number: ticket ? ticketParam() : fc.constant(undefined),
			query: query(known)
		}),
		runs: 15
	};
}

function calendarForm(): Target {
	const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
	return {
		kind: 'form',
		case: formCase(['admin'], {
			id: field(ids(pool.calendars)),
			name: field(text('Fuzz hours')),
			timeZone: field(text('Europe/Berlin', 'UTC', 'Mars/Olympus', 'Etc/GMT+14')),
			holidays: field(text('2027-12-24', '2027-02-30\n2027-13-01', '')),
			year: field(digits(1900, 2200)),
			...Object.fromEntries(
				days.map((d) => [`week.${d}`, field(text('08:00-18:00', '08:00-12:00, 13:00-17:00', ''))])
			)
		})
	};
}

function versionField() {
	return field(fc.constant(CURRENT), digits(1, 5));
}

function deskForm(fields: Record<string, fc.Arbitrary<string | string[]>>): Target {
	return { kind: 'form', case: formCase(STAFF_ACTORS, fields, { ticket: true }) };
}

function deskMove(): Target {
	return deskForm({
		groupId: field(ids(pool.groups)),
		reason: field(text('Needs the network team.')),
		version: versionField()
	});
}

function apiMove(): Target {
	return {
		kind: 'api',
		case: apiCase(
			STAFF_ACTORS,
			{
				groupId: jfield(fc.constantFrom(...pool.groups)),
				level: jfield(num(1, 3)),
				reason: jfield(text('Needs the network team.')),
				version: jfield(fc.constant(CURRENT))
			},
			{ ticket: true }
		)
	};
}

/** Methods a route does not have, with any body. */
function fallback(ticket = false): Target {
	return {
		kind: 'api',
		case: apiCase(EVERYONE, { anything: jsonNasty }, { ticket }).chain((c) =>
			fc
				.constantFrom('PUT', 'DELETE', 'PATCH', 'POST', 'OPTIONS')
				.map((method) => ({ ...c, method }))
		),
		runs: 8
	};
}

// ─────────────────────────── running a case ───────────────────────────

async function currentIncidentVersion(id: string | undefined): Promise<number> {
	if (!id || !/^\d{1,9}$/.test(id)) return 1;
	const [row] = await sql()<{ version: number }[]>`
		select version from incidents where id = ${Number(id)}`;
	return row?.version ?? 1;
}

async function currentVersion(number: string | undefined): Promise<number> {
	if (!number || !/^\d{1,9}$/.test(number)) return 1;
	const [row] = await sql()<
		{ version: number }[]
	>`select version from tickets where id = ${Number(number)}`;
	return row?.version ?? 1;
}

/** Lone surrogates cannot be put in a URL path; the query string encodes them as U+FFFD. */
const wellFormed = (s: string) =>
	s.replace(/[\ud800-\udfff]/g, (c, i, all: string) => {
		const code = c.charCodeAt(0);
		const next = all.charCodeAt(i + 1);
		const prev = all.charCodeAt(i - 1);
		if (code < 0xdc00 && next >= 0xdc00 && next <= 0xdfff) return c;
		if (code >= 0xdc00 && prev >= 0xd800 && prev < 0xdc00) return c;
		return '\ufffd';
	});

async function buildCall(key: string, c: Case): Promise<{ route: Route; call: Call }> {
	const [kind, id, name] = key.split(' ');
	const { path, params } = address(id, {
		...Object.fromEntries(Object.entries(c.params ?? {}).map(([k, v]) => [k, wellFormed(v)])),
		number: c.number === undefined ? undefined : wellFormed(c.number),
		rest: c.rest === undefined ? undefined : wellFormed(c.rest)
	});
	const qs = [
		...(kind === 'action' && name !== 'default' ? [`/${name}`] : []),
		...(c.query.length > 0 ? [new URLSearchParams(c.query).toString()] : [])
	].join('&');
	const url = qs ? `${path}?${qs}` : path;
	const version = String(await currentVersion(c.number));
	const incidentVersion = String(await currentIncidentVersion(c.params?.incident));
	const call: Call = { path: url, params };
	if (c.actor === 'bogus-token') call.token = 'lst_' + 'x'.repeat(40);
	else if (c.actor !== 'anonymous') {
		if (c.via === 'token') call.token = apiToken[c.actor];
		else call.session = session[c.actor];
	}
	if (c.address) call.address = c.address;

	if (kind === 'load') {
		const chain = routes.pages.get(key);
		if (!chain) throw new Error(`no ${key} on disk`);
		return { route: pageRoute(chain), call };
	}

	if (kind === 'action') {
		const fill = (v: string) =>
			v === CURRENT ? version : v === CURRENT_INCIDENT ? incidentVersion : v;
		if (c.multipart) {
			const form = new FormData();
			for (const [k, v] of Object.entries(c.form ?? {})) {
				for (const value of Array.isArray(v) ? v : [v]) form.append(k, fill(value));
			}
			for (const [k, name] of c.files ?? []) form.append(k, new Blob(['%PDF-1.4 \u0000']), name);
			call.form = form;
		} else {
			const pairs: Array<[string, string]> = [];
			for (const [k, v] of Object.entries(c.form ?? {})) {
				for (const value of Array.isArray(v) ? v : [v]) pairs.push([k, fill(value)]);
			}
			call.raw = new URLSearchParams(pairs);
			call.headers = { 'content-type': 'application/x-www-form-urlencoded' };
		}
		call.origin = ORIGIN;
		return { route: formAction(key), call };
	}

	call.method = c.method ?? (kind === 'fallback' ? 'DELETE' : kind);
	if (call.session) call.origin = ORIGIN;
	if (c.json && call.method !== 'GET' && call.method !== 'HEAD') {
		call.raw =
			'raw' in c.json
				? typeof c.json.raw === 'string'
					? c.json.raw
					: new Uint8Array(c.json.raw)
				: JSON.stringify(c.json.value, (_k, v) =>
						v === CURRENT ? Number(version) : v === CURRENT_INCIDENT ? Number(incidentVersion) : v
					);
		if (c.contentType) call.headers = { 'content-type': c.contentType };
	}
	return { route: endpoint(key), call };
}

/** A short, printable account of a value: long strings cut, invisible characters escaped. */
function show(value: unknown): string {
	const json = JSON.stringify(value, (_k, v) => {
		if (typeof v === 'string' && v.length > 60) return `${v.slice(0, 40)}…(${v.length} chars)`;
		if (v instanceof Uint8Array) return `bytes[${[...v].join(',')}]`;
		if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
		return v;
	});
	return (json ?? String(value)).replace(
		/[\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]/g,
		(ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`
	);
}

const changedKeys = (a: Record<string, unknown>, b: Record<string, unknown>) =>
	Object.keys(a).filter((k) => a[k] !== b[k]);

let last: Record<string, string | number> | null = null;

async function runCase(key: string, target: Target, c: Case): Promise<void> {
	const { route, call } = await buildCall(key, c);
	const before = last ?? (await fingerprint());
	last = null;
	let r: Answer;
	try {
		r = await send(route, call);
	} catch (error) {
		throw new Error(`the request threw (a 500 in SvelteKit): ${String(error).slice(0, 300)}`, {
			cause: error
		});
	}
	const said = `${r.status} ${r.text.slice(0, 300)}`;
	if (r.status >= 500) throw new Error(`answered ${said}`);
	// As the server sees the path: `/api/../x` is `/x`, which is no API path.
	const api = target.kind === 'api' && new URL(call.path, ORIGIN).pathname.startsWith('/api/');
	if (api && r.status >= 400) {
		if (!r.headers.get('content-type')?.includes('application/json')) {
			throw new Error(`not JSON: ${said}`);
		}
		const error = r.body?.error;
		const extra = Object.keys(r.body ?? {}).filter((k) => k !== 'error' && k !== 'current');
		const shapeOk =
			error &&
			typeof error.code === 'string' &&
			typeof error.message === 'string' &&
			error.message.length > 0 &&
			Object.keys(error).every((k) => ['code', 'message', 'fields'].includes(k)) &&
			(error.fields === undefined ||
				(typeof error.fields === 'object' &&
					Object.values(error.fields).every((m) => typeof m === 'string'))) &&
			extra.length === 0;
		if (!shapeOk) throw new Error(`not the error shape: ${said}`);
		if (!KNOWN_CODES.includes(error.code)) {
			throw new Error(`undocumented error code "${error.code}": ${said}`);
		}
	}
	if (target.kind === 'form' && r.status >= 400 && r.body?.type === 'failure') {
		if (typeof r.body.data?.message !== 'string' || r.body.data.message === '') {
			throw new Error(`a refusal without a message: ${said}`);
		}
	}
	if (r.status >= 400) {
		const after = await fingerprint();
		const changed = changedKeys(before, after);
		if (changed.length > 0) {
			throw new Error(`refused with ${said}, but wrote: ${changed.join(', ')}`);
		}
		last = after;
	}
	if (r.status >= 300 && r.status < 400) {
		// Redirects stay on this site (the login form's redirectTo above all).
		const location = r.headers.get('location') ?? '';
		if (!location.startsWith('/') || location.startsWith('//') || location.startsWith('/\\')) {
			throw new Error(`redirects off the site: ${location}`);
		}
	}
}

// ─────────────────────────── the tests ───────────────────────────

const targetKeys = [
	...routes.pages.keys(),
	...routes.actions.keys(),
	...routes.endpoints.keys()
].sort();

describe(`fuzz on ${DB_KIND} (seed ${SEED}, FUZZ_SEED to change)`, () => {
	it('has a fuzz target for every page, form action and endpoint on disk, and none for others', () => {
		expect(
			targetKeys.filter((k) => !(k in TARGETS)),
			'routes without a fuzz target'
		).toEqual([]);
		expect(
			Object.keys(TARGETS).filter((k) => !targetKeys.includes(k)),
			'gone'
		).toEqual([]);
	});

	// Cases the generators found, kept as plain examples so they hold whatever the seed.
	it('a wall save refused for its groups changes nothing (not even the name)', async () => {
		const [{ id }] = await sql()<{ id: number }[]>`
			insert into walls (name) values (${`Fuzz example ${Date.now()}`}) returning id`;
		const before = await fingerprint();
		const r = await send(formAction('action /wall/manage save'), {
			path: '/wall/manage?/save',
			session: session.lead,
			form: { id: String(id), name: 'A new name', groupIds: 'not a group' }
		});
		expect(r.status, r.text).toBe(400);
		expect(r.body.data.fields).toHaveProperty(['groupIds.0']);
		const changed = changedKeys(before, await fingerprint());
		expect(changed, 'tables written by a refused save').toEqual([]);
	});

	it('escalating by level where the area has no group at that level answers a documented code', async () => {
		// An area whose escalation path stops at level 1 (the admin left levels 2 and 3 empty).
		const key = `nopath${Date.now().toString(36)}`;
		const saved = await send(formAction('action /admin/routing save'), {
			path: '/admin/routing?/save',
			session: session.admin,
			form: {
				key,
				nameEn: 'No path',
				nameDe: 'Kein Pfad',
				groupId: String(pool.levels[1][0]),
				level2GroupId: '',
				level3GroupId: '',
				active: 'on',
				sortOrder: '9999'
			}
		});
		expect(saved.status, saved.text).toBe(200);
		const [{ id: categoryId }] = await sql()<{ id: number }[]>`
			select id from categories where key = ${key}`;
		const opened = await send(endpoint('POST /api/tickets'), {
			path: '/api/tickets',
			token: apiToken.owner,
			json: { title: 'No path up', body: 'Nowhere to go.', categoryId, urgency: 2, impact: 2 }
		});
		expect(opened.status, opened.text).toBe(201);
		const number = String(opened.body.number);
		const r = await send(endpoint('POST /api/tickets/[number]/escalate'), {
			path: `/api/tickets/${number}/escalate`,
			params: { number },
			token: apiToken.agent,
			json: { level: 2, reason: 'Needs level 2.' }
		});
		expect(r.status, r.text).toBe(422);
		expect(KNOWN_CODES, `documented codes (README › REST API › Errors): ${r.text}`).toContain(
			r.body.error.code
		);
	});

	it('signing in with a redirectTo outside Latin-1 is a redirect, not a 500', async () => {
		for (const target of ['/portal/🙂', '/desk?q=Łódź', '/ü']) {
			const r = await send(formAction('action /login default'), {
				path: `/login?redirectTo=${encodeURIComponent(target)}`,
				form: { email: FUZZ_LOGIN.email, password: FUZZ_LOGIN.password },
				address: nextAddress()
			});
			expect(r.status, `${target}: ${r.text.slice(0, 200)}`).toBe(303);
			expect(r.headers.get('location')).toMatch(/^\/(?![/\\])/);
		}
	});

	// Inputs too big for the generators to reach by chance: checked on every API write.
	const writes = targetKeys.filter((k) => /^(POST|PATCH|PUT|DELETE) \/api\//.test(k));
	const depth = 60_000; // 240 KB: under the API's 256 KB body limit
	const nested = {
		'an array nested 60 000 deep': '['.repeat(depth) + ']'.repeat(depth),
		'an object nested 60 000 deep in a field':
			'{"title":' + '{"a":'.repeat(depth / 2) + '1' + '}'.repeat(depth / 2 + 1)
	};
	for (const [what, raw] of Object.entries(nested)) {
		it.each(writes)(`%s: ${what} is a 4xx in the error shape`, async (key) => {
			const before = await fingerprint();
			const actor: Actor = key.startsWith('POST /api/tickets ') ? 'owner' : 'agent';
			const { route, call } = await buildCall(key, {
				actor,
				via: 'token',
				number: String(pool.tickets[0]),
				query: [],
				json: { raw },
				contentType: 'application/json'
			});
			const r = await send(route, call).catch((e: unknown) => ({
				status: 500,
				text: String(e),
				body: null,
				headers: new Headers()
			}));
			expect(r.status, r.text.slice(0, 300)).toBeGreaterThanOrEqual(400);
			expect(r.status, r.text.slice(0, 300)).toBeLessThan(500);
			expect(KNOWN_CODES).toContain(r.body?.error?.code);
			expect(await fingerprint()).toEqual(before);
		});
	}

	it.each(targetKeys.filter((k) => k in TARGETS))('%s', async (key) => {
		const target = TARGETS[key]();
		last = null;
		const result = await fc.check(
			fc.asyncProperty(target.case, (c) => runCase(key, target, c)),
			{
				seed: SEED,
				numRuns: target.runs ? Math.max(1, Math.round((target.runs * RUNS) / BASE_RUNS)) : RUNS,
				interruptAfterTimeLimit: TIME_LIMIT_MS,
				endOnFailure: false
			}
		);
		if (result.failed) {
			const error = result.errorInstance;
			throw new Error(
				[
					`${key}: ${error instanceof Error ? error.message : String(error)}`,
					`input: ${show(result.counterexample?.[0])}`,
					`after ${result.numRuns} runs and ${result.numShrinks} shrinks; replay with ` +
						`FUZZ_SEED=${result.seed} (path ${result.counterexamplePath})`
				].join('\n')
			);
		}
		expect(result.numRuns).toBeGreaterThan(0);
	});
});
