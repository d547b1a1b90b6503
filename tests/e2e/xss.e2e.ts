// Cross-site scripting: a corpus of payloads goes through every field people write — ticket title
// and description, replies and internal notes, escalation, hand-back and team-lead reasons (API and
// desk form), user, group, category, calendar, escalation-rule, API-token, wall and kiosk-link
// names (admin and wall-management forms) — and then every page that shows them is opened as the
// people who see them. On each page: no dialog opened, no payload's script ran (each sets
// `window.__xss` or opens an alert), no element carries an event-handler attribute, a
// `javascript:` URL, an injected script or frame, and each payload is there as text (or as the
// value of a form field), exactly as typed. Internal notes never reach the requester's page.
// The app's Content-Security-Policy would stop most injected scripts from running, so the markup
// check is the one that proves the escaping; "no script ran" and "no dialog" back it up.
import type { APIRequestContext, Browser, BrowserContext, Page } from '@playwright/test';
import { BASE_URL, DEMO, DEMO_PASSWORD, expect, hydrated, test, type DemoAccount } from './support';

const run = Date.now().toString(36).slice(-4);

/** Payloads for every field; names allow 80 characters, so each stays well under that. */
const RAW = [
	'<script>window.__xss=1</script>',
	'<img src=x onerror="window.__xss=1">',
	'<svg onload="window.__xss=1"><circle r=9 /></svg>',
	'" onmouseover="window.__xss=1" autofocus onfocus="window.__xss=1" x="',
	"' onmouseover='window.__xss=1' autofocus onfocus='window.__xss=1' x='",
	'javascript:window.__xss=1//',
	'</script><script>window.__xss=1</script>',
	'{{constructor.constructor("window.__xss=1")()}}',
	'${window.__xss=1}',
	'[click me](javascript:window.__xss=1)',
	'<a href="javascript:window.__xss=1">link</a>',
	'<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
	'<details open ontoggle="window.__xss=1">',
	'<body onload="alert(1)">',
	'<input autofocus onfocus="alert(1)">',
	'</textarea><img src=x onerror=alert(1)>',
	'</title><img src=x onerror=alert(1)>',
	'<!--<img src="--><img src=x onerror=alert(1)>',
	'<style>*{background:url("javascript:alert(1)")}</style>',
	'&lt;img src=x onerror=alert(1)&gt;',
	'%3Cscript%3Ealert(1)%3C%2Fscript%3E',
	'<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'
];
/** Each payload with a tag in front, so it can be found (and told apart from other runs). */
const P = RAW.map((raw, i) => `X${run}${String(i).padStart(2, '0')} ${raw}`);
/** A subset for things that stay around (groups, categories, calendars, walls, users…). */
const NAMES = [0, 1, 2, 3, 4, 6, 7, 9].map((i) => P[i]);

interface Account extends DemoAccount {
	password: string;
}
const requester: Account = {
	email: `xss-requester-${run}@example.com`,
	name: NAMES[0],
	role: 'requester',
	home: '/portal',
	password: 'xss corpus password 1'
};
const agent: Account = {
	email: `xss-agent-${run}@example.com`,
	name: NAMES[1],
	role: 'agent',
	home: '/desk',
	password: 'xss corpus password 2'
};
const demo = (account: DemoAccount): Account => ({ ...account, password: DEMO_PASSWORD });

/** Every payload of the run, in every field: what the pages must show. */
const data = {
	storage: new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>(),
	ticket: 0,
	titles: [] as number[],
	groups: new Map<string, number>(),
	walls: new Map<string, number>(),
	calendars: new Map<string, number>(),
	categoryIds: new Map<string, number>(),
	rules: [] as number[],
	users: new Map<string, number>(),
	serviceDesk: 0
};

// ─────────────────────────── writing ───────────────────────────

/**
 * Submit a form action as `use:enhance` does (JSON ActionResult); repeated fields as pairs. A
 * refused one fails the test with the server's answer.
 */
