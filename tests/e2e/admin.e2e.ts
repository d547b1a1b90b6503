// The admin area: users, groups, calendars, SLA targets and escalation rules through the real
// forms, with and without JavaScript, plus light and dark screenshots of every admin page.
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, expect, hydrated, signIn, test } from './support';

const OUT = fileURLToPath(new URL('./screenshots/', import.meta.url));
const run = Date.now().toString(36);

async function asAdmin(page: Page, path: string) {
	await signIn(page, DEMO.admin);
	await page.goto(path);
	await hydrated(page);
}

test.describe('admin pages', () => {
	test('create a user with a group', async ({ page }) => {
		await asAdmin(page, '/admin/users');
		const email = `e2e-${run}@example.com`;
		const create = page.getByTestId('create-user');
		await create.locator('summary').click();
		await create.getByLabel('Name').fill('Erika E2E');
		await create.getByLabel('Email').fill(DEMO.l1.email);
		await create.getByLabel('Role').selectOption('agent');
		await create.getByLabel('Initial password').fill('a long enough password');
		await create.getByLabel('Network').check();
		await create.getByRole('button', { name: 'Create user' }).click();
		// The server refuses the taken address; everything else stays as typed.
		await expect(create.getByTestId('field-error')).toHaveText(
			'A user with this email already exists.'
		);
		await expect(create.getByLabel('Name')).toHaveValue('Erika E2E');
		await expect(create.getByLabel('Network')).toBeChecked();

		await create.getByLabel('Email').fill(email);
		await create.getByLabel('Initial password').fill('a long enough password');
		await create.getByRole('button', { name: 'Create user' }).click();
		await expect(create.getByTestId('form-success')).toContainText(email);
		const row = page.locator(`[data-testid="user-row"][data-email="${email}"]`);
		await expect(row).toContainText('Erika E2E');
		await expect(row).toContainText('Network');
	});

	test('create a group', async ({ page }) => {
		await asAdmin(page, '/admin/groups');
		const name = `Databases ${run}`;
		const create = page.getByTestId('create-group');
		await create.locator('summary').click();
		await create.getByLabel('Name').fill(name);
		await create.getByLabel('Support level').selectOption('2');
		await create.getByLabel('Area').fill('data');
		await create.getByLabel('Team lead').selectOption({ label: DEMO.lead.name });
		await create.getByLabel(DEMO.l2.name).check();
		await create.getByRole('button', { name: 'Create group' }).click();
		const card = page.locator(`[data-testid="group-card"][data-name="${name}"]`);
		await expect(card).toBeVisible();
		await expect(card.getByTestId('group-level')).toHaveText('Level 2');
		await expect(card).toContainText('Members: 1');
	});

	test('calendar: an impossible time is refused, German holidays are added', async ({ page }) => {
		await asAdmin(page, '/admin/calendars');
		const form = page.getByTestId('calendar-form');
		await expect(form.getByLabel('Time zone')).toHaveValue('Europe/Berlin');
		await expect(form.getByLabel('Monday')).toHaveValue('08:00-18:00');

		await form.getByLabel('Monday').fill('08:00-25:00');
		await form.getByRole('button', { name: 'Save' }).click();
		await expect(form.getByTestId('form-error')).toBeVisible();
		await expect(form.locator('#cal-mon-error')).toContainText('25:00');
		await expect(form.getByLabel('Monday')).toHaveValue('08:00-25:00');
		await expect(form.getByLabel('Monday')).toHaveAttribute('aria-invalid', 'true');

		await form.getByLabel('Monday').fill('08:00-18:00');
		const year = String(new Date().getFullYear() + 2);
		await form.getByLabel('Year').selectOption(year);
		await form.getByRole('button', { name: 'Add German public holidays' }).click();
		await expect(form.getByTestId('form-success')).toContainText(
			`9 German public holidays for ${year}`
		);
		await expect(form).toContainText(`${year}: 9 days`);
		await expect(form.getByLabel('Holidays')).toHaveValue(new RegExp(`${year}-10-03`));
		await expect(form.getByLabel('Monday')).toHaveValue('08:00-18:00');
	});

	test('change the P3 targets', async ({ page }) => {
		await asAdmin(page, '/admin/sla');
		const form = page.getByTestId('sla-form');
		await form.getByLabel('First response P3').fill('3h');
		await form.getByLabel('Resolution P3').fill('1h');
		await form.getByRole('button', { name: 'Save' }).click();
		await expect(form.locator('[id="sla-resolution.3-error"]')).toContainText('faster');

		await form.getByLabel('Resolution P3').fill('2d');
		await form.getByRole('button', { name: 'Save' }).click();
		await expect(form.getByTestId('form-success')).toHaveText('Saved.');
		await expect(form.locator('[id="sla-firstResponse.3-hint"]')).toHaveText(
			'= 180 business minutes'
		);
		await page.reload();
		await expect(form.getByLabel('First response P3')).toHaveValue('3h');
		await expect(form.getByLabel('Resolution P3')).toHaveValue('2d');
	});

	test('create an escalation rule', async ({ page }) => {
		await asAdmin(page, '/admin/escalation');
		const name = `P3 breach ${run}`;
		const create = page.getByTestId('create-rule');
		await create.getByLabel('Name').fill(name);
		await create.getByLabel('SLA breached').check();
		await create.getByLabel('P1').uncheck();
		await create.getByLabel('P2').uncheck();
		await create.getByLabel('P3', { exact: true }).check();
		await create.getByLabel('Escalate to the next level').uncheck();
		await create.getByLabel('Notify the team lead').uncheck();
		await create.getByRole('button', { name: 'Create rule' }).click();
		await expect(create.getByTestId('field-error')).toHaveText('Choose at least one action.');

		await create.getByLabel('Notify the team lead').check();
		await create.getByRole('button', { name: 'Create rule' }).click();
		const card = page.locator(`[data-testid="rule-card"][data-name="${name}"]`);
		await expect(card).toContainText('SLA breached · Either clock · P3 · in all groups');
		await expect(card).toContainText('notify the team lead');
	});

	test('an agent gets 403 on the admin pages', async ({ page }) => {
		await signIn(page, DEMO.l1);
		for (const path of ['/admin/sla', '/admin/users', '/admin/mail']) {
			const response = await page.goto(path);
			expect(response?.status()).toBe(403);
		}
		// Form actions are guarded too, not only the pages.
		const response = await page.request.post('/admin/settings?/save', {
			form: { reopenDays: '1', autoCloseDays: '1' },
			headers: { origin: new URL(page.url()).origin }
		});
		expect(response.status()).toBe(403);
	});
});

