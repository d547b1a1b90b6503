import {
	test as base,
	expect,
	type APIRequestContext,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page
} from '@playwright/test';

export { expect };

export const DEMO_PASSWORD = 'leitstand-demo';
/** Set by playwright.config.ts (a free port per run). */
export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:4173';
export const SESSION_COOKIE = 'leitstand_session';

export type Role = 'requester' | 'agent' | 'lead' | 'admin';

export interface DemoAccount {
	email: string;
	name: string;
	role: Role;
	home: string;
}

/** The accounts `SEED_DEMO=1` creates (src/lib/server/seed/demo.ts). */
export const DEMO: Record<'admin' | 'lead' | 'l1' | 'l2' | 'l3' | 'user' | 'user2', DemoAccount> = {
	admin: { email: 'admin@example.com', name: 'Ada Admin', role: 'admin', home: '/admin' },
	lead: { email: 'lead@example.com', name: 'Lea Lead', role: 'lead', home: '/wall' },
	l1: { email: 'l1@example.com', name: 'Lukas Level-One', role: 'agent', home: '/desk' },
	l2: { email: 'l2@example.com', name: 'Nora Network', role: 'agent', home: '/desk' },
	l3: { email: 'l3@example.com', name: 'Ivan Infrastructure', role: 'agent', home: '/desk' },
	user: { email: 'user@example.com', name: 'Uma User', role: 'requester', home: '/portal' },
	user2: { email: 'user2@example.com', name: 'Ulf User', role: 'requester', home: '/portal' }
};

/**
 * Wait until SvelteKit has hydrated the page. Svelte overwrites what was typed into a
 * server-rendered `<input value=…>` before hydration, and `use:enhance` only works afterwards.
 * SvelteKit's client sets `history.scrollRestoration = 'manual'` once hydrated and routing.
 */
export async function hydrated(page: Page) {
	await page.waitForFunction(() => history.scrollRestoration === 'manual');
}

/** Fill and submit the login form on the current page (which must be /login). */
export async function submitLogin(page: Page, email: string, password = DEMO_PASSWORD) {
	await hydrated(page);
	await page.locator('#email').fill(email);
	await page.locator('#password').fill(password);
	await page.locator('main form button[type="submit"]').click();
}

/** Sign in through the login page and wait for the role's home. */
export async function signIn(page: Page, account: DemoAccount) {
	await page.goto('/login');
	await submitLogin(page, account.email);
	await expect(page).toHaveURL(account.home);
}

/**
 * POST a form the way a browser without JavaScript does. `accept: text/html` matters: with
 * Playwright's default (any type) SvelteKit answers as for `use:enhance`: JSON, status 200.
 */
export function postForm(
	request: APIRequestContext,
	path: string,
	form: Record<string, string>,
	origin = BASE_URL
) {
	return request.post(path, {
		form,
		headers: { origin, accept: 'text/html' },
		maxRedirects: 0
	});
}

/** The raw session token of a signed-in browser context. */
export async function sessionToken(context: BrowserContext): Promise<string> {
	const cookie = (await context.cookies(BASE_URL)).find((c) => c.name === SESSION_COOKIE);
	if (!cookie) throw new Error('no session cookie in this browser context');
	return cookie.value;
}

/**
 * The project's `test`: every test also fails when the server answered any request with a 5xx,
 * so "no 500 anywhere" holds for every page a test opens.
 */
export const test = base.extend<{ serverErrors: string[] }>({
	serverErrors: [
		async ({ page }, use) => {
			const errors: string[] = [];
			page.on('response', (response) => {
				if (response.status() >= 500) errors.push(`${response.status()} ${response.url()}`);
			});
			await use(errors);
			expect(errors, 'responses with a 5xx status').toEqual([]);
		},
		{ auto: true }
	]
});

/** The confirmation link mailed to `email` (read from the admin mailbox, as an admin). */
export async function mailedLink(browser: Browser, email: string): Promise<string> {
	const context = await browser.newContext();
	try {
		const admin = await context.newPage();
		await signIn(admin, DEMO.admin);
		await admin.goto('/admin/mail');
		const body = await admin
			.getByTestId('admin-mail')
			.locator('li', { hasText: email })
			.first()
			.getByTestId('mail-body')
			.textContent();
		const link = /https?:\/\/\S+(\/signup\/confirm\?token=[a-z2-7]+)/.exec(body ?? '')?.[1];
		expect(link, `a confirmation link in the mail to ${email}`).toBeDefined();
		return link!;
	} finally {
		await context.close();
	}
}

/**
 * A signed-in page in its own browser context (its own session), closed by the caller; 5xx
 * answers it sees are pushed to `errors`.
 */
export async function signedInContext(
	browser: Browser,
	account: DemoAccount,
	options: BrowserContextOptions = {},
	errors: string[] = []
): Promise<Page> {
	const context = await browser.newContext(options);
	const page = await context.newPage();
	page.on('response', (response) => {
		if (response.status() >= 500) errors.push(`${response.status()} ${response.url()}`);
	});
	await signIn(page, account);
	return page;
}

/** Open a ticket through the API as the page's user; returns its number. */
export async function openTicket(
	page: Page,
	title: string,
	body = 'Created by an end-to-end test.',
	scale: { urgency: number; impact: number } = { urgency: 2, impact: 2 }
) {
	const categories = await page.request.get('/api/categories');
	expect(categories.ok()).toBe(true);
	const { data } = (await categories.json()) as { data: Array<{ id: number; key: string }> };
	const categoryId = (data.find((c) => c.key === 'network') ?? data[0]).id;
	const response = await page.request.post('/api/tickets', {
		data: { title, body, categoryId, ...scale }
	});
	expect(response.status()).toBe(201);
	return ((await response.json()) as { number: number }).number;
}

export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
