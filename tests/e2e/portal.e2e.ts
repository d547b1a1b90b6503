// The requester portal: open a ticket, validation, text stays text, privacy, live updates, screenshots.
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { DEMO, expect, hydrated, signIn, test } from './support';

const OUT = fileURLToPath(new URL('./screenshots/', import.meta.url));
const stamp = Date.now().toString(36);
const TITLE = `VPN drops every few minutes ${stamp}`;
const HOSTILE = `<script>alert(1)</script><img src=x onerror=alert(2)> printer ${stamp}`;

/** Fill the new-ticket form (on /portal/new, hydrated). */
async function fillTicket(
	page: Page,
	t: { title: string; body?: string; category?: string; urgency?: RegExp; impact?: RegExp }
) {
	await page.getByLabel('Title').fill(t.title);
	if (t.body !== undefined) await page.getByLabel('Description').fill(t.body);
	if (t.category) await page.getByLabel('Area').selectOption({ label: t.category });
	if (t.urgency) await page.getByRole('radio', { name: t.urgency }).check();
	if (t.impact) await page.getByRole('radio', { name: t.impact }).check();
}

async function openTicket(page: Page, title: string): Promise<number> {
	await page.goto('/portal/new');
	await hydrated(page);
	await fillTicket(page, {
		title,
		body: 'Since this morning the VPN disconnects.\nRestarting did not help.',
		category: 'Network & VPN',
		urgency: /I cannot work/,
		impact: /Only me/
	});
	await page.getByRole('button', { name: 'Submit ticket' }).click();
	await expect(page).toHaveURL(/\/portal\/tickets\/\d+/);
	return Number(new URL(page.url()).pathname.split('/').pop());
}

test.describe.configure({ mode: 'serial' });

let number = 0;

test('a requester opens a ticket, sees the priority preview, lands on it and finds it in /portal', async ({
	page
}) => {
	await signIn(page, DEMO.user);
	await page.getByTestId('new-ticket').click();
	await expect(page).toHaveURL('/portal/new');
	await hydrated(page);

	const preview = page.getByTestId('priority-preview');
	await expect(preview).toContainText('Choose urgency and impact');
	await fillTicket(page, {
		title: TITLE,
		body: 'Since this morning the VPN disconnects every few minutes.\nRestarting did not help.',
		category: 'Network & VPN',
		urgency: /I cannot work/,
		impact: /Only me/
	});
	// urgency high × impact low → P3 by the documented matrix; the preview follows each choice.
	await expect(preview.getByTestId('priority-badge')).toHaveAttribute('data-priority', '3');
	await expect(preview).toContainText('P3 medium');
	await page.getByRole('radio', { name: /Many people/ }).check();
	await expect(preview).toContainText('P1 critical');
	await page.getByRole('radio', { name: /My team/ }).check();
	await expect(preview).toContainText('P2 high');
	await expect(page.getByTestId('priority-matrix').locator('[aria-current="true"]')).toHaveText(
		'P2'
	);

	await page.getByRole('button', { name: 'Submit ticket' }).click();
	await expect(page).toHaveURL(/\/portal\/tickets\/\d+\?created=1$/);
	number = Number(new URL(page.url()).pathname.split('/').pop());
	expect(number).toBeGreaterThan(0);

	await expect(page.getByTestId('ticket-title')).toHaveText(TITLE);
	await expect(page.getByTestId('ticket-number')).toHaveText(`#${number}`);
	await expect(page.getByTestId('created-notice')).toBeVisible();
	await expect(page.getByTestId('priority-badge')).toHaveAttribute('data-priority', '2');
	await expect(page.getByTestId('ticket-body')).toContainText('Restarting did not help.');
	await expect(page.getByTestId('timeline')).toContainText('Ticket received');
	await expect(page.getByTestId('progress').locator('[aria-current="step"]')).toHaveAttribute(
		'data-step',
		/received|progress/
	);
	await expect(page.getByTestId('next-step')).not.toBeEmpty();

	await page
		.getByRole('link', { name: /My tickets/ })
		.first()
		.click();
	await expect(page).toHaveURL('/portal');
	const row = page.locator(`[data-testid="portal-ticket"][data-number="${number}"]`);
	await expect(row).toContainText(TITLE);
	await expect(row.getByTestId('status-badge')).toBeVisible();
	await expect(row.getByTestId('level-badge')).toHaveText('Level 1');
	await expect(row.getByTestId('next-step')).toContainText(/service desk|Specialists/);
});

