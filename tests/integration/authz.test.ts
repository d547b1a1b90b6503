// The authorisation matrix: every page (its load, through its layouts), every form action, every
// endpoint method and every socket topic family, for anonymous, the requester who owns the test
// ticket, another requester, an agent, a lead and an admin — with the expected answer of each in
// ONE table. The routes are read from src/routes at test time, the topic families from the
// subscription rules (src/lib/server/realtime/access.ts): a route or topic family on disk that the
// table does not list fails, and so does a table row for something that is gone. Every cell is
// exercised for real, through the application's `handle` chain (tests/integration/requests.ts)
// with a real session cookie (and, for the API and sockets, also a real API token), on the
// database under test, seeded with the demo organisation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connected, DB_KIND, startSocketServer, startTestApp, type TestApp } from './harness';
import { action, ORIGIN, send, type Answer, type Call } from './requests';
import {
	address as routeAddress,
	discoverRoutes,
	discoverTopicFamilies,
	logIn as signIn,
	pageRoute,
	type RouteList
} from './routes';

// ─────────────────────────── the table ───────────────────────────

const ACTORS = ['anonymous', 'owner', 'other', 'agent', 'lead', 'admin'] as const;
type Actor = (typeof ACTORS)[number];

/**
 * An expected answer. HTTP: `login` is a redirect to the sign-in page, `redirect` any other
 * redirect, a number that status, and `ok` anything that got past the access checks (a 2xx, or
 * the route's own answer to the probe's input: 400, 409, 410, 422, 429). Sockets: `ok` or
 * `forbidden` (the subscribe acknowledgement's error code).
 */
type Expect = 'ok' | 'login' | 'redirect' | 401 | 403 | 404 | 405 | 'forbidden';
/** One answer per actor, in the order of ACTORS. */
type Row = readonly [Expect, Expect, Expect, Expect, Expect, Expect];

