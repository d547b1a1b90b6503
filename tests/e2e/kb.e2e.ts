// The knowledge base in Chromium: deflection on the new-ticket form (a requester types, sees an
// article, says it solved the problem, and no ticket is made; the admin home counts it), the
// article page and search without JavaScript, and screenshots of /kb, an article, the editor and
// the deflection panel in light and dark (tests/e2e/screenshots/, gitignored).
import { fileURLToPath } from 'node:url';
import { DEMO, expect, hydrated, signIn, test } from './support';

const OUT = fileURLToPath(new URL('./screenshots/', import.meta.url));
const VPN_DE = '/kb/vpn-einrichten-und-verbinden-forticlient';

test('a requester finds the answer while typing a ticket and leaves without one', async ({
	page,
	browser
}) => {
	await signIn(page, DEMO.user2);
	// Other tests file tickets as this user in parallel: look for this title, not a count.
	const typed = 'Drucker druckt nicht mehr';
	const myTitles = () =>
		page.request
			.get('/api/tickets?limit=200')
			.then(async (r) => ((await r.json()).data as Array<{ title: string }>).map((t) => t.title));
	expect(await myTitles()).not.toContain(typed);
	await page.goto('/portal/new');
	await hydrated(page);
	await expect(page.getByTestId('deflection-hint')).toBeVisible();
	await page.locator('#title').pressSequentially(typed, { delay: 20 });
	const suggestion = page
		.getByTestId('deflection-article')
		.filter({ hasText: 'Druckerwarteschlange leeren' });
	await expect(suggestion).toBeVisible();
	await suggestion.getByTestId('deflection-solved').click();
	await expect(page).toHaveURL(
		/\/portal\?solved=drucker-druckt-nicht-druckerwarteschlange-leeren$/
	);
	await expect(page.getByTestId('portal-solved')).toBeVisible();
	expect(await myTitles()).not.toContain(typed);

	// The admin home counts it.
	const context = await browser.newContext();
	const admin = await context.newPage();
	await signIn(admin, DEMO.admin);
	const counted = Number(await admin.getByTestId('deflected-count').textContent());
	expect(counted).toBeGreaterThanOrEqual(1);
	await expect(admin.getByTestId('deflection-rate')).toHaveText(/\d+(\.\d)? %/);
	await expect(admin.getByTestId('kb-misses')).toContainText('sap login');
	await context.close();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('an article page reads, counts and takes a vote', async ({ page }) => {
		await page.goto(VPN_DE);
		await expect(page.getByTestId('kb-article-title')).toHaveText(
			'VPN einrichten und verbinden (FortiClient)'
		);
		await expect(page.getByTestId('kb-article-body').locator('h2').first()).toHaveText(
			'Einmalig einrichten'
		);
		await expect(page.getByTestId('kb-updated')).toBeVisible();
		await expect(page.getByTestId('kb-related').locator('a').first()).toBeVisible();
		await page.getByTestId('vote-yes').click();
		await expect(page.getByTestId('vote-thanks')).toBeVisible();
	});

	test('search is a server-rendered page', async ({ page }) => {
		await page.goto('/kb');
		await page.locator('#kb-q').fill('Passwörter zurückgesetzt');
		await page.locator('#kb-q').press('Enter');
		await expect(page).toHaveURL(/\/kb\?q=/);
		await expect(page.getByTestId('kb-result').first()).toContainText('Passwort');
		await page.goto('/kb?q=printer+queues');
		await expect(page.getByTestId('kb-result').first()).toContainText('print queue');
		await page.goto('/kb?q=quantenflux');
		await expect(page.getByTestId('kb-nothing')).toBeVisible();
	});

	test('an internal runbook is a 404 for anonymous readers', async ({ page }) => {
		const response = await page.goto('/kb/runbook-unlock-an-account-and-reset-mfa');
		expect(response?.status()).toBe(404);
	});
});

test('search as you type on /kb', async ({ page }) => {
	await page.goto('/kb');
	await hydrated(page);
	await page.locator('#kb-q').pressSequentially('vpn trennt', { delay: 30 });
	await expect(page.getByTestId('kb-results-heading')).toContainText('vpn trennt');
	await expect(page.getByTestId('kb-result').first()).toContainText('VPN trennt sich');
	await expect(page).toHaveURL(/q=vpn(\+|%20)trennt/);
});

for (const colorScheme of ['light', 'dark'] as const) {
	test.describe(`knowledge base screenshots (${colorScheme})`, () => {
		test.use({ colorScheme, viewport: { width: 1280, height: 860 } });

		test('kb, search, article', async ({ page }) => {
			await page.emulateMedia({ colorScheme });
			await page.goto('/kb');
			await page.screenshot({ path: `${OUT}kb-${colorScheme}.png`, fullPage: true });
			await page.goto('/kb?q=drucker');
			await page.screenshot({ path: `${OUT}kb-search-${colorScheme}.png`, fullPage: true });
			await page.goto(VPN_DE);
			await page.screenshot({ path: `${OUT}kb-article-${colorScheme}.png`, fullPage: true });
		});

		test('editor and desk search', async ({ page }) => {
			await page.emulateMedia({ colorScheme });
			await signIn(page, DEMO.lead);
			await page.goto('/desk/kb');
			await page.screenshot({ path: `${OUT}kb-desk-${colorScheme}.png`, fullPage: true });
			await page.getByTestId('desk-kb-list').getByText('Two monitors on one dock').click();
			await expect(page.getByTestId('kb-editor')).toBeVisible();
			await hydrated(page);
			await page.locator('#kb-body').press('End');
			await page.locator('#kb-body').pressSequentially('\n\n> **Tip:** live preview.');
			await expect(page.getByTestId('kb-preview').locator('blockquote')).toBeVisible();
			await page.screenshot({ path: `${OUT}kb-editor-${colorScheme}.png`, fullPage: true });
			await page.goto('/desk/search?q=drucker');
			await page.screenshot({ path: `${OUT}kb-desk-search-${colorScheme}.png`, fullPage: true });
			await page.goto(colorScheme === 'light' ? '/wall?theme=light' : '/wall');
			await expect(page.getByTestId('wall-self-service')).toBeVisible();
			await page.setViewportSize({ width: 1920, height: 1080 });
			await page.screenshot({ path: `${OUT}kb-wall-${colorScheme}.png` });
		});

		test('admin home', async ({ page }) => {
			await page.emulateMedia({ colorScheme });
			await signIn(page, DEMO.admin);
			await expect(page.getByTestId('self-service')).toBeVisible();
			await page
				.getByTestId('self-service')
				.screenshot({ path: `${OUT}kb-admin-${colorScheme}.png` });
		});

		test('deflection panel', async ({ page }) => {
			await page.emulateMedia({ colorScheme });
			await signIn(page, DEMO.user);
			await page.goto('/portal/new');
			await hydrated(page);
			await page.locator('#title').pressSequentially('VPN verbindet nicht', { delay: 15 });
			await expect(page.getByTestId('deflection-article').first()).toBeVisible();
			await page.screenshot({ path: `${OUT}kb-deflection-${colorScheme}.png`, fullPage: true });
		});
	});
}