test('validation errors show per field and keep what was typed', async ({ page }) => {
	await signIn(page, DEMO.user);
	await page.goto('/portal/new');
	await hydrated(page);

	// Empty title: only the title is wrong; everything else stays as entered.
	await fillTicket(page, {
		title: '   ',
		body: 'The printer on floor 3 jams.',
		category: 'Printing',
		urgency: /It can wait/,
		impact: /My team/
	});
	await page.getByRole('button', { name: 'Submit ticket' }).click();
	await expect(page.getByTestId('error-title')).toHaveText('Please give your ticket a title.');
	await expect(page.getByTestId('form-error')).toBeVisible();
	await expect(page.getByTestId('error-body')).toHaveCount(0);
	await expect(page.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('Title')).toBeFocused();
	await expect(page.getByLabel('Description')).toHaveValue('The printer on floor 3 jams.');
	await expect(page.getByLabel('Area').locator('option:checked')).toHaveText('Printing');
	await expect(page.getByRole('radio', { name: /It can wait/ })).toBeChecked();
	await expect(page.getByRole('radio', { name: /My team/ })).toBeChecked();
	await expect(page).toHaveURL('/portal/new');

	// Too long: the message names the limit and the long title is still there to shorten.
	const long = 'x'.repeat(201);
	await page.getByLabel('Title').fill(long);
	await page.getByRole('button', { name: 'Submit ticket' }).click();
	await expect(page.getByTestId('error-title')).toHaveText(
		'Please keep this to at most 200 characters.'
	);
	await expect(page.getByLabel('Title')).toHaveValue(long);
	await expect(page.getByLabel('Description')).toHaveValue('The printer on floor 3 jams.');

	// Nothing chosen at all: one message per field.
	await page.goto('/portal/new');
	await hydrated(page);
	await page.getByRole('button', { name: 'Submit ticket' }).click();
	for (const field of ['title', 'body', 'categoryId', 'urgency', 'impact']) {
		await expect(page.getByTestId(`error-${field}`)).toBeVisible();
	}
	await expect(page.getByTestId('priority-preview')).toContainText('Choose urgency and impact');
});

test('the form works without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/login');
	await page.locator('#email').fill(DEMO.user.email);
	await page.locator('#password').fill('leitstand-demo');
	await page.locator('main form button[type="submit"]').click();
	await expect(page).toHaveURL('/portal');

	await page.goto('/portal/new');
	await page.getByLabel('Description').fill('Keeps its value without JS.');
	await page.getByRole('button', { name: 'Submit ticket' }).click();
	await expect(page.getByTestId('error-title')).toBeVisible();
	await expect(page.getByLabel('Description')).toHaveValue('Keeps its value without JS.');

	await fillTicket(page, {
		title: `No-JS ticket ${stamp}`,
		category: 'Email & calendar',
		urgency: /It can wait/,
		impact: /Only me/
	});
	await page.getByRole('button', { name: 'Submit ticket' }).click();
	await expect(page).toHaveURL(/\/portal\/tickets\/\d+/);
	await expect(page.getByTestId('ticket-title')).toHaveText(`No-JS ticket ${stamp}`);

	await page.getByLabel('Your message').fill('A reply sent by a plain form post.');
	await page.getByRole('button', { name: 'Send reply' }).click();
	await expect(page.getByTestId('comment-body')).toHaveText('A reply sent by a plain form post.');
	await context.close();
});

test('HTML and script in a title are shown as text', async ({ page }) => {
	const dialogs: string[] = [];
	page.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	await signIn(page, DEMO.user);
	const hostile = await openTicket(page, HOSTILE);
	await expect(page.getByTestId('ticket-title')).toHaveText(HOSTILE);
	await expect(page.locator('main img[src="x"]')).toHaveCount(0);

	await page.getByLabel('Your message').fill('<b>bold?</b>\n<script>alert(3)</script>');
	await page.getByRole('button', { name: 'Send reply' }).click();
	await expect(page.getByTestId('comment-body').last()).toHaveText(
		'<b>bold?</b>\n<script>alert(3)</script>'
	);
	await expect(page.locator('main b')).toHaveCount(0);
	// Exactly the text, line break included: no markup, no stray indentation from the template.
	expect(
		await page
			.getByTestId('comment-body')
			.last()
			.evaluate((e) => e.textContent)
	).toBe('<b>bold?</b>\n<script>alert(3)</script>');

	await page.goto('/portal');
	await expect(
		page.locator(`[data-testid="portal-ticket"][data-number="${hostile}"]`)
	).toContainText(HOSTILE);
	expect(dialogs).toEqual([]);
});

