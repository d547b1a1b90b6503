// Times read one way: in the organisation's zone (Europe/Berlin in the demo), the same without
// JavaScript, after hydration, and in a browser set to another zone than the server's.
import type { Browser, BrowserContextOptions, Page } from '@playwright/test';
import {
	DEMO,
	DEMO_PASSWORD,
	expect,
	hydrated,
	openTicket,
	signedInContext,
	test,
	unique,
	type DemoAccount
} from './support';

const ORGANISATION_ZONE = 'Europe/Berlin';
const serverErrors: string[] = [];
test.afterEach(() => {
	expect(serverErrors.splice(0), 'responses with a 5xx status').toEqual([]);
});

interface ShownTime {
	datetime: string | null;
	text: string;
	title: string | null;
}

/** Every absolute time on the page (relative ones, "due in 10 min", move with the clock). */
function shownTimes(page: Page): Promise<ShownTime[]> {
	return page.locator('main time:not([data-relative])').evaluateAll((elements) =>
		elements.map((e) => ({
			datetime: e.getAttribute('datetime'),
			text: (e.textContent ?? '').replace(/\s+/g, ' ').trim(),
			title: e.getAttribute('title')
		}))
	);
}

/** A signed-in browser without JavaScript: the login form is posted as a plain form. */
async function withoutJavaScript(browser: Browser, account: DemoAccount): Promise<Page> {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	page.on('response', (r) => {
		if (r.status() >= 500) serverErrors.push(`${r.status()} ${r.url()}`);
	});
	await page.goto('/login');
	await page.locator('#email').fill(account.email);
	await page.locator('#password').fill(DEMO_PASSWORD);
	await page.locator('main form button[type="submit"]').click();
	await expect(page).toHaveURL(account.home);
	return page;
}

const withJavaScript = (browser: Browser, account: DemoAccount, options: BrowserContextOptions) =>
	signedInContext(browser, account, options, serverErrors);

/** The times of `path` as three browsers show them: no JS, JS in UTC, JS in New York. */
async function timesEverywhere(browser: Browser, account: DemoAccount, path: string) {
	const pages = [
		await withoutJavaScript(browser, account),
		await withJavaScript(browser, account, { timezoneId: 'UTC' }),
		await withJavaScript(browser, account, { timezoneId: 'America/New_York' })
	];
	const shown: ShownTime[][] = [];
	for (const [i, page] of pages.entries()) {
		await page.goto(path);
		if (i > 0) {
			await hydrated(page);
			// The page's clock has started (it ticks from the browser's time once mounted).
			await page.waitForTimeout(300);
			expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(
				i === 1 ? 'UTC' : 'America/New_York'
			);
		}
		shown.push(await shownTimes(page));
	}
	for (const page of pages) await page.context().close();
	return shown;
}

/** How the organisation's zone writes `iso` (what every page must show, e.g. "12 Mar 2026, 14:05"). */
const inOrganisationZone = (iso: string) =>
	new Intl.DateTimeFormat('en-GB', {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: ORGANISATION_ZONE
	}).format(new Date(iso));

test.describe('times', () => {
	test.describe.configure({ timeout: 90_000 });

	test('a ticket’s dates read the same without JavaScript, hydrated, and in another zone', async ({
		browser
	}) => {
		// A ticket with a conversation and a history: the requester opens it, the agent replies.
		const requester = await withJavaScript(browser, DEMO.user, {});
		const number = await openTicket(requester, `Times ${unique()}`);
		const agent = await withJavaScript(browser, DEMO.l1, {});
		const reply = await agent.request.post(`/api/tickets/${number}/comments`, {
			data: { body: 'Which client version do you use?' }
		});
		expect(reply.status()).toBe(201);
		const created = ((await reply.json()) as { ticket: { createdAt: string } }).ticket.createdAt;
		await requester.context().close();
		await agent.context().close();

		for (const [account, path] of [
			[DEMO.l1, `/desk/tickets/${number}`],
			[DEMO.user, `/portal/tickets/${number}`]
		] as const) {
			const [plain, utc, newYork] = await timesEverywhere(browser, account, path);
			// Opened, replied, the history's steps: several times, each shown in the same words.
			expect(plain.length, path).toBeGreaterThanOrEqual(3);
			expect(utc, `${path}: hydrated (UTC) vs. server-rendered`).toEqual(plain);
			expect(newYork, `${path}: hydrated (New York) vs. server-rendered`).toEqual(plain);
			// …in the organisation's zone, with the zone named where the full time is shown.
			const opened = plain.find((t) => t.datetime === created);
			expect(opened?.text, path).toContain(inOrganisationZone(created));
			expect(opened?.title, path).toMatch(/ CES?T$/);
		}
	});
});
