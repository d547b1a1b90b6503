// `npm test`: every suite, in order. Unit → integration on embedded PGlite → integration on
// PostgreSQL (when TEST_DATABASE_URL is set) → end-to-end in Chromium against the production build.
// Prints one closing line "N passed, N failed" summed over all suites.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const reports = 'test-results/summary';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSuites = [];

function run(name, command, args, env, count) {
	console.log(`\n━━ ${name} ━━`);
	const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	const counted = count();
	if (counted) {
		totals.passed += counted.passed;
		totals.failed += counted.failed;
		totals.skipped += counted.skipped;
	}
	if (result.status !== 0 || !counted || counted.failed > 0) failedSuites.push(name);
}

function vitestCounts(file) {
	if (!existsSync(file)) return null;
	const r = JSON.parse(readFileSync(file, 'utf8'));
	return {
		passed: r.numPassedTests,
		failed: r.numFailedTests,
		skipped: r.numPendingTests + r.numTodoTests
	};
}

function vitest(name, project, env) {
	const out = join(reports, `${name}.json`);
	run(
		name,
		'npx',
		[
			'vitest',
			'run',
			'--project',
			project,
			'--reporter=default',
			'--reporter=json',
			`--outputFile.json=${out}`
		],
		env,
		() => vitestCounts(out)
	);
}

function findChromium() {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
	return candidates.find((p) => p && existsSync(p));
}

vitest('unit', 'unit', {});
vitest('integration (embedded PGlite)', 'integration', { TEST_DATABASE_URL: '' });
if (process.env.TEST_DATABASE_URL) {
	vitest('integration (PostgreSQL)', 'integration', {});
} else {
	console.log('\nintegration on PostgreSQL skipped: set TEST_DATABASE_URL to run it as well.');
}

const chromium = findChromium();
if (chromium) {
	const out = join(reports, 'e2e.json');
	run(
		'end-to-end (Chromium)',
		'npx',
		['playwright', 'test', '--reporter=list,json'],
		{
			CHROMIUM_PATH: chromium,
			PLAYWRIGHT_JSON_OUTPUT_NAME: out
		},
		() => {
			if (!existsSync(out)) return null;
			const s = JSON.parse(readFileSync(out, 'utf8')).stats;
			return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
		}
	);
} else if (process.env.E2E_REQUIRED === '1') {
	console.error(
		'\nend-to-end FAILED: no Chromium found and E2E_REQUIRED=1 (apt-get install chromium).'
	);
	failedSuites.push('end-to-end (no Chromium)');
} else {
	console.log(
		'\nend-to-end skipped: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH).'
	);
}

console.log('');
if (failedSuites.length) console.log(`Failed suites: ${failedSuites.join(', ')}`);
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(failedSuites.length ? 1 : 0);
