import {
	BASE_URL,
	DEMO,
	DEMO_PASSWORD,
	SESSION_COOKIE,
	expect,
	postForm,
	signIn,
	submitLogin,
	test
} from './support';

const signOutButton = 'form[action="/logout"] button[type="submit"]';

test.describe('login and logout', () => {
	for (const account of Object.values(DEMO)) {
		test(`${account.email} lands on ${account.home} and signs out`, async ({ page }) => {
			await page.goto('/login');
			await submitLogin(page, account.email);
			await expect(page).toHaveURL(account.home);
			// The wall is a kiosk without header; a lead signs out from the desk.
			if (account.home === '/wall') {
				await expect(page.getByTestId('wall')).toBeVisible();
				await page.goto('/desk');
			}
			await expect(page.getByTestId('current-user')).toHaveText(account.name);
			await page.locator(signOutButton).click();

			await expect(page).toHaveURL('/login?signedOut=1');
			await expect(page.getByRole('status')).toHaveText('You have been signed out.');
			await expect(page.getByTestId('current-user')).toHaveCount(0);

			await page.goto(account.home);
			await expect(page).toHaveURL(`/login?redirectTo=${encodeURIComponent(account.home)}`);
		});
	}

	test('the root redirects a visitor to /login and a signed-in user home', async ({ page }) => {
		await page.goto('/');
		await expect(page).toHaveURL('/login');
		await signIn(page, DEMO.l2);
		await page.goto('/');
		await expect(page).toHaveURL('/desk');
	});

	test('the signed-in user is sent home from /login', async ({ page }) => {
		await signIn(page, DEMO.user);
		await page.goto('/login');
		await expect(page).toHaveURL('/portal');
	});
});

test.describe('access by role', () => {
	test('a requester is refused from /desk, /wall and /admin', async ({ page }) => {
		await signIn(page, DEMO.user);
		for (const path of ['/desk', '/wall', '/admin']) {
			const response = await page.goto(path);
			expect(response?.status(), path).toBe(403);
			await expect(page.getByTestId('error-message')).toHaveText(
				'You do not have access to this page.'
			);
		}
	});

	test('an agent is refused from /admin but may open /desk and look at the wall', async ({
		page
	}) => {
		await signIn(page, DEMO.l1);
		const response = await page.goto('/admin');
		expect(response?.status()).toBe(403);
		await expect(page.getByTestId('error-message')).toHaveText(
			'You do not have access to this page.'
		);
		expect((await page.goto('/desk'))?.status()).toBe(200);
		expect((await page.goto('/wall'))?.status()).toBe(200);
		// Walls are managed by leads and admins.
		expect((await page.goto('/wall/manage'))?.status()).toBe(403);
	});

	test('a lead may open /desk but not /admin', async ({ page }) => {
		await signIn(page, DEMO.lead);
		expect((await page.goto('/desk'))?.status()).toBe(200);
		await expect(page.getByTestId('current-user')).toHaveText(DEMO.lead.name);
		expect((await page.goto('/admin'))?.status()).toBe(403);
	});

	test('an anonymous visitor to /desk signs in and lands on /desk', async ({ page }) => {
		await page.goto('/desk');
		await expect(page).toHaveURL('/login?redirectTo=%2Fdesk');
		await submitLogin(page, DEMO.l3.email);
		await expect(page).toHaveURL('/desk');
		await expect(page.getByTestId('current-user')).toHaveText(DEMO.l3.name);
	});

	test('redirectTo only follows same-site paths', async ({ page }) => {
		await page.goto('/login?redirectTo=' + encodeURIComponent('//evil.example/steal'));
		await submitLogin(page, DEMO.l1.email);
		await expect(page).toHaveURL('/desk');
	});

	test('an unknown page is a 404 with the error page', async ({ page }) => {
		const response = await page.goto('/no-such-page');
		expect(response?.status()).toBe(404);
		await expect(page.getByTestId('error-message')).toHaveText('This page does not exist.');
	});
});

test.describe('login errors', () => {
	test('a wrong password shows the form message', async ({ page }) => {
		await page.goto('/login');
		await submitLogin(page, DEMO.l2.email, 'not-the-password');
		await expect(page.getByTestId('form-error')).toHaveText('Email or password is wrong.');
		await expect(page).toHaveURL('/login');
		// The address is kept, the password is not.
		await expect(page.locator('#email')).toHaveValue(DEMO.l2.email);
	});

	test('an unknown user gets the same message', async ({ page }) => {
		await page.goto('/login');
		await submitLogin(page, 'nobody@example.com', DEMO_PASSWORD);
		await expect(page.getByTestId('form-error')).toHaveText('Email or password is wrong.');
	});

	test('empty fields get a clear message', async ({ page }) => {
		await page.goto('/login');
		// Bypass the browser's `required` check to reach the server's validation.
		await page.locator('main form').evaluate((form: HTMLFormElement) => (form.noValidate = true));
		await page.locator('main form button[type="submit"]').click();
		await expect(page.getByTestId('form-error')).toHaveText(
			'Enter your email address and password.'
		);

		for (const form of [
			{ email: '', password: '' },
			{ email: DEMO.l2.email, password: '' },
			{ email: '   ', password: 'x' }
		]) {
			const response = await postForm(page.request, '/login', form);
			expect(response.status(), JSON.stringify(form)).toBe(400);
			expect(await response.text()).toContain('Enter your email address and password.');
		}
	});

	test('oversized input is refused without a 500', async ({ page }) => {
		const response = await postForm(page.request, '/login', {
			email: 'a'.repeat(5000) + '@example.com',
			password: 'b'.repeat(5000)
		});
		expect(response.status()).toBe(401);
		expect(await response.text()).toContain('Email or password is wrong.');
	});
});

test.describe('forged and cross-site requests', () => {
	test('a forged session cookie is dropped and /desk redirects to /login', async ({ page }) => {
		await page
			.context()
			.addCookies([{ name: SESSION_COOKIE, value: 'a'.repeat(40), url: BASE_URL }]);
		const response = await page.goto('/desk');
		expect(response?.status()).toBeLessThan(500);
		await expect(page).toHaveURL('/login?redirectTo=%2Fdesk');
		const cookies = await page.context().cookies(BASE_URL);
		expect(cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
	});

	test('a cross-origin form POST to /login is refused with 403', async ({ request }) => {
		const response = await postForm(
			request,
			'/login',
			{ email: DEMO.l1.email, password: DEMO_PASSWORD },
			'http://evil.example'
		);
		expect(response.status()).toBe(403);
		expect(response.headers()['set-cookie'] ?? '').not.toContain(SESSION_COOKIE);
	});

	test('a cross-origin form POST to /logout is refused with 403', async ({ page }) => {
		await signIn(page, DEMO.l1);
		const response = await postForm(page.request, '/logout', {}, 'http://evil.example');
		expect(response.status()).toBe(403);
		// Still signed in.
		await page.reload();
		await expect(page.getByTestId('current-user')).toHaveText(DEMO.l1.name);
	});

	test('the session cookie is HttpOnly and SameSite=Lax', async ({ page }) => {
		await signIn(page, DEMO.l1);
		const cookie = (await page.context().cookies(BASE_URL)).find((c) => c.name === SESSION_COOKIE);
		expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
	});
});
