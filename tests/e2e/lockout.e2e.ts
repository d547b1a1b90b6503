import type { Page } from '@playwright/test';
import { DEMO, expect, mailedLink, postForm, submitLogin, test } from './support';

const PASSWORD = 'correct horse battery staple';

/** Submit the login form and wait for the server's answer, so no message is read stale. */
async function attempt(page: Page, email: string, password: string) {
	const answered = page.waitForResponse(
		(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'
	);
	await submitLogin(page, email, password);
	await answered;
}

// The lock lasts 15 minutes, so the test locks an account of its own (signed up just for it)
// rather than a demo account that other tests sign in with.
test('after 5 wrong passwords the account is locked, even for the right password', async ({
	page,
	request,
	browser
}) => {
	const email = `lockout-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
	const requested = await postForm(request, '/signup', { name: 'Lola Lockout', email });
	expect(requested.status(), 'sign-up answers "check your mail"').toBe(200);
	const confirmed = await postForm(request, await mailedLink(browser, email), {
		name: 'Lola Lockout',
		password: PASSWORD
	});
	expect(confirmed.status(), 'confirming signs in and redirects').toBe(303);

	await page.goto('/login');
	for (let n = 1; n <= 5; n++) {
		await attempt(page, email, `wrong-${n}`);
		await expect(page.getByTestId('form-error')).toHaveText('Email or password is wrong.');
	}

	await attempt(page, email, PASSWORD);
	await expect(page.getByTestId('form-error')).toHaveText(
		/^Too many failed attempts\. Try again in \d+ minutes\.$/
	);
	await expect(page).toHaveURL('/login');

	const response = await postForm(page.request, '/login', { email, password: PASSWORD });
	expect(response.status()).toBe(429);
	expect(await response.text()).toContain('Too many failed attempts');

	// Only that account is locked: another one still signs in from the same address.
	await submitLogin(page, DEMO.l2.email);
	await expect(page).toHaveURL('/desk');
});