async function submit(
	request: APIRequestContext,
	path: string,
	fields: Array<[string, string]>,
	expected: 'success' | 'redirect' = 'success'
) {
	const response = await request.post(path, {
		data: new URLSearchParams(fields).toString(),
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: BASE_URL,
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		},
		maxRedirects: 0
	});
	const text = await response.text();
	expect(response.status(), `${path}: ${text.slice(0, 400)}`).toBe(200);
	expect(JSON.parse(text).type, `${path}: ${text.slice(0, 400)}`).toBe(expected);
}

async function api(
	request: APIRequestContext,
	method: 'get' | 'post' | 'patch',
	path: string,
	body?: unknown
) {
	const response = await request[method](path, body === undefined ? {} : { data: body });
	const text = await response.text();
	expect(response.status(), `${method.toUpperCase()} ${path}: ${text.slice(0, 400)}`).toBeLessThan(
		300
	);
	return JSON.parse(text);
}

async function signedIn(browser: Browser, account: Account): Promise<BrowserContext> {
	const saved = data.storage.get(account.email);
	const context = await browser.newContext(saved ? { storageState: saved } : {});
	if (!saved) {
		const page = await context.newPage();
		await page.goto('/login');
		await hydrated(page);
		await page.locator('#email').fill(account.email);
		await page.locator('#password').fill(account.password);
		await page.locator('main form button[type="submit"]').click();
		await expect(page).toHaveURL(account.home);
		data.storage.set(account.email, await context.storageState());
		await page.close();
	}
	return context;
}

/** Read `[name, id]` pairs off a page: each element matching `rows`, its name and id. */
async function idsOn(
	page: Page,
	path: string,
	rows: string,
	name: string,
	id = 'input[name="id"]'
) {
	await page.goto(path);
	return new Map(
		await page.locator(rows).evaluateAll(
			(elements, [nameSel, idSel]) =>
				elements.map((e) => {
					const n = nameSel.startsWith('@')
						? (e.getAttribute(nameSel.slice(1)) ?? '')
						: ((e.querySelector(nameSel) as HTMLInputElement | null)?.value ?? '');
					const i = (e.querySelector(idSel) as HTMLInputElement | null)?.value ?? '';
					return [n, Number(i)] as [string, number];
				}),
			[name, id]
		)
	);
}

// ─────────────────────────── checking a page ───────────────────────────

interface Visit {
	page: Page;
	dialogs: string[];
	errors: string[];
}

async function open(browser: Browser, account: Account, path: string): Promise<Visit | null> {
	const context = await signedIn(browser, account);
	const page = await context.newPage();
	const visit: Visit = { page, dialogs: [], errors: [] };
	page.on('dialog', (dialog) => {
		visit.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
		void dialog.dismiss().catch(() => {});
	});
	page.on('response', (r) => {
		if (r.status() >= 500) visit.errors.push(`${r.status()} ${r.url()}`);
	});
	page.on('pageerror', (e) => visit.errors.push(`page error: ${e.message}`));
	const response = await page.goto(path);
	expect.soft(response?.status(), `${path}: status`).toBe(200);
	if (response?.status() !== 200) {
		await context.close();
		return null;
	}
	await hydrated(page);
	return visit;
}

/** What a page must not have: traces of markup or script that came from a payload. */
async function injected(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const found: string[] = [];
		const describe = (e: Element) => `<${e.tagName.toLowerCase()}> ${e.outerHTML.slice(0, 120)}`;
		for (const e of document.querySelectorAll('*')) {
			for (const attr of e.getAttributeNames()) {
				const value = e.getAttribute(attr) ?? '';
				if (/^on/i.test(attr)) found.push(`event handler ${attr}: ${describe(e)}`);
				if (/^\s*(javascript|vbscript):/i.test(value)) found.push(`script URL: ${describe(e)}`);
				if (attr === 'srcdoc') found.push(`srcdoc: ${describe(e)}`);
			}
		}
		for (const e of document.querySelectorAll('iframe, frame, object, embed, math, mglyph')) {
			found.push(`element: ${describe(e)}`);
		}
		for (const s of document.querySelectorAll('script')) {
			if (/^\s*(window\.|parent\.)?__xss|^\s*alert\(/.test(s.textContent ?? '')) {
				found.push(`script: ${describe(s)}`);
			}
		}
		for (const s of document.querySelectorAll('style')) {
			if (/javascript:/i.test(s.textContent ?? '')) found.push(`style: ${describe(s)}`);
		}
		return found;
	});
}