test('another requester gets 404 for the ticket, also when posting to it', async ({ page }) => {
	expect(number).toBeGreaterThan(0);
	await signIn(page, DEMO.user2);
	const response = await page.goto(`/portal/tickets/${number}`);
	expect(response?.status()).toBe(404);
	await expect(page.getByTestId('error-message')).toBeVisible();
	await expect(page.locator('main')).not.toContainText(TITLE);

	const origin = new URL(page.url()).origin;
	const post = await page.request.post(`/portal/tickets/${number}?/reply`, {
		form: { message: 'Not my ticket' },
		headers: { origin, accept: 'text/html' }
	});
	expect(post.status()).toBe(404);
	await page.goto('/portal');
	await expect(page.locator(`[data-testid="portal-ticket"][data-number="${number}"]`)).toHaveCount(
		0
	);
});

test('a reply in one tab appears live in another', async ({ browser }) => {
	expect(number).toBeGreaterThan(0);
	const context = await browser.newContext();
	const watcher = await context.newPage();
	await signIn(watcher, DEMO.user);
	await watcher.goto(`/portal/tickets/${number}`);
	await expect(watcher.getByTestId('live-indicator')).toHaveAttribute('data-status', 'connected');

	const writer = await context.newPage();
	await writer.goto(`/portal/tickets/${number}`);
	await hydrated(writer);
	const text = `Still broken after the update ${stamp}`;
	await writer.getByLabel('Your message').fill(text);
	await writer.getByRole('button', { name: 'Send reply' }).click();
	await expect(writer.getByTestId('reply-sent')).toBeVisible();

	await expect(watcher.getByTestId('comment-body').filter({ hasText: text })).toBeVisible();
	await expect(watcher.getByTestId('timeline')).toContainText('You replied');
	await context.close();
});

/** Ticket numbers the screenshots use: one with a conversation, one waiting for confirmation. */
let discussed = 0;
let resolvedOne = 0;

/** An agent acting through the ticket API (the desk UI is tested on its own). */
async function agentApi(browser: Browser) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, DEMO.l1);
	return {
		async comment(n: number, body: { body: string; internal?: boolean; status?: string }) {
			const response = await page.request.post(`/api/tickets/${n}/comments`, { data: body });
			expect(response.status(), await response.text()).toBe(201);
		},
		close: () => context.close()
	};
}

const statusOf = (page: Page) => page.locator('header [data-testid="status-badge"]');

