// The public status page in Chromium against the production server: complete without JavaScript,
// live with it (an agent's update appears without reload), the uptime bars by keyboard, a phone
// screen, light and dark; the static export is the served page; and a restarted node whose
// database is unreachable still answers the page, the JSON and the feeds from its snapshot.
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_URL, DEMO, expect, signedInContext, test } from './support';

const OUT = fileURLToPath(new URL('./screenshots/', import.meta.url));
const DATA_DIR = `test-data/e2e-${new URL(BASE_URL).port}`;

/** The status page as the edge serves it: once the node rendered it (after start-up). */
async function renderedStatus(request: import('@playwright/test').APIRequestContext) {
	await expect
		.poll(
			async () => {
				const r = await request.get('/status?lang=en');
				return r.headers()['x-status-as-of'] ?? null;
			},
			{ timeout: 60_000 }
		)
		.not.toBeNull();
}

test.describe('status page', () => {
	test.beforeEach(async ({ request }) => renderedStatus(request));

	test('is complete without JavaScript', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		const r = await page.goto('/status?lang=en');
		expect(r!.status()).toBe(200);
		expect(r!.headers()['cache-control']).toContain('public');
		await expect(page.locator('h1')).toHaveCount(1);
		await expect(page.getByTestId('status-banner')).toBeVisible();
		await expect(page.getByTestId('status-description')).not.toBeEmpty();
		await expect(page.getByRole('link', { name: 'Skip to content' })).toBeAttached();
		expect(await page.getByTestId('component').count()).toBeGreaterThan(3);
		// Each state as icon and word.
		await expect(page.getByTestId('component-status').first()).toHaveText(
			/Operational|Degraded performance|Partial outage|Major outage|Under maintenance/
		);
		await expect(page.getByTestId('uptime-bars').first().locator('button')).toHaveCount(90);
		await expect(page.getByTestId('past-day')).toHaveCount(15);
		await expect(page.getByText('No incidents reported.').first()).toBeVisible();
		await expect(page.getByTestId('subscribe-form')).toBeVisible();
		// Headings in order: one h1, sections h2, then h3.
		const levels = await page.$$eval('h1, h2, h3, h4', (hs) => hs.map((h) => Number(h.tagName[1])));
		for (let n = 1; n < levels.length; n++)
			expect(levels[n] - levels[n - 1]).toBeLessThanOrEqual(1);
		// German, with the zone's abbreviation and a 24-hour clock.
		await page.goto('/status?lang=de');
		await expect(page.locator('html')).toHaveAttribute('lang', 'de');
		await expect(page.getByText(/Zeiten in Europe\/Berlin \(MEZ\/MESZ\)/)).toBeVisible();
		await expect(page.getByTestId('as-of')).toHaveText(/Stand: .* \d{2}:\d{2} MES?Z/);
		await context.close();
	});

	test('shows an agent’s new incident and its update live, without reload', async ({
		page,
		browser
	}) => {
		await page.goto('/status?lang=en');
		await expect(page.getByTestId('live-state')).toHaveAttribute('data-status', 'connected');
		const marker = await page.evaluate(
			() => ((window as unknown as { marker: number }).marker = 1)
		);
		const title = `Live e2e incident ${Date.now().toString(36)}`;
		const agent = await signedInContext(browser, DEMO.l2);
		try {
			const declared = await agent.request.post('/api/incidents', {
				data: { title, impact: 'minor', bodyEn: 'We are looking into slow logins.' },
				headers: { origin: BASE_URL }
			});
			expect(declared.status(), await declared.text()).toBe(201);
			const incident = await declared.json();
			const card = page.getByTestId('incident').filter({ hasText: title });
			await expect(card).toBeVisible();
			await expect(card).toContainText('We are looking into slow logins.');
			const updated = await agent.request.post(`/api/incidents/${incident.id}/updates`, {
				data: {
					version: incident.version,
					status: 'resolved',
					bodyEn: 'Logins are fast again.'
				},
				headers: { origin: BASE_URL }
			});
			expect([200, 201], await updated.text()).toContain(updated.status());
			await expect(card).toHaveCount(0);
			const past = page.getByTestId('past-incident').filter({ hasText: title });
			await expect(past).toContainText('Resolved');
			await expect(past).toContainText('Logins are fast again.');
			// The same page: no reload happened.
			expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(
				marker
			);
		} finally {
			await agent.context().close();
		}
	});

	test('bars are one tab stop, moved by day and by week with the keyboard', async ({ page }) => {
		await page.goto('/status?lang=en');
		await expect(page.getByTestId('live-state')).toBeVisible();
		const strip = page.getByTestId('uptime-bars').first();
		const buttons = strip.locator('button');
		// Only one button of the strip takes the tab stop: today's.
		await expect(strip.locator('button[tabindex="0"]')).toHaveCount(1);
		await expect(buttons.nth(89)).toHaveAttribute('tabindex', '0');
		await buttons.nth(89).focus();
		const focusedTitle = () => page.evaluate(() => document.activeElement?.getAttribute('title'));
		const today = await focusedTitle();
		expect(today).toMatch(
			/^\d{1,2} \w{3} \d{4}: (\d+(\.\d+)? % uptime|No data exists for this day), (no incidents|1 incident|\d+ incidents)$/
		);
		await page.keyboard.press('ArrowLeft');
		await expect(buttons.nth(88)).toBeFocused();
		await expect(page.getByTestId('uptime-day').first()).toBeVisible();
		await page.keyboard.press('PageUp');
		await expect(buttons.nth(81)).toBeFocused();
		await page.keyboard.press('PageDown');
		await expect(buttons.nth(88)).toBeFocused();
		await page.keyboard.press('Home');
		await expect(buttons.nth(0)).toBeFocused();
		await page.keyboard.press('End');
		await expect(buttons.nth(89)).toBeFocused();
		// Tab leaves the strip at once (to the next component's strip: one stop each).
		await page.keyboard.press('Tab');
		expect(await strip.evaluate((el) => el.contains(document.activeElement))).toBe(false);
	});

	test('looks finished: light, dark, phone', async ({ browser }) => {
		for (const [name, options] of [
			['status-light', { colorScheme: 'light', viewport: { width: 1280, height: 900 } }],
			['status-dark', { colorScheme: 'dark', viewport: { width: 1280, height: 900 } }],
			[
				'status-phone',
				{ colorScheme: 'light', viewport: { width: 390, height: 844 }, isMobile: true }
			]
		] as const) {
			const context = await browser.newContext(options);
			const page = await context.newPage();
			await page.goto('/status?lang=de');
			await expect(page.getByTestId('live-state')).toHaveAttribute('data-status', 'connected');
			// Nothing wider than the screen.
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
				options.viewport.width
			);
			await page.screenshot({ path: `${OUT}${name}.png`, fullPage: true });
			await context.close();
		}
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		await page.goto('/status?lang=en');
		const incident = page.locator('a[href^="/status/incidents/"]').first();
		await incident.click();
		await expect(page.getByTestId('incident-page')).toBeVisible();
		await page.screenshot({ path: `${OUT}status-incident.png`, fullPage: true });
		await context.close();
	});

	test('the static export is the page as served', async ({ request }) => {
		const out = mkdtempSync(join(tmpdir(), 'lst-export-'));
		try {
			const served = await (await request.get('/status?lang=en')).text();
			execFileSync(process.execPath, [
				'scripts/status-export.js',
				'--out',
				out,
				'--data-dir',
				DATA_DIR
			]);
			const exported = readFileSync(join(out, 'status', 'index.html'), 'utf8');
			const marker = (html: string) =>
				html
					.replace(/<span data-testid="as-of"[^>]*>[^<]*<\/span>/, '')
					.replace(/"asOf":"[^"]+"/g, '');
			expect(marker(exported)).toBe(marker(served));
			expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe(exported);
			for (const file of [
				'api/v2/summary.json',
				'api/v2/status.json',
				'api/v2/components.json',
				'api/v2/incidents.json',
				'api/v2/incidents/unresolved.json',
				'api/v2/scheduled-maintenances.json',
				'api/v2/scheduled-maintenances/upcoming.json',
				'api/v2/scheduled-maintenances/active.json'
			]) {
				expect(Object.keys(JSON.parse(readFileSync(join(out, file), 'utf8')))).toContain('page');
			}
			expect(readFileSync(join(out, 'status', 'feed.atom'), 'utf8')).toContain('<feed');
			expect(readFileSync(join(out, 'status', 'feed.rss'), 'utf8')).toContain('<rss');
			expect(readFileSync(join(out, 'status', 'history', 'index.html'), 'utf8')).toContain(
				'Incident history'
			);
			const summary = JSON.parse(readFileSync(join(out, 'api/v2/summary.json'), 'utf8'));
			const someIncident = summary.incidents[0] ?? summary.scheduled_maintenances[0];
			if (someIncident) {
				expect(
					readFileSync(join(out, 'status', 'incidents', someIncident.id, 'index.html'), 'utf8')
				).toContain(someIncident.name);
			}
		} finally {
			rmSync(out, { recursive: true, force: true });
		}
	});
});