/** The texts (or form-field values) of `expected` the page does not show. */
async function missing(page: Page, expected: string[]): Promise<string[]> {
	return page.evaluate((texts) => {
		const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
		// Text as the page shows it: not what its scripts carry (SvelteKit's data, for one).
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		let text = '';
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const parent = node.parentElement?.tagName;
			if (parent !== 'SCRIPT' && parent !== 'STYLE' && parent !== 'TEMPLATE')
				text += node.nodeValue;
		}
		const fields = [...document.querySelectorAll('input, textarea')].map(
			(e) => (e as HTMLInputElement).value
		);
		const haystack = [text, ...fields].map(norm).join('\n');
		return texts.filter((t) => !haystack.includes(norm(t)));
	}, expected);
}

/**
 * Open `path` as `account`: nothing ran, nothing was injected, every `shows` is there as text.
 * Soft assertions: one test opens several pages and reports every page's problems.
 */
async function check(
	browser: Browser,
	account: Account,
	path: string,
	shows: string[],
	extra?: (page: Page) => Promise<void>
) {
	const visit = await open(browser, account, path);
	if (!visit) return;
	const { page } = visit;
	try {
		// Give event-driven payloads (onload, onerror, autofocus, hover) their chance, then look.
		await page.mouse.move(200, 300);
		await page.keyboard.press('Tab');
		await page.waitForTimeout(300);
		expect.soft(await missing(page, shows), `${path}: payloads not shown as text`).toEqual([]);
		await extra?.(page);
		const ran = await page.evaluate(() => (window as { __xss?: unknown }).__xss);
		expect.soft(ran, `${path}: a payload's script ran`).toBe(undefined);
		expect.soft(visit.dialogs, `${path}: dialogs`).toEqual([]);
		expect.soft(await injected(page), `${path}: injected markup`).toEqual([]);
		expect.soft(visit.errors, `${path}: errors`).toEqual([]);
	} finally {
		await page.context().close();
	}
}

// ─────────────────────────── the run ───────────────────────────

test.describe.configure({ mode: 'serial', timeout: 60_000 });

