// Changes l3's saved language; runs in the 'chromium-stateful' project, after the other tests.
import { BASE_URL, DEMO, expect, hydrated, postForm, signIn, submitLogin, test } from './support';

const account = DEMO.l3;

test.use({ locale: 'en-US' });

test.afterEach(async ({ browser }) => {
	// Put the account back to "browser default" so reruns against this server start clean.
	const context = await browser.newContext({ baseURL: BASE_URL, locale: 'en-US' });
	const page = await context.newPage();
	await signIn(page, account);
	const response = await postForm(page.request, '/settings', { locale: '' });
	expect(response.status()).toBe(200);
	await context.close();
});

test('choosing Deutsch in /settings makes the desk German, also after signing in again', async ({
	page
}) => {
	await signIn(page, account);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Desk');

	await page.goto('/settings');
	await hydrated(page);
	await page.getByLabel('Language').selectOption('de');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status')).toBeVisible();

	await page.goto('/desk');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Arbeitsplatz');
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();

	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Arbeitsplatz');

	// Sign out, forget every cookie (so only the account remembers the choice), sign in again.
	await page.getByRole('button', { name: 'Abmelden' }).click();
	await expect(page).toHaveURL('/login?signedOut=1');
	await page.context().clearCookies();
	await page.goto('/login');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Leitstand');
	await submitLogin(page, account.email);
	await expect(page).toHaveURL('/desk');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Arbeitsplatz');
	await expect(page.getByTestId('live-indicator')).toHaveText('Live');

	// Back to the browser's language.
	await page.goto('/settings');
	await hydrated(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Einstellungen');
	await page.getByLabel('Sprache').selectOption('');
	await page.getByRole('button', { name: 'Speichern' }).click();
	await page.goto('/desk');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Desk');
});