test('a restarted node with its database unreachable serves the snapshot, marked with its age', async ({
	browser,
	request
}) => {
	test.setTimeout(90_000);
	await renderedStatus(request);
	const dir = mkdtempSync(join(tmpdir(), 'lst-outage-'));
	cpSync(join(DATA_DIR, 'status'), join(dir, 'status'), { recursive: true });
	const port = await new Promise<number>((resolve) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => resolve(port));
		});
	});
	// PostgreSQL on a port where nothing listens: the app keeps trying, the edge answers.
	const child = spawn(process.execPath, ['server.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dir,
			DATABASE_URL: 'postgres://leitstand@127.0.0.1:9/leitstand',
			NODE_ENV: 'production',
			LEITSTAND_SILENT: '1'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const base = `http://127.0.0.1:${port}`;
	try {
		await expect.poll(() => output, { timeout: 30_000 }).toContain('waiting for its database');
		const status = await fetch(`${base}/status?lang=en`);
		expect(status.status).toBe(200);
		expect(status.headers.get('x-status-stale')).toBe('1');
		expect(await status.text()).toContain('id="status-stale"');
		const summary = await fetch(`${base}/api/v2/summary.json`);
		expect(summary.status).toBe(200);
		expect(summary.headers.get('x-status-stale')).toBe('1');
		expect(Object.keys(await summary.json()).sort()).toEqual([
			'components',
			'incidents',
			'page',
			'scheduled_maintenances',
			'status'
		]);
		const feed = await fetch(`${base}/status/feed.atom?lang=de`);
		expect(feed.status).toBe(200);
		expect(await feed.text()).toMatch(/Stand: .*, nicht aktuell/);
		// Everything else says clearly that the database is away.
		const login = await fetch(`${base}/login`);
		expect(login.status).toBe(503);
		expect(await login.text()).toContain('cannot reach its database');

		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		await page.goto(`${base}/status?lang=de`);
		await expect(page.locator('#status-stale')).toContainText('Stand von');
		await page.screenshot({ path: `${OUT}status-stale.png` });
		await context.close();
	} finally {
		child.kill('SIGTERM');
		rmSync(dir, { recursive: true, force: true });
	}
});