test('the requester follows replies and the resolution live, then reopens or confirms', async ({
	page,
	browser
}) => {
	test.setTimeout(90_000);
	await signIn(page, DEMO.user);
	const toReopen = await openTicket(page, `Outlook keeps asking for my password ${stamp}`);
	const toConfirm = await openTicket(page, `Printer on floor 2 prints blank pages ${stamp}`);
	resolvedOne = await openTicket(page, `Teams camera not detected ${stamp}`);
	discussed = toReopen;
	const agent = await agentApi(browser);

	await page.goto(`/portal/tickets/${toReopen}`);
	await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-status', 'connected');

	// The agent asks something: the page follows without a reload.
	await agent.comment(toReopen, {
		body: 'Hi Uma, did you change your password recently?',
		status: 'pending'
	});
	const staffReply = page.locator('[data-testid="comment"][data-from="staff"]');
	await expect(staffReply).toContainText('did you change your password recently?');
	await expect(staffReply).toContainText('Lukas Level-One');
	await expect(statusOf(page)).toHaveAttribute('data-status', 'pending');
	await expect(page.getByTestId('timeline')).toContainText('Waiting for your answer');
	await expect(page.getByTestId('progress').locator('[aria-current="step"]')).toHaveAttribute(
		'data-step',
		'waiting'
	);

	await page.getByLabel('Your message').fill('Yes, on Monday.');
	await page.getByRole('button', { name: 'Send reply' }).click();
	await expect(statusOf(page)).toHaveAttribute('data-status', 'open');

	// An internal note never reaches the requester; the resolution that follows does, live.
	await agent.comment(toReopen, { body: 'Internal: cached credentials', internal: true });
	await agent.comment(toReopen, {
		body: 'I cleared the stored credentials; please sign in again.',
		status: 'resolved'
	});
	await expect(statusOf(page)).toHaveAttribute('data-status', 'resolved');
	await expect(page.getByTestId('resolution')).toBeVisible();
	expect(await page.content()).not.toContain('cached credentials');

	await page.getByText('Reopen…').click();
	await page.getByLabel('What is still not working?').fill('It still asks <i>every hour</i>.');
	await page.getByRole('button', { name: 'Reopen ticket' }).click();
	await expect(statusOf(page)).toHaveAttribute('data-status', 'open');
	await expect(page.getByTestId('comment-body').last()).toHaveText(
		'It still asks <i>every hour</i>.'
	);
	await expect(page.getByTestId('timeline')).toContainText('Reopened');
	await expect(page.getByTestId('resolution')).toHaveCount(0);

	await agent.comment(toConfirm, { body: 'New drum installed.', status: 'resolved' });
	await agent.comment(resolvedOne, {
		body: 'The camera driver was outdated; updated it remotely.',
		status: 'resolved'
	});
	await agent.close();

	await page.goto(`/portal/tickets/${toConfirm}`);
	await hydrated(page);
	await expect(page.getByTestId('progress').locator('[aria-current="step"]')).toHaveAttribute(
		'data-step',
		'resolved'
	);
	await page.getByRole('button', { name: 'Confirm solution' }).click();
	await expect(statusOf(page)).toHaveAttribute('data-status', 'closed');
	await expect(page.getByTestId('timeline')).toContainText('You confirmed the solution');
	await expect(page.getByTestId('reply-closed')).toBeVisible();
	await expect(page.getByLabel('Your message')).toBeDisabled();
	await expect(page.locator('[data-testid="progress"] [data-step="closed"]')).toHaveAttribute(
		'data-state',
		'done'
	);

	// A stale confirm (the ticket is no longer resolved) is refused with a clear message.
	const origin = new URL(page.url()).origin;
	const again = await page.request.post(`/portal/tickets/${toConfirm}?/confirm`, {
		form: {},
		headers: { origin, accept: 'text/html' }
	});
	expect(again.status()).toBe(422);
	expect(await again.text()).toContain('no longer waiting for your confirmation');
});

test('screenshots of the portal pages (light and dark)', async ({ browser }) => {
	test.setTimeout(120_000);
	expect(number).toBeGreaterThan(0);
	for (const colorScheme of ['light', 'dark'] as const) {
		const context = await browser.newContext({
			colorScheme,
			viewport: { width: 1280, height: 800 }
		});
		const page = await context.newPage();
		await signIn(page, DEMO.user);
		const shot = (name: string) =>
			page.screenshot({
				path: `${OUT}${name}-${colorScheme}.png`,
				fullPage: true,
				animations: 'disabled'
			});

		await page.goto('/portal');
		await shot('portal-list');
		await page.goto('/portal/new');
		await hydrated(page);
		await fillTicket(page, {
			title: '',
			body: 'Outlook asks for my password again and again.',
			urgency: /I can work, but badly/
		});
		await page.getByRole('button', { name: 'Submit ticket' }).click();
		await expect(page.getByTestId('error-title')).toBeVisible();
		await shot('portal-new-errors');
		for (const [name, n] of [
			['portal-ticket', discussed || number],
			['portal-ticket-resolved', resolvedOne]
		] as const) {
			if (!n) continue;
			await page.goto(`/portal/tickets/${n}`);
			await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-status', 'connected');
			await shot(name);
		}
		if (colorScheme === 'light') {
			await page.setViewportSize({ width: 390, height: 844 });
			await shot('portal-ticket-mobile');
			await page.goto('/portal/new');
			await shot('portal-new-mobile');
		}
		await context.close();
	}
});
