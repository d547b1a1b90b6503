import type { Page } from '@playwright/test';
import { expect, hydrated, submitLogin, test } from './support';

const PASSWORD = 'correct horse battery staple';

async function signUp(page: Page, name: string, email: string) {
	await page.goto('/signup');
	await hydrated(page);
	await page.locator('#name').fill(name);
	await page.locator('#email').fill(email);
	await page.locator('#password').fill(PASSWORD);
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

	test('a new requester signs up and lands on /portal', async ({ page }) => {
		const email = uniqueEmail('new');
		await signUp(page, 'Sina Signup', email);
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

	test('an address that already has an account is refused', async ({ page }) => {
		await signUp(page, 'Uma Again', 'user@example.com');
		await expect(
			page.getByTestId('field-error-email').or(page.getByTestId('form-error'))
		).toBeVisible();
		await expect(page.getByTestId('current-user')).toHaveCount(0);
	});

	test('a signed-up account can sign out and in again', async ({ page }) => {
		const email = uniqueEmail('again');
		await signUp(page, 'Ria Return', email);
		await expect(page).toHaveURL('/portal');
		await page.locator('form[action="/logout"] button[type="submit"]').click();
		await expect(page).toHaveURL('/login?signedOut=1');
		await submitLogin(page, email, PASSWORD);
		await expect(page).toHaveURL('/portal');
		await expect(page.getByTestId('current-user')).toHaveText('Ria Return');
	});
});
