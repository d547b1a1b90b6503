import { expect, test } from './support';

test.describe('login page in German', () => {
	test.use({ locale: 'de-DE' });

	test('a German browser sees the German login page', async ({ page }) => {
		await page.goto('/login');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bei Leitstand anmelden');
		await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	});
});

test.describe('login page in English', () => {
	test.use({ locale: 'en-US' });

	test('an English browser sees the English login page', async ({ page }) => {
		await page.goto('/login');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Leitstand');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	});
});