const ALL_OK: Row = ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'];
const SIGNED_IN: Row = ['login', 'ok', 'ok', 'ok', 'ok', 'ok'];
const STAFF: Row = ['login', 403, 403, 'ok', 'ok', 'ok'];
const ADMIN: Row = ['login', 403, 403, 403, 403, 'ok'];
const WALL_MANAGERS: Row = ['login', 403, 403, 403, 'ok', 'ok'];
const OWNER_ONLY_PAGE: Row = ['login', 'ok', 404, 404, 404, 404];
const SIGNED_OUT_ONLY: Row = ['ok', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect'];
const API_USER: Row = [401, 'ok', 'ok', 'ok', 'ok', 'ok'];
const API_OWNER_OR_STAFF: Row = [401, 'ok', 404, 'ok', 'ok', 'ok'];
const API_STAFF: Row = [401, 403, 403, 'ok', 'ok', 'ok'];
const API_ADMIN: Row = [401, 403, 403, 403, 403, 'ok'];
const API_405: Row = [405, 405, 405, 405, 405, 405];
const F = 'forbidden';

/**
 * Keys: `load <route>` (a page: its layouts' and its own server load), `action <route> <name>`,
 * `<METHOD> <route>` (an endpoint export; `fallback` is probed with DELETE), `socket <family>`.
 * Columns: anonymous, owner, other requester, agent, lead, admin.
 */
const MATRIX: Record<string, Row> = {
	// Pages.
	'load /': ['login', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect'],
	'load /admin': ADMIN,
	'load /admin/calendars': ADMIN,
	'load /admin/components': ADMIN,
	'load /admin/escalation': ADMIN,
	'load /admin/groups': ADMIN,
	'load /admin/mail': ADMIN,
	'load /admin/routing': ADMIN,
	'load /admin/settings': ADMIN,
	'load /admin/sla': ADMIN,
	'load /admin/tokens': ADMIN,
	'load /admin/webhooks': ADMIN,
	'load /admin/users': ADMIN,
	'load /api/docs': ALL_OK,
	'load /desk': STAFF,
	'load /desk/tickets/[number]': STAFF,
	'load /desk/incidents': STAFF,
	'load /desk/incidents/new': STAFF,
	'load /desk/incidents/[incident]': STAFF,
	'load /desk/incidents/templates': WALL_MANAGERS,
	'load /desk/kb': STAFF,
	'load /desk/kb/new': STAFF,
	'load /desk/kb/[id]': STAFF,
	'load /desk/search': STAFF,
	'load /kb': ALL_OK,
	// A public article; internal ones answer 404 to requesters (tests/integration/kb.test.ts).
	'load /kb/[slug]': ALL_OK,
	'load /login': SIGNED_OUT_ONLY,
	'load /logout': ['redirect', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect'],
	'load /portal': SIGNED_IN,
	'load /portal/new': SIGNED_IN,
	'load /portal/new/solved': ['login', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect'],
	'load /portal/tickets/[number]': OWNER_ONLY_PAGE,
	'load /portal/incidents/[incident]/affected': SIGNED_IN,
	'load /settings': SIGNED_IN,
	'load /signup': SIGNED_OUT_ONLY,
	'load /signup/confirm': SIGNED_OUT_ONLY,
	'load /status': ALL_OK,
	'load /status/history': ALL_OK,
	'load /status/incidents/[incident]': ALL_OK,
	'load /status/subscribe/confirm': ALL_OK,
	'load /status/unsubscribe': ALL_OK,
	'load /wall': STAFF,
	'load /wall/manage': WALL_MANAGERS,

	// Form actions.
	'action /admin/calendars save': ADMIN,
	'action /admin/calendars holidays': ADMIN,
	'action /admin/components save': ADMIN,
	'action /admin/components delete': ADMIN,
	'action /admin/escalation save': ADMIN,
	'action /admin/escalation delete': ADMIN,
	'action /admin/groups save': ADMIN,
	'action /admin/routing save': ADMIN,
	'action /admin/settings save': ADMIN,
	'action /admin/sla save': ADMIN,
	'action /admin/tokens create': ADMIN,
	'action /admin/tokens revoke': ADMIN,
	'action /admin/webhooks create': ADMIN,
	'action /admin/webhooks delete': ADMIN,
	'action /admin/users create': ADMIN,
	'action /admin/users role': ADMIN,
	'action /admin/users active': ADMIN,
	'action /admin/users groups': ADMIN,
	'action /desk/tickets/[number] claim': STAFF,
	'action /desk/tickets/[number] update': STAFF,
	'action /desk/tickets/[number] comment': STAFF,
	'action /desk/tickets/[number] escalate': STAFF,
	'action /desk/tickets/[number] handBack': STAFF,
	'action /desk/tickets/[number] notifyLead': STAFF,
	'action /desk/tickets/[number] link': STAFF,
	'action /desk/tickets/[number] merge': STAFF,
	'action /desk linkIncident': STAFF,
	'action /desk/incidents/new declare': STAFF,
	'action /desk/incidents/new schedule': STAFF,
	'action /desk/incidents/[incident] update': STAFF,
	'action /desk/incidents/[incident] edit': STAFF,
	'action /desk/incidents/[incident] note': STAFF,
	'action /desk/incidents/[incident] postmortem': STAFF,
	'action /desk/incidents/[incident] link': STAFF,
	'action /desk/incidents/templates save': WALL_MANAGERS,
	'action /desk/incidents/templates delete': WALL_MANAGERS,
	'action /desk/kb/new default': STAFF,
	'action /desk/kb/[id] save': STAFF,
	'action /desk/kb/[id] status': STAFF,
	'action /desk/kb/[id] delete': STAFF,
	'action /kb/[slug] vote': ALL_OK,
	'action /login default': ALL_OK,
	'action /logout default': [
		'redirect',
		'redirect',
		'redirect',
		'redirect',
		'redirect',
		'redirect'
	],
	'action /portal/new default': SIGNED_IN,
	'action /portal/new/solved default': SIGNED_IN,
	'action /portal/tickets/[number] reply': OWNER_ONLY_PAGE,
	'action /portal/tickets/[number] confirm': OWNER_ONLY_PAGE,
	'action /portal/tickets/[number] reopen': OWNER_ONLY_PAGE,
	'action /portal/incidents/[incident]/affected default': SIGNED_IN,
	'action /settings default': SIGNED_IN,
	'action /signup default': ALL_OK,
	'action /signup/confirm default': ALL_OK,
	// The public status page's forms: anyone (the token in the link is the right to confirm or leave).
	'action /status subscribe': ALL_OK,
	'action /status/subscribe/confirm default': ALL_OK,
	'action /status/unsubscribe default': ALL_OK,
	'action /wall/manage create': WALL_MANAGERS,
	'action /wall/manage save': WALL_MANAGERS,
	'action /wall/manage delete': WALL_MANAGERS,
	'action /wall/manage token': WALL_MANAGERS,
	'action /wall/manage revoke': WALL_MANAGERS,

	// Endpoints.
	'fallback /api/[...rest]': [404, 404, 404, 404, 404, 404],
	'GET /api/categories': API_USER,
	'fallback /api/categories': API_405,
	'GET /api/me': API_USER,
	'fallback /api/me': API_405,
	'GET /api/openapi.json': ALL_OK,
	'fallback /api/openapi.json': API_405,
	'GET /api/tickets': API_USER,
	'POST /api/tickets': API_USER,
	'fallback /api/tickets': API_405,
	'GET /api/tickets/[number]': API_OWNER_OR_STAFF,
	'PATCH /api/tickets/[number]': API_STAFF,
	'fallback /api/tickets/[number]': API_405,
	'POST /api/tickets/[number]/comments': API_OWNER_OR_STAFF,
	'fallback /api/tickets/[number]/comments': API_405,
	'POST /api/tickets/[number]/escalate': API_STAFF,
	'fallback /api/tickets/[number]/escalate': API_405,
	'POST /api/tickets/[number]/hand-back': API_STAFF,
	'fallback /api/tickets/[number]/hand-back': API_405,
	'GET /api/incidents': API_STAFF,
	'POST /api/incidents': API_STAFF,
	'fallback /api/incidents': API_405,
	'GET /api/incidents/[incident]': API_STAFF,
	'PATCH /api/incidents/[incident]': API_STAFF,
	'fallback /api/incidents/[incident]': API_405,
	'POST /api/incidents/[incident]/updates': API_STAFF,
	'fallback /api/incidents/[incident]/updates': API_405,
	'POST /api/incidents/[incident]/notes': API_STAFF,
	'fallback /api/incidents/[incident]/notes': API_405,
	'POST /api/incidents/[incident]/tickets': API_STAFF,
	'DELETE /api/incidents/[incident]/tickets': API_STAFF,
	'fallback /api/incidents/[incident]/tickets': API_405,
	'POST /api/incidents/[incident]/affected': API_USER,
	'fallback /api/incidents/[incident]/affected': API_405,
	'GET /api/components': API_STAFF,
	'POST /api/components': API_ADMIN,
	'fallback /api/components': API_405,
	'PATCH /api/components/[component]': API_ADMIN,
	'DELETE /api/components/[component]': API_ADMIN,
	'fallback /api/components/[component]': API_405,
	'GET /api/kb/articles': ALL_OK,
	'POST /api/kb/articles': API_STAFF,
	'fallback /api/kb/articles': API_405,
	'GET /api/kb/articles/[article]': ALL_OK,
	'PATCH /api/kb/articles/[article]': API_STAFF,
	'DELETE /api/kb/articles/[article]': API_STAFF,
	'fallback /api/kb/articles/[article]': API_405,
	'POST /api/kb/articles/[article]/status': API_STAFF,
	'fallback /api/kb/articles/[article]/status': API_405,
	'GET /api/kb/articles/[article]/revisions': API_STAFF,
	'fallback /api/kb/articles/[article]/revisions': API_405,
	'POST /api/kb/articles/[article]/votes': API_USER,
	'fallback /api/kb/articles/[article]/votes': API_405,
	'POST /desk/kb/preview': STAFF,
	'GET /kb/search.json': ALL_OK,
	'GET /portal/new/suggest': SIGNED_IN,
	'GET /healthz': ALL_OK,
	'GET /portal/incidents/match': SIGNED_IN,
	// Without METRICS_TOKEN the endpoint does not exist, for anyone.
	'GET /metrics': [404, 404, 404, 404, 404, 404],
	'GET /readyz': ALL_OK,
	// The public status surface (Statuspage v2 JSON, feeds): anyone, credentials are not read.
	'GET /api/v2/summary.json': ALL_OK,
	'OPTIONS /api/v2/summary.json': ALL_OK,
	'GET /api/v2/status.json': ALL_OK,
	'OPTIONS /api/v2/status.json': ALL_OK,
	'GET /api/v2/components.json': ALL_OK,
	'OPTIONS /api/v2/components.json': ALL_OK,
	'GET /api/v2/incidents.json': ALL_OK,
	'OPTIONS /api/v2/incidents.json': ALL_OK,
	'GET /api/v2/incidents/unresolved.json': ALL_OK,
	'OPTIONS /api/v2/incidents/unresolved.json': ALL_OK,
	'GET /api/v2/scheduled-maintenances.json': ALL_OK,
	'OPTIONS /api/v2/scheduled-maintenances.json': ALL_OK,
	'GET /api/v2/scheduled-maintenances/upcoming.json': ALL_OK,
	'OPTIONS /api/v2/scheduled-maintenances/upcoming.json': ALL_OK,
	'GET /api/v2/scheduled-maintenances/active.json': ALL_OK,
	'OPTIONS /api/v2/scheduled-maintenances/active.json': ALL_OK,
	'GET /status/feed.atom': ALL_OK,
	'OPTIONS /status/feed.atom': ALL_OK,
	'GET /status/feed.rss': ALL_OK,
	'OPTIONS /status/feed.rss': ALL_OK,

	// Socket subscriptions (`ticket:N` is the owner's ticket, `user:N` the owner's user topic).
	'socket status': ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
	'socket admin': [F, F, F, F, F, 'ok'],
	'socket desk': [F, F, F, 'ok', 'ok', 'ok'],
	'socket ticket:N': [F, 'ok', F, 'ok', 'ok', 'ok'],
	'socket user:N': [F, 'ok', F, 'ok', 'ok', 'ok'],
	'socket wall:N': [F, F, F, 'ok', 'ok', 'ok'],
	'socket queue:level-N': [F, F, F, 'ok', 'ok', 'ok'],
	'socket queue:group-N': [F, F, F, 'ok', 'ok', 'ok'],
	'socket queue:user-N': [F, F, F, 'ok', 'ok', 'ok'],
	'socket queue:unassigned': [F, F, F, 'ok', 'ok', 'ok'],
	'socket incident:N': [F, F, F, 'ok', 'ok', 'ok']
};

// ─────────────────────────── what is on disk ───────────────────────────

const discovered: RouteList & { topics: string[] } = {
	...(await discoverRoutes()),
	topics: discoverTopicFamilies()
};
const onDisk = [
	...discovered.pages.keys(),
	...discovered.actions.keys(),
	...discovered.endpoints.keys(),
	...discovered.topics.map((f) => `socket ${f}`)
].sort();

// ─────────────────────────── the actors ───────────────────────────

const EMAIL: Record<Exclude<Actor, 'anonymous'>, string> = {
	owner: 'user@example.com',
	other: 'user2@example.com',
	agent: 'l1@example.com',
	lead: 'lead@example.com',
	admin: 'admin@example.com'
};
const PASSWORD = 'leitstand-demo';

let t: TestApp;
const session = {} as Record<Actor, string | undefined>;
const apiToken = {} as Record<Actor, string | undefined>;
const userId = {} as Record<Actor, number>;
let ticket = 0;
let wallId = 0;
let serviceDeskGroup = 0;
/** An active incident and a component (made in beforeAll). */
let incidentId = 0;
let componentId = 0;
/** A published public article (the demo's). */
let article = { id: 0, slug: '' };
let logins = 0;

function need<T>(value: T | undefined, what: string): T {
	if (value === undefined) throw new Error(`the route list has no ${what}`);
	return value;
}

/** Sign in through the login form, from a fresh client address (the throttle counts per address). */
const logIn = (email: string) =>
	signIn(discovered, email, PASSWORD, `10.77.${Math.floor(logins / 250)}.${(logins++ % 250) + 1}`);

const sql = () => t.ctx.db.sql;
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

beforeAll(async () => {
	t = await startTestApp({ demo: true });
	for (const actor of ACTORS) {
		if (actor === 'anonymous') continue;
		session[actor] = await logIn(EMAIL[actor]);
		const me = await send(need(discovered.endpoints.get('GET /api/me'), 'GET /api/me'), {
			path: '/api/me',
			session: session[actor]
		});
		expect(me.status, me.text).toBe(200);
		userId[actor] = me.body.user.id;
	}
	// API tokens, made the way an admin makes them.
	const create = need(discovered.actions.get('action /admin/tokens create'), 'token form');
	for (const actor of ACTORS) {
		if (actor === 'anonymous') continue;
		const r = await send(action(create), {
			path: '/admin/tokens',
			session: session.admin,
			form: { userId: String(userId[actor]), name: `authz ${actor}` }
		});
		expect(r.status, r.text).toBe(200);
		apiToken[actor] = r.body.data.token;
		expect(apiToken[actor]).toMatch(/^lst_/);
	}
	// The owner's ticket, opened through the API.
	const categories = await send(need(discovered.endpoints.get('GET /api/categories'), 'GET'), {
		path: '/api/categories',
		token: apiToken.owner
	});
	const opened = await send(need(discovered.endpoints.get('POST /api/tickets'), 'POST'), {
		path: '/api/tickets',
		token: apiToken.owner,
		json: {
			title: 'Authorisation matrix ticket',
			body: 'Owned by the requester of the matrix.',
			categoryId: categories.body.data[0].id,
			urgency: 2,
			impact: 2
		}
	});
	expect(opened.status, opened.text).toBe(201);
	ticket = opened.body.number;
	[{ id: wallId }] = await sql()<{ id: number }[]>`select min(id)::int as id from walls`;
	[{ id: serviceDeskGroup }] = await sql()<{ id: number }[]>`
		select id from groups where name = 'Service Desk'`;
	[article] = await sql()<{ id: number; slug: string }[]>`
		select id, slug from kb_articles where visibility = 'public' and status = 'published'
		order by id limit 1`;
	// An active incident and a component, made through the API as their users would.
	const declared = await send(need(discovered.endpoints.get('POST /api/incidents'), 'POST'), {
		path: '/api/incidents',
		token: apiToken.agent,
		json: { title: 'Authorisation matrix incident', impact: 'minor', bodyEn: 'Probe.' }
	});
	expect(declared.status, declared.text).toBe(201);
	incidentId = declared.body.id;
	componentId = Number(await scratch.component());
}, 120_000);
afterAll(() => t?.stop());

// ─────────────────────────── the probes ───────────────────────────

/** Rows an admin or lead may remove; made fresh for every probe, so each can succeed. */
const scratch = {
	async apiToken() {
		const [row] = await sql()<{ id: number }[]>`
			insert into api_tokens (user_id, name, token_hash, prefix)
			values (${userId.other}, 'authz scratch', ${'scratch-' + unique()}, 'lst_scr')
			returning id`;
		return String(row.id);
	},
	async rule() {
		const [row] = await sql()<{ id: number }[]>`
			insert into escalation_rules (name, trigger) values (${'authz ' + unique()}, 'breach')
			returning id`;
		return String(row.id);
	},
	async wall() {
		const [row] = await sql()<{ id: number }[]>`
			insert into walls (name) values (${'authz ' + unique()}) returning id`;
		return String(row.id);
	},
	async component() {
		const [row] = await sql()<{ id: number }[]>`
			insert into components (name) values (${'authz ' + unique()}) returning id`;
		return String(row.id);
	},
	async template() {
		const [row] = await sql()<{ id: number }[]>`
			insert into incident_templates (name, purpose, body_en)
			values (${'authz ' + unique()}, 'incident', 'Probe.') returning id`;
		return String(row.id);
	},
	async wallToken() {
		const [row] = await sql()<{ id: number }[]>`
			insert into wall_tokens (wall_id, name, token_hash, prefix)
			values (${wallId}, 'authz scratch', ${'scratch-' + unique()}, 'lsw_scr')
			returning id`;
		return String(row.id);
	},
	async webhook() {
		const [row] = await sql()<{ id: number }[]>`
			insert into status_subscribers (kind, url, secret, unsubscribe_token, confirmed_at)
			values ('webhook', ${'https://hooks.example.com/' + unique()}, 'whsec_c2NyYXRjaA==',
				${'authzscratch' + unique()}, now())
			returning id`;
		return String(row.id);
	}
};

/** A stale version: changes guarded by it are refused (409) without writing anything. */
const STALE = '999999999';

type FormProbe = (actor: Actor) => Promise<Record<string, string>> | Record<string, string>;

/**
 * What each action is sent. Inputs the route refuses on its own terms (400, 409, 422) wherever
 * that proves the access check passed without changing what later probes see; a fresh scratch
 * row where the action needs an existing one to answer anything but "not found".
 */
const FORMS: Record<string, FormProbe> = {
	'action /admin/escalation delete': async () => ({ id: await scratch.rule() }),
	'action /admin/tokens revoke': async () => ({ id: await scratch.apiToken() }),
	'action /admin/webhooks delete': async () => ({ id: await scratch.webhook() }),
	// Changing one's own role or deactivating oneself is refused; setting one's groups is harmless.
	'action /admin/users role': (actor) => ({ id: String(userId[actor] ?? 0), role: 'requester' }),
	'action /admin/users active': (actor) => ({ id: String(userId[actor] ?? 0) }),
	'action /admin/users groups': (actor) => ({ id: String(userId[actor] ?? 0) }),
	'action /desk/tickets/[number] claim': () => ({ version: STALE }),
	'action /desk/tickets/[number] update': () => ({ version: STALE, priority: '2' }),
	'action /desk/tickets/[number] comment': () => ({ body: '', mode: 'reply', version: STALE }),
	'action /desk/tickets/[number] escalate': () => ({ version: STALE, reason: 'authz probe' }),
	'action /desk/tickets/[number] handBack': () => ({ version: STALE, reason: 'authz probe' }),
	'action /desk/tickets/[number] notifyLead': () => ({ reason: '' }),
	'action /desk/tickets/[number] link': () => ({ related: '' }),
	'action /desk/tickets/[number] merge': () => ({ into: '' }),
	'action /admin/components delete': async () => ({ id: await scratch.component() }),
	'action /desk/incidents/templates delete': async () => ({ id: await scratch.template() }),
	'action /desk/incidents/[incident] update': () => ({
		version: STALE,
		status: 'identified',
		bodyEn: 'authz probe'
	}),
	'action /desk/incidents/[incident] edit': () => ({ version: STALE, title: 'authz probe' }),
	'action /desk/incidents/[incident] postmortem': () => ({ version: STALE, body: 'authz probe' }),
	'action /portal/tickets/[number] reply': () => ({ message: '' }),
	'action /portal/tickets/[number] reopen': () => ({ reason: '' }),
	'action /settings default': () => ({ locale: 'xx' }),
	'action /wall/manage save': () => ({ id: String(wallId), name: '' }),
	'action /wall/manage delete': async () => ({ id: await scratch.wall() }),
	'action /wall/manage revoke': async () => ({ id: await scratch.wallToken() }),
	'action /kb/[slug] vote': () => ({ helpful: 'maybe' }),
	'action /desk/kb/[id] save': () => ({ version: STALE, title: 'authz probe' }),
	'action /desk/kb/[id] status': () => ({ version: STALE, status: 'review' }),
	'action /desk/kb/[id] delete': () => ({ version: STALE }),
	'action /portal/new/solved default': () => ({ articleId: '' })
};

/** JSON bodies of the endpoint writes (see FORMS for the idea). */
const BODIES: Record<string, () => unknown> = {
	'POST /api/tickets': () => ({}),
	'PATCH /api/tickets/[number]': () => ({ version: 2147483647, title: 'authz probe' }),
	'POST /api/tickets/[number]/comments': () => ({ body: 'authz probe' }),
	'POST /api/tickets/[number]/escalate': () => ({
		level: 2,
		reason: 'authz probe',
		version: 2147483647
	}),
	'POST /api/tickets/[number]/hand-back': () => ({
		level: 1,
		reason: 'authz probe',
		version: 2147483647
	}),
	'POST /api/kb/articles': () => ({}),
	'POST /api/incidents': () => ({}),
	'PATCH /api/incidents/[incident]': () => ({ version: 2147483647, title: 'authz probe' }),
	'POST /api/incidents/[incident]/updates': () => ({
		version: 2147483647,
		status: 'identified',
		bodyEn: 'authz probe'
	}),
	'POST /api/incidents/[incident]/notes': () => ({ body: '' }),
	'POST /api/incidents/[incident]/affected': () => ({}),
	'POST /api/incidents/[incident]/tickets': () => ({ numbers: [] }),
	'DELETE /api/incidents/[incident]/tickets': () => ({ numbers: [] }),
	'POST /api/components': () => ({}),
	'PATCH /api/components/[component]': () => ({ position: -1 }),
	'PATCH /api/kb/articles/[article]': () => ({ version: 2147483647, title: 'authz probe' }),
	'POST /api/kb/articles/[article]/status': () => ({ version: 2147483647, status: 'review' }),
	'POST /api/kb/articles/[article]/votes': () => ({ helpful: 'maybe' }),
	'POST /desk/kb/preview': () => ({ body: '**authz**' })
};

/** The path and params of a route id: the owner's ticket, a public article. */
const address = (id: string) =>
	routeAddress(id, {
		number: String(ticket),
		slug: article.slug,
		id: String(article.id),
		article: String(article.id),
		incident: String(incidentId),
		component: String(componentId)
	});

/** An HTTP answer as an Expect (anything unexpected, such as a 5xx, as its status and text). */
function classify(r: Answer): Expect | string {
	if (r.status >= 300 && r.status < 400) {
		const location = r.headers.get('location') ?? '';
		return /^\/login(\?redirectTo=|$)/.test(location) ? 'login' : 'redirect';
	}
	if ([401, 403, 404, 405].includes(r.status)) return r.status as Expect;
	if (r.status >= 500 || r.status === 0) return `${r.status} ${r.text.slice(0, 200)}`;
	return 'ok';
}

/** Fresh sessions for probes that end the session they use (signing out). */
const ENDS_SESSION = new Set(['action /logout default']);

async function probe(key: string, actor: Actor, credential: 'session' | 'token'): Promise<Answer> {
	const [kind, id, name] = key.split(' ');
	// Deleting a component removes it: each probe deletes a fresh one.
	const { path, params } =
		key === 'DELETE /api/components/[component]'
			? routeAddress(id, { component: await scratch.component() })
			: address(id);
	const auth: Partial<Call> =
		actor === 'anonymous'
			? {}
			: credential === 'token'
				? { token: apiToken[actor] }
				: {
						session: ENDS_SESSION.has(key) ? await logIn(EMAIL[actor]) : session[actor],
						origin: ORIGIN
					};
	if (kind === 'load') {
		return send(pageRoute(discovered.pages.get(key)!), { path, params, ...auth });
	}
	if (kind === 'action') {
		const form = (await FORMS[key]?.(actor)) ?? {};
		const search = name === 'default' ? '' : `?/${name}`;
		return send(action(discovered.actions.get(key)!), {
			path: path + search,
			params,
			form,
			...auth
		});
	}
	const method = kind === 'fallback' ? 'DELETE' : kind;
	const body = BODIES[key]?.();
	return send(discovered.endpoints.get(key)!, {
		method,
		path,
		params,
		...(body === undefined ? {} : { json: body }),
		...auth
	});
}

const SOCKET_TOPIC: Record<string, () => string> = {
	'ticket:N': () => `ticket:${ticket}`,
	'user:N': () => `user:${userId.owner}`,
	'wall:N': () => `wall:${wallId}`,
	'queue:level-N': () => 'queue:level-1',
	'queue:group-N': () => `queue:group-${serviceDeskGroup}`,
	'queue:user-N': () => `queue:user-${userId.agent}`,
	'incident:N': () => `incident:${incidentId}`
};

// ─────────────────────────── the tests ───────────────────────────

const mismatch = (who: string, expected: Expect, got: Expect | string) =>
	`${who}: expected ${expected}, got ${got}`;

describe(`authorisation matrix on ${DB_KIND}`, () => {
	it('lists every page, action, endpoint and topic family on disk, and nothing else', () => {
		const listed = Object.keys(MATRIX).sort();
		expect(
			onDisk.filter((k) => !(k in MATRIX)),
			'on disk but not in the table: add a row with the expected answers'
		).toEqual([]);
		expect(
			listed.filter((k) => !onDisk.includes(k)),
			'in the table but no longer on disk: remove the row'
		).toEqual([]);
		// The discovery itself found what it must (a broken scan would pass the checks above).
		expect(discovered.pages.size).toBeGreaterThan(20);
		expect(discovered.actions.size).toBeGreaterThan(30);
		expect(discovered.endpoints.size).toBeGreaterThan(15);
		expect(discovered.topics).toEqual(expect.arrayContaining(['status', 'desk', 'ticket:N']));
	});

	const http = Object.keys(MATRIX).filter((k) => !k.startsWith('socket ') && onDisk.includes(k));
	it.each(http)('%s', async (key) => {
		const row = MATRIX[key];
		const problems: string[] = [];
		const isApi = / \/api\//.test(key) && !key.startsWith('load ');
		for (const [i, actor] of ACTORS.entries()) {
			const got = classify(await probe(key, actor, 'session'));
			if (got !== row[i]) problems.push(mismatch(actor, row[i], got));
			// API clients are the same people with a token: same answers.
			if (isApi && actor !== 'anonymous') {
				const viaToken = classify(await probe(key, actor, 'token'));
				if (viaToken !== row[i]) problems.push(mismatch(`${actor} (token)`, row[i], viaToken));
			}
		}
		expect(problems).toEqual([]);
	});

	it("another requester's lists and searches never show the owner's ticket", async () => {
		const list = need(discovered.endpoints.get('GET /api/tickets'), 'GET /api/tickets');
		const queries = [
			'',
			`?q=${ticket}`,
			`?q=%23${ticket}`,
			'?q=Authorisation%20matrix',
			'?status=new,open'
		];
		for (const query of queries) {
			const numbers = async (actor: Actor) => {
				const r = await send(list, { path: `/api/tickets${query}`, token: apiToken[actor] });
				expect(r.status, r.text).toBe(200);
				return (r.body.data as Array<{ number: number }>).map((x) => x.number);
			};
			expect(await numbers('owner'), `owner: ${query}`).toContain(ticket);
			expect(await numbers('agent'), `agent: ${query}`).toContain(ticket);
			expect(await numbers('other'), `other requester: ${query}`).not.toContain(ticket);
		}
	});

	describe('socket subscriptions', () => {
		const sockets = Object.keys(MATRIX).filter((k) => k.startsWith('socket '));
		let server: Awaited<ReturnType<typeof startSocketServer>>;
		beforeAll(async () => {
			server = await startSocketServer(t.ctx);
		});
		afterAll(() => server?.close());

		async function subscribe(
			actor: Actor,
			credential: 'session' | 'token',
			topic: string
		): Promise<Expect | string> {
			const socket = server.connect({
				transport: 'websocket',
				...(actor === 'anonymous'
					? {}
					: credential === 'token'
						? { token: apiToken[actor] }
						: { cookie: `leitstand_session=${session[actor]}` })
			});
			try {
				await connected(socket);
				const ack = await socket.timeout(10_000).emitWithAck('subscribe', { topics: [topic] });
				if (ack.ok) return 'ok';
				return ack.error.code === 'forbidden' ? 'forbidden' : `error ${ack.error.code}`;
			} finally {
				socket.close();
			}
		}

		it.each(sockets.filter((k) => onDisk.includes(k)))('%s', async (key) => {
			const family = key.slice('socket '.length);
			const topic = SOCKET_TOPIC[family]?.() ?? family;
			const row = MATRIX[key];
			const problems: string[] = [];
			for (const [i, actor] of ACTORS.entries()) {
				const got = await subscribe(actor, 'session', topic);
				if (got !== row[i]) problems.push(mismatch(`${actor} on ${topic}`, row[i], got));
				if (actor !== 'anonymous') {
					const viaToken = await subscribe(actor, 'token', topic);
					if (viaToken !== row[i]) {
						problems.push(mismatch(`${actor} (token) on ${topic}`, row[i], viaToken));
					}
				}
			}
			expect(problems).toEqual([]);
		});
	});
});
