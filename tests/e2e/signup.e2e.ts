import type { Page } from '@playwright/test';
import { DEMO, expect, hydrated, mailedLink, submitLogin, test } from './support';

const PASSWORD = 'correct horse battery staple';

async function signUp(page: Page, name: string, email: string) {
	await page.goto('/signup');
	await hydrated(page);
	await page.locator('#name').fill(name);
	await page.locator('#email').fill(email);
	await page.locator('main form button[type="submit"]').click();
}

const uniqueEmail = (prefix: string) =>
	`${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;

test.describe('self sign-up (SIGNUP_EMAIL_DOMAINS=example.com)', () => {
	test('the login page links to sign-up', async ({ page }) => {
		await page.goto('/login');
		await page.getByRole('link', { name: 'Create one' }).click();
		await expect(page).toHaveURL('/signup');
	});

	test('a new requester confirms by mail, chooses a password and lands on /portal', async ({
		page,
		browser
	}) => {
		const email = uniqueEmail('new');
		await signUp(page, 'Sina Signup', email);
		await expect(page.getByTestId('signup-sent')).toContainText(email);
		await expect(page.getByTestId('current-user')).toHaveCount(0);

		await page.goto(await mailedLink(browser, email));
		await hydrated(page);
		await expect(page.locator('#name')).toHaveValue('Sina Signup');
		await page.locator('#password').fill(PASSWORD);
		await page.locator('main form button[type="submit"]').click();
		await expect(page).toHaveURL('/portal');
		await expect(page.getByTestId('current-user')).toHaveText('Sina Signup');
		await expect(page.getByTestId('role-badge')).toHaveText('Requester');
	});

	test('an address outside example.com gets a form error', async ({ page }) => {
		await signUp(page, 'Eve Outsider', 'eve@evil.example');
		await expect(
			page.getByTestId('field-error-email').or(page.getByTestId('form-error'))
		).toBeVisible();
		await expect(page).toHaveURL('/signup');
		await expect(page.getByTestId('current-user')).toHaveCount(0);
	});

	test('an address that already has an account gets the same answer, and no account', async ({
		page
	}) => {
		await signUp(page, 'Uma Again', DEMO.user.email);
		await expect(page.getByTestId('signup-sent')).toContainText(DEMO.user.email);
		await expect(page.getByTestId('current-user')).toHaveCount(0);
	});

	test('a used link does not work twice; the account signs out and in again', async ({
		page,
		browser
	}) => {
		const email = uniqueEmail('again');
		await signUp(page, 'Ria Return', email);
		await expect(page.getByTestId('signup-sent')).toBeVisible();
		const link = await mailedLink(browser, email);
		await page.goto(link);
		await hydrated(page);
		await page.locator('#password').fill(PASSWORD);
		await page.locator('main form button[type="submit"]').click();
		await expect(page).toHaveURL('/portal');

		await page.locator('form[action="/logout"] button[type="submit"]').click();
		await expect(page).toHaveURL('/login?signedOut=1');
		await page.goto(link);
		await expect(page.getByTestId('form-error')).toBeVisible();
		await expect(page.locator('#password')).toHaveCount(0);

		await page.goto('/login');
		await submitLogin(page, email, PASSWORD);
		await expect(page).toHaveURL('/portal');
		await expect(page.getByTestId('current-user')).toHaveText('Ria Return');
	});
});