test.describe('admin forms without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	/** Plain form POST to /login; nothing waits for hydration, there is none. */
	async function signInAsAdmin(page: Page) {
		await page.goto('/login');
		await page.locator('#email').fill(DEMO.admin.email);
		await page.locator('#password').fill(DEMO_PASSWORD);
		await page.locator('main form button[type="submit"]').click();
		await expect(page).toHaveURL('/admin');
	}

	test('a refused SLA form comes back with its field error and the typed values', async ({
		page
	}) => {
		await signInAsAdmin(page);
		await page.goto('/admin/sla');
		await page.getByLabel('First response P4').fill('7h');
		await page.getByLabel('Resolution P4').fill('soon');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByTestId('form-error')).toHaveText('Please check the marked fields.');
		await expect(page.locator('[id="sla-resolution.4-error"]')).toContainText('30, 45m, 4h or 2d');
		await expect(page.getByLabel('Resolution P4')).toHaveValue('soon');
		await expect(page.getByLabel('First response P4')).toHaveValue('7h');
	});

	test('settings are saved', async ({ page }) => {
		await signInAsAdmin(page);
		await page.goto('/admin/settings');
		await page.getByLabel('Reopen window').fill('10');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByTestId('form-success')).toHaveText('Saved.');
		await expect(page.getByLabel('Reopen window')).toHaveValue('10');
	});

	test('revoking a token asks first', async ({ page }) => {
		await signInAsAdmin(page);
		await page.goto('/admin/tokens');
		const name = `nojs ${run}`;
		await page.getByLabel('Name').fill(name);
		await page.getByRole('button', { name: 'Create token' }).click();
		await expect(page.getByTestId('new-token')).toHaveText(/^lst_/);
		const row = page.getByTestId('token-row').filter({ hasText: name });
		await row.locator('summary').click();
		await row.getByRole('button', { name: 'Revoke' }).click();
		await expect(page.getByRole('status')).toHaveText('Token revoked.');
		await expect(page.getByTestId('token-row').filter({ hasText: name })).toContainText('Revoked');
	});
});

const PAGES = [
	'admin',
	'users',
	'groups',
	'routing',
	'calendars',
	'sla',
	'escalation',
	'settings',
	'tokens',
	'mail'
];

for (const colorScheme of ['light', 'dark'] as const) {
	test.describe(`admin screenshots (${colorScheme})`, () => {
		test.use({ colorScheme, viewport: { width: 1280, height: 800 } });
		test(`all admin pages`, async ({ page }) => {
			await signIn(page, DEMO.admin);
			for (const name of PAGES) {
				const response = await page.goto(name === 'admin' ? '/admin' : `/admin/${name}`);
				expect(response?.status()).toBe(200);
				await page.screenshot({
					path: `${OUT}admin-${name}-${colorScheme}.png`,
					fullPage: true,
					animations: 'disabled'
				});
			}
		});
	});
}

test('admin pages on a phone (light)', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await signIn(page, DEMO.admin);
	for (const name of ['users', 'calendars', 'sla']) {
		await page.goto(`/admin/${name}`);
		await page.screenshot({ path: `${OUT}admin-${name}-mobile.png`, fullPage: true });
	}
});