test.describe('XSS corpus', () => {
	test.beforeAll(async ({ browser }) => {
		test.setTimeout(240_000);
		const admin = await signedIn(browser, demo(DEMO.admin));
		const lead = await signedIn(browser, demo(DEMO.lead));
		const adminPage = await admin.newPage();
		const a = admin.request;

		// People: the requester and the agent carry payload names; more payload names in the list.
		const before = await idsOn(
			adminPage,
			'/admin/groups',
			'[data-testid="group-card"]',
			'@data-name'
		);
		const serviceDesk = before.get('Service Desk')!;
		data.serviceDesk = serviceDesk;
		expect(serviceDesk).toBeGreaterThan(0);
		const people: Account[] = [
			requester,
			agent,
			...NAMES.slice(2).map((name, i) => ({
				email: `xss-extra-${i}-${run}@example.com`,
				name,
				role: 'requester' as const,
				home: '/portal',
				password: 'xss corpus password 3'
			}))
		];
		for (const p of people) {
			await submit(a, '/admin/users?/create', [
				['name', p.name],
				['email', p.email],
				['role', p.role],
				['password', p.password],
				...(p.role === 'agent' ? [['groupIds', String(serviceDesk)] as [string, string]] : [])
			]);
		}
		const agentId = (await api((await signedIn(browser, agent)).request, 'get', '/api/me')).user.id;
		const requesterId = (await api((await signedIn(browser, requester)).request, 'get', '/api/me'))
			.user.id;
		const leadId = (await api(lead.request, 'get', '/api/me')).user.id;
		data.users.set(requester.name, requesterId);

		// Groups (level 2, the agent a member, the demo lead their lead), then categories whose
		// level-2 path is those groups, calendars, escalation rules and API tokens.
		for (const name of NAMES) {
			await submit(a, '/admin/groups?/save', [
				['name', name],
				['level', '2'],
				['area', `xss-${run}`],
				['capacity', '5'],
				['leadId', String(leadId)],
				['memberIds', String(agentId)]
			]);
		}
		const groups = await idsOn(
			adminPage,
			'/admin/groups',
			'[data-testid="group-card"]',
			'@data-name'
		);
		for (const name of NAMES) data.groups.set(name, groups.get(name)!);
		expect([...data.groups.values()].every((id) => id > 0)).toBe(true);
		for (const [i, name] of NAMES.entries()) {
			await submit(a, '/admin/routing?/save', [
				['key', `xss${run}${i}`],
				['nameEn', name],
				['nameDe', name],
				['groupId', String(serviceDesk)],
				['level2GroupId', String(data.groups.get(name))],
				['level3GroupId', ''],
				['active', 'on'],
				['sortOrder', String(9000 + i)]
			]);
			await submit(a, '/admin/calendars?/save', [
				['name', name],
				['timeZone', 'Europe/Berlin'],
				...['mon', 'tue', 'wed', 'thu', 'fri'].map(
					(d) => [`week.${d}`, '08:00-18:00'] as [string, string]
				),
				['week.sat', ''],
				['week.sun', ''],
				['holidays', '']
			]);
			await submit(a, '/admin/escalation?/save', [
				['name', name],
				['trigger', 'breach'],
				['metric', ''],
				['priorities', '4'],
				['groupIds', String(data.groups.get(name))],
				['notifyLead', 'on']
				// not active: the rule never fires during other tests
			]);
			await submit(a, '/admin/tokens?/create', [
				['userId', String(requesterId)],
				['name', name]
			]);
		}
		await adminPage.goto('/admin/calendars');
		data.calendars = new Map(
			await adminPage
				.locator('a[href^="?id="]')
				.evaluateAll((links) =>
					links.map(
						(l) =>
							[
								l.querySelector('span')?.textContent ?? '',
								Number(l.getAttribute('href')!.slice('?id='.length))
							] as [string, number]
					)
				)
		);

		// Walls and kiosk links, by the lead.
		for (const name of NAMES) {
			await submit(lead.request, '/wall/manage?/create', [
				['name', name],
				['groupIds', String(data.groups.get(name))]
			]);
		}
		const leadPage = await lead.newPage();
		data.walls = await idsOn(
			leadPage,
			'/wall/manage',
			'[data-testid="wall-row"]',
			'input[name="name"]'
		);
		for (const name of NAMES) {
			expect(data.walls.get(name), `wall ${name}`).toBeGreaterThan(0);
			await submit(lead.request, '/wall/manage?/token', [
				['wallId', String(data.walls.get(name))],
				['name', name]
			]);
		}

		// Tickets: one per payload as its title; the first carries every payload everywhere.
		const r = (await signedIn(browser, requester)).request;
		const categories = (await api(r, 'get', '/api/categories')).data as Array<{
			id: number;
			key: string;
		}>;
		const xssCategory = categories.find((c) => c.key === `xss${run}0`)!.id;
		const network = categories.find((c) => c.key === 'network')!.id;
		const main = await api(r, 'post', '/api/tickets', {
			title: P[0],
			body: P.join('\n'),
			categoryId: xssCategory,
			urgency: 3,
			impact: 3
		});
		data.ticket = main.number;
		for (const title of P) {
			const t = await api(r, 'post', '/api/tickets', {
				title,
				body: `Only the title is a payload (${run}).`,
				categoryId: network,
				urgency: 3,
				impact: 3
			});
			data.titles.push(t.number);
		}
		for (const text of P) {
			await api(r, 'post', `/api/tickets/${data.ticket}/comments`, { body: `ASKED ${text}` });
		}

		// The agent: a public reply, internal notes, a new title, escalation, hand-back, lead.
		const g = (await signedIn(browser, agent)).request;
		const n = data.ticket;
		await api(g, 'post', `/api/tickets/${n}/comments`, { body: `REPLIED\n${P.join('\n')}` });
		for (const text of P) {
			await api(g, 'post', `/api/tickets/${n}/comments`, { body: `NOTED ${text}`, internal: true });
		}
		const version = async () => (await api(g, 'get', `/api/tickets/${n}`)).version as number;
		await api(g, 'patch', `/api/tickets/${n}`, { version: await version(), title: P[1] });
		await api(g, 'post', `/api/tickets/${n}/escalate`, {
			level: 2,
			reason: `ESCALATED ${P.slice(0, 11).join('\n')}`,
			version: await version()
		});
		await api(g, 'post', `/api/tickets/${n}/hand-back`, {
			level: 1,
			reason: `HANDED BACK ${P.slice(11).join('\n')}`,
			version: await version()
		});
		await api(g, 'post', `/api/tickets/${n}/escalate`, {
			groupId: data.groups.get(NAMES[0]),
			reason: `ESCALATED AGAIN ${P[2]}`,
			version: await version()
		});
		await submit(g, `/desk/tickets/${n}?/notifyLead`, [['reason', `LEAD ${P[3]}`]]);
		await api(g, 'patch', `/api/tickets/${n}`, { version: await version(), assigneeId: agentId });
		await admin.close();
		await lead.close();
	});

	test.afterAll(async ({ browser }) => {
		// Leave the demo organisation as other tests expect it: no payload walls, rules, people.
		const admin = await signedIn(browser, demo(DEMO.admin));
		const page = await admin.newPage();
		const users = await idsOn(page, '/admin/users', '[data-testid="user-row"]', '@data-email');
		for (const [email, id] of users) {
			if (email.startsWith('xss-') && email.endsWith(`${run}@example.com`)) {
				await submit(admin.request, '/admin/users?/active', [['id', String(id)]]).catch(() => {});
			}
		}
		for (const id of data.walls.values()) {
			await submit(admin.request, '/wall/manage?/delete', [['id', String(id)]]).catch(() => {});
		}
		// Categories cannot be deleted: saved again without `active`, they leave the portal's list.
		const categories = (await (await admin.request.get('/api/categories')).json()).data as Array<{
			id: number;
			key: string;
		}>;
		for (const [i, name] of NAMES.entries()) {
			const category = categories.find((c) => c.key === `xss${run}${i}`);
			if (!category) continue;
			await submit(admin.request, '/admin/routing?/save', [
				['id', String(category.id)],
				['key', category.key],
				['nameEn', name],
				['nameDe', name],
				['groupId', String(data.serviceDesk)],
				['level2GroupId', String(data.groups.get(name))],
				['level3GroupId', ''],
				['sortOrder', String(9000 + i)]
			]).catch(() => {});
		}
		await admin.close();
	});

	const all = () => P;
	const titles = () => [P[1], ...P];

	test('the checks themselves catch a payload that gets through', async ({ browser }) => {
		// Markup put into the page behind the app's back must be found by the same checks. (The
		// page's Content-Security-Policy keeps its inline handlers from running: the markup check
		// is what tells whether the app escaped its data, the other two are a second line.)
		const visit = (await open(browser, requester, '/portal'))!;
		const { page } = visit;
		const probe = `<img src=x onerror="window.__probe${run}=1">`;
		try {
			await page.evaluate(
				(html) => document.body.insertAdjacentHTML('beforeend', html),
				`${probe}<a href="javascript:alert(1)">x</a><b title="" onmouseover="x">y${run}</b>`
			);
			expect(await injected(page)).toHaveLength(3);
			// Parsed as markup, the probe is not there as text; the plain text is.
			expect(await missing(page, [probe, `y${run}`])).toEqual([probe]);
			await page.evaluate(() => setTimeout(() => alert('xss'), 0));
			await expect.poll(() => visit.dialogs).toEqual(['alert: xss']);
			await page.evaluate(() => ((window as { __xss?: unknown }).__xss = 1));
			expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBe(1);
		} finally {
			await page.context().close();
		}
	});

	test('portal: the list and the ticket show every payload as text', async ({ browser }) => {
		await check(browser, requester, '/portal', [...titles(), requester.name]);
		await check(
			browser,
			requester,
			`/portal/tickets/${data.ticket}`,
			[
				P[1],
				...all(),
				...P.map((p) => `ASKED ${p}`),
				`REPLIED ${P.join(' ')}`,
				NAMES[0], // the category, the group
				agent.name
			],
			async (page) => {
				// Internal notes never reach the requester's page, not even in its data.
				expect.soft(await page.content(), 'internal notes on the portal').not.toContain('NOTED');
			}
		);
		for (const n of data.titles.slice(0, 4)) {
			await check(browser, requester, `/portal/tickets/${n}`, [P[data.titles.indexOf(n)]]);
		}
	});

	test('desk: the queues and the ticket show every payload as text', async ({ browser }) => {
		test.setTimeout(120_000);
		const l1 = demo(DEMO.l1);
		// Level 1 has the tickets that carry a payload title only, level 2 the escalated one.
		const search = `&status=all&search=${encodeURIComponent(`X${run}`)}`;
		await check(browser, l1, `/desk?queue=l1${search}`, P);
		await check(browser, l1, `/desk?queue=l2${search}`, [P[1]]);
		await check(browser, agent, `/desk?queue=mine`, [P[1], agent.name]);
		await check(browser, l1, `/desk/tickets/${data.ticket}`, [
			P[0], // the old title in the history
			P[1],
			...all(),
			...P.map((p) => `ASKED ${p}`),
			...P.map((p) => `NOTED ${p}`),
			`REPLIED ${P.join(' ')}`,
			`ESCALATED ${P.slice(0, 11).join(' ')}`,
			`HANDED BACK ${P.slice(11).join(' ')}`,
			`ESCALATED AGAIN ${P[2]}`,
			`LEAD ${P[3]}`,
			requester.name,
			agent.name,
			NAMES[0]
		]);
		await check(browser, l1, `/desk/tickets/${data.titles[5]}`, [P[5], requester.name]);
	});

	test('wall: lanes, switcher and management show payload names as text', async ({ browser }) => {
		const lead = demo(DEMO.lead);
		await check(browser, lead, '/wall', [...NAMES]);
		await check(browser, lead, `/wall?wall=${data.walls.get(NAMES[3])}`, [NAMES[3]]);
		await check(browser, lead, `/wall?wall=${data.walls.get(NAMES[1])}&theme=light`, [NAMES[1]]);
		await check(browser, lead, '/wall/manage', [...NAMES]);
	});

	test('the requester and the agent see their own payload names on their pages', async ({
		browser
	}) => {
		await check(browser, requester, '/settings', [requester.name]);
		await check(browser, requester, '/portal/new', [NAMES[0]]); // the categories to choose from
		await check(browser, agent, '/settings', [agent.name]);
	});

	test('admin pages show payload names as text', async ({ browser }) => {
		test.setTimeout(150_000); // a dozen pages, on a busy 2-core machine
		const admin = demo(DEMO.admin);
		await check(browser, admin, '/admin', []);
		await check(browser, admin, '/admin/users', [...NAMES]);
		await check(browser, admin, `/admin/users?q=${encodeURIComponent(`X${run}`)}`, [...NAMES]);
		await check(browser, admin, '/admin/groups', [...NAMES, agent.name]);
		await check(browser, admin, '/admin/routing', [...NAMES]);
		await check(browser, admin, '/admin/calendars', [...NAMES]);
		await check(browser, admin, `/admin/calendars?id=${data.calendars.get(NAMES[4])}`, [NAMES[4]]);
		await check(browser, admin, '/admin/sla', [...NAMES]);
		await check(browser, admin, '/admin/escalation', [...NAMES]);
		await check(browser, admin, '/admin/tokens', [...NAMES]);
		await check(browser, admin, '/admin/mail', [P[0], `REPLIED`]);
		await check(browser, admin, '/admin/settings', []);
	});
});
