// The wall: a lead's wall shows figures and changes live when work happens elsewhere; a kiosk
// link opens it without signing in, and stops working once revoked. Also writes screenshots of
// the wall at 1920×1080 (dark and light) and of its management page to test-results/screenshots/.
import { fileURLToPath } from 'node:url';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { DEMO, expect, signIn, test } from './support';

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

test.use({ viewport: { width: 1920, height: 1080 } });

const TICKETS = [
	{ category: 'network', title: 'VPN drops every ten minutes', urgency: 1, impact: 2 },
	{ category: 'printing', title: 'Printer on floor 3 jams on A3', urgency: 3, impact: 2 },
	{ category: 'access', title: 'Need access to the finance share', urgency: 2, impact: 3 },
	{ category: 'email', title: 'Shared mailbox not syncing', urgency: 2, impact: 2 },
	{ category: 'hardware', title: 'Laptop battery swollen', urgency: 1, impact: 3 }
];

async function createTicket(
	request: APIRequestContext,
	t: { category: string; title: string; urgency: number; impact: number }
): Promise<number> {
	const categories = (await (await request.get('/api/categories')).json()).data as Array<{
		id: number;
		key: string;
	}>;
	const categoryId = categories.find((c) => c.key === t.category)!.id;
	const response = await request.post('/api/tickets', {
		data: {
			title: `Wall: ${t.title}`,
			body: 'Opened by the wall test.',
			categoryId,
			urgency: t.urgency,
			impact: t.impact
		}
	});
	expect(response.status()).toBe(201);
	return (await response.json()).number;
}

async function escalate(request: APIRequestContext, number: number, groupId: number) {
	const response = await request.post(`/api/tickets/${number}/escalate`, {
		data: { groupId, reason: 'Needs the next level (wall test).' }
	});
	expect(response.status()).toBe(200);
}

/** The id of a demo group, as the wall shows it. */
async function groupId(page: Page, name: string): Promise<number> {
	const row = page.locator(`[data-testid="wall-group"][data-group-name="${name}"]`);
	return Number(await row.getAttribute('data-group-id'));
}

/** A figure's value as the wall shows it (its `data-value`). */
const value = (locator: Locator) => locator.getAttribute('data-value');
const figure = (page: Page, id: string) => page.getByTestId(id).first();

async function live(page: Page) {
	await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-status', 'connected');
	await page.evaluate(() => document.fonts.ready);
}

