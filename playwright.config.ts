import { defineConfig, devices } from '@playwright/test';
import { execFileSync } from 'node:child_process';

/**
 * A free port per run, chosen once in the main process and inherited by the workers through the
 * environment, so several runs on one machine (developers, CI) never collide.
 */
function freePort(): number {
	const script =
		"const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})";
	return Number(execFileSync(process.execPath, ['-e', script]).toString().trim());
}
process.env.E2E_PORT ??= String(freePort());
const PORT = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${PORT}`;
process.env.E2E_BASE_URL = baseURL;
const dataDir = `test-data/e2e-${PORT}`;

/** Debian's Chromium: Playwright cannot download its own browsers on these machines. */
const chromium = {
	...devices['Desktop Chrome'],
	headless: true,
	launchOptions: {
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	}
};

/** Tests that change a demo account for the rest of the run (its language) run after the rest. */
const STATEFUL = /stateful\.e2e\.ts$/;
/** Tests that start their own nodes on a PostgreSQL server: only when one is given. */
const NEEDS_POSTGRES = /\.pg\.e2e\.ts$/;
const postgresOnly = process.env.TEST_DATABASE_URL ? [] : [NEEDS_POSTGRES];

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	workers: 2,
	fullyParallel: false,
	forbidOnly: !!process.env.CI,
	retries: process.env.CI ? 1 : 0,
	reporter: 'list',
	timeout: 30_000,
	expect: { timeout: 10_000 },
	use: {
		baseURL,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure'
	},
	projects: [
		{ name: 'chromium', testIgnore: [STATEFUL, ...postgresOnly], use: chromium },
		{ name: 'chromium-stateful', testMatch: STATEFUL, dependencies: ['chromium'], use: chromium }
	],
	// The production entry exactly as `npm start` runs it (builds when stale), on a fresh database.
	webServer: {
		command: `rm -rf ${dataDir} && node scripts/start.js`,
		url: `${baseURL}/healthz`,
		// Building plus a fresh database with demo data takes ~60 s; far more on a busy 2-core box.
		timeout: 300_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		stderr: 'pipe',
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			SEED_DEMO: '1',
			// Demo users and groups, but no generated tickets: tests create what they need.
			DEMO_TICKETS: '0',
			LEITSTAND_SILENT: '0',
			SIGNUP_EMAIL_DOMAINS: 'example.com'
		}
	}
});
