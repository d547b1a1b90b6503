// Full-page screenshots of every main page in light and dark mode, for a human design review.
// Written to tests/e2e/screenshots/ (gitignored): `npx playwright test screenshots`.
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { DEMO, expect, signIn, test, type DemoAccount } from './support';

const OUT = fileURLToPath(new URL('./screenshots/', import.meta.url));

interface Shot {
	name: string;
	path: string;
	as?: DemoAccount;
	status?: number;
	/** Wait for whatever makes the page look finished. */
	ready?: (page: Page) => Promise<void>;
}

const live = async (page: Page) =>
	expect(page.getByTestId('live-indicator')).toHaveAttribute('data-status', 'connected');

const SHOTS: Shot[] = [
	{ name: 'login', path: '/login' },
	{ name: 'signup', path: '/signup' },
	{ name: 'status', path: '/status' },
	{ name: 'kb', path: '/kb' },
	{ name: 'portal', path: '/portal', as: DEMO.user },
	{ name: 'settings', path: '/settings', as: DEMO.user },
	{ name: 'forbidden', path: '/admin', as: DEMO.user, status: 403 },
	{ name: 'not-found', path: '/no-such-page', status: 404 },
	{ name: 'desk', path: '/desk', as: DEMO.l1, ready: live },
	{ name: 'wall', path: '/wall', as: DEMO.lead, ready: live },
	{ name: 'admin', path: '/admin', as: DEMO.admin }
];

for (const colorScheme of ['light', 'dark'] as const) {
	test.describe(`screenshots (${colorScheme})`, () => {
		test.use({ colorScheme, viewport: { width: 1280, height: 800 } });

		for (const shot of SHOTS) {
			test(`${shot.name}`, async ({ page }) => {
				await page.emulateMedia({ colorScheme });
				if (shot.as) await signIn(page, shot.as);
				const response = await page.goto(shot.path);
				expect(response?.status()).toBe(shot.status ?? 200);
				await page.evaluate(() => document.fonts.ready);
				await shot.ready?.(page);
				await page.screenshot({
					path: `${OUT}${shot.name}-${colorScheme}.png`,
					fullPage: true,
					animations: 'disabled'
				});
			});
		}
	});
}

test('mobile login and portal (light)', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto('/login');
	await page.screenshot({ path: `${OUT}login-mobile.png`, fullPage: true });
	await signIn(page, DEMO.user);
	await page.screenshot({ path: `${OUT}portal-mobile.png`, fullPage: true });
	await page.goto('/desk');
	await page.screenshot({ path: `${OUT}forbidden-mobile.png`, fullPage: true });
});