test.describe('wall', () => {
	test('a lead sees the figures, and work done elsewhere changes them without reload', async ({
		page,
		browser
	}) => {
		const requester = await browser.newContext();
		const agent = await browser.newContext();
		const userPage = await requester.newPage();
		const agentPage = await agent.newPage();
		await signIn(userPage, DEMO.user);
		await signIn(agentPage, DEMO.l1);
		const numbers: number[] = [];
		for (const t of TICKETS) numbers.push(await createTicket(userPage.request, t));
		await signIn(page, DEMO.lead);
		const network = await groupId(page, 'Network');
		const identity = await groupId(page, 'Identity & Access');
		await escalate(agentPage.request, numbers[0], network);
		await escalate(agentPage.request, numbers[2], identity);
		const reply = await agentPage.request.post(`/api/tickets/${numbers[1]}/comments`, {
			data: { body: 'We are looking into it.' }
		});
		expect(reply.status()).toBe(201);

		await page.reload();
		await live(page);
		await expect(page.getByTestId('wall-name')).toHaveText('All groups');
		await expect(page.getByTestId('wall-lanes').locator('tbody')).toHaveCount(3);
		// Every group, empty ones too (other tests may add groups: count at least the demo's five).
		for (const name of ['Service Desk', 'Network', 'Workplace & Software', 'Infrastructure']) {
			await expect(
				page.locator(`[data-testid="wall-group"][data-group-name="${name}"]`)
			).toHaveCount(1);
		}
		expect(await page.getByTestId('wall-group').count()).toBeGreaterThanOrEqual(5);
		expect(Number(await value(figure(page, 'wall-created')))).toBeGreaterThanOrEqual(5);
		expect(Number(await value(figure(page, 'wall-level-2-escalations')))).toBeGreaterThanOrEqual(1);
		await expect(page.getByTestId('wall-ticker').locator('li')).toHaveCount(4);
		await expect(page.getByTestId('wall-as-of')).toContainText(/\d\d:\d\d:\d\d/);
		await expect(page.getByTestId('wall-chart-flow').getByRole('img')).toHaveAccessibleName(
			/created and resolved/i
		);
		await page.screenshot({ path: `${SHOTS}wall-dark.png`, animations: 'disabled' });
		const height = await page.evaluate(() => document.documentElement.scrollHeight);
		expect(height).toBeLessThanOrEqual(1080); // no scrolling on a 1080p screen

		// A requester opens a ticket and an agent escalates another: the wall follows on its own.
		const created = Number(await value(figure(page, 'wall-created')));
		const escalations = Number(await value(figure(page, 'wall-level-3-escalations')));
		const fresh = await createTicket(userPage.request, {
			category: 'software',
			title: 'Licence for the diagram tool',
			urgency: 3,
			impact: 3
		});
		await expect(figure(page, 'wall-created')).toHaveAttribute('data-value', String(created + 1));
		await expect(page.getByTestId('wall-ticker')).toContainText(`#${fresh}`);
		await escalate(agentPage.request, fresh, identity);
		await expect(figure(page, 'wall-level-3-escalations')).toHaveAttribute(
			'data-value',
			String(escalations + 1)
		);

		await page.goto('/wall?theme=light');
		await live(page);
		await page.screenshot({ path: `${SHOTS}wall-light.png`, animations: 'disabled' });
		await requester.close();
		await agent.close();
	});

	test('a kiosk link opens the wall without signing in, until it is revoked', async ({
		page,
		browser
	}) => {
		await signIn(page, DEMO.lead);
		await page.getByTestId('wall-manage-link').click();
		await expect(page).toHaveURL('/wall/manage');
		await page.locator('#token-name').fill('TV by the coffee machine');
		await page.getByRole('button', { name: 'Create link' }).click();
		const url = (await page.getByTestId('new-wall-url').textContent())!.trim();
		expect(url).toMatch(/\/wall\?token=lsw_[a-z2-7]+$/);
		await page.setViewportSize({ width: 1280, height: 900 });
		await page.screenshot({ path: `${SHOTS}wall-manage.png`, fullPage: true });

		const kioskContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		const kiosk = await kioskContext.newPage();
		const response = await kiosk.goto(url);
		expect(response?.status()).toBe(200);
		await live(kiosk);
		await expect(kiosk.getByTestId('wall-lanes')).toBeVisible();
		await expect(kiosk.getByTestId('wall-manage-link')).toHaveCount(0); // read-only
		await expect(kiosk.locator('meta[name="referrer"]')).toHaveAttribute('content', 'no-referrer');
		expect(response?.headers()['cache-control']).toBe('no-store');
		await kiosk.screenshot({ path: `${SHOTS}wall-kiosk-dark.png`, animations: 'disabled' });

		// Revoked: the open screen is cut off and lands on the error, and the link no longer opens.
		const row = page.getByTestId('wall-token-row').filter({ hasText: 'TV by the coffee machine' });
		await row.locator('summary').click();
		await row.getByRole('button', { name: 'Revoke' }).click();
		await expect(row).toContainText('revoked');
		await expect(kiosk.getByTestId('wall-error')).toBeVisible({ timeout: 15_000 });
		await expect(kiosk.getByTestId('error-message')).toContainText('not valid');

		const again = await kioskContext.newPage();
		const refused = await again.goto(url);
		expect(refused?.status()).toBe(401);
		await expect(again.getByRole('heading', { level: 1 })).toHaveText('Wall link not valid');
		const forged = await again.goto('/wall?token=lsw_notatoken');
		expect(forged?.status()).toBe(401);
		await kioskContext.close();
	});

	test('a wall whose connection was cut says so, and after it is back shows what changed meanwhile', async ({
		page,
		browser
	}) => {
		const requester = await browser.newContext();
		const userPage = await requester.newPage();
		await signIn(userPage, DEMO.user);
		await signIn(page, DEMO.lead);
		await live(page);
		const before = Number(await value(figure(page, 'wall-created')));

		await page.context().setOffline(true);
		await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-status', 'offline');
		// Two tickets arrive while the wall is cut off; it cannot know yet.
		for (const t of TICKETS.slice(0, 2)) await createTicket(userPage.request, t);
		await expect(page.getByTestId('wall-connection-lost')).toBeVisible({ timeout: 20_000 });

		await page.context().setOffline(false);
		await live(page);
		// Other tests may create tickets at the same time: at least the two from meanwhile.
		await expect
			.poll(async () => Number(await value(figure(page, 'wall-created'))))
			.toBeGreaterThanOrEqual(before + 2);
		await expect(page.getByTestId('wall-connection-lost')).toHaveCount(0);
		await requester.close();
	});

	test('every figure of the top strip, with its state word, stays inside its tile', async ({
		page
	}) => {
		await signIn(page, DEMO.lead);
		for (const viewport of [
			{ width: 1920, height: 1080 },
			{ width: 1366, height: 768 },
			{ width: 3840, height: 2160 }
		]) {
			await page.setViewportSize(viewport);
			await page.goto('/wall');
			await live(page);
			// Figures and words that run past the tile's border (the next tile would cover them).
			const spill = await page.evaluate(() =>
				[...document.querySelectorAll('.strip .tile')].flatMap((tile) => {
					const edge = tile.getBoundingClientRect().right;
					return [...tile.querySelectorAll('.big *')]
						.filter((e) => e.getBoundingClientRect().right > edge)
						.map((e) => `${tile.querySelector('h2')?.textContent}: ${e.textContent}`);
				})
			);
			expect(spill, `at ${viewport.width}×${viewport.height}`).toEqual([]);
		}
	});

	test('a requester may not open the wall, nor manage walls', async ({ page }) => {
		await signIn(page, DEMO.user);
		expect((await page.goto('/wall'))?.status()).toBe(403);
		expect((await page.goto('/wall/manage'))?.status()).toBe(403);
	});
});
