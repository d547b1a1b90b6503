// `npm start`: build the app when the build is missing or older than the sources, then serve it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const BUILD_MARKER = 'build/handler.js';
const BUILD_LOCK = '.svelte-kit/leitstand-build.lock';
const SOURCES = [
	'src',
	'static',
	'messages',
	'sql',
	'svelte.config.js',
	'vite.config.ts',
	'package.json'
];

function newestMtime(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of readdirSync(path)) {
		if (entry === 'paraglide') continue; // generated during the build itself
		newest = Math.max(newest, newestMtime(join(path, entry)));
	}
	return newest;
}

const stale = () => {
	const built = existsSync(BUILD_MARKER) ? statSync(BUILD_MARKER).mtimeMs : 0;
	return !built || Math.max(...SOURCES.map(newestMtime)) > built;
};

/** One build at a time on a machine (e.g. parallel test runs): mkdir is atomic. */
async function withBuildLock(fn) {
	mkdirSync('.svelte-kit', { recursive: true });
	const started = Date.now();
	for (;;) {
		try {
			mkdirSync(BUILD_LOCK);
			break;
		} catch {
			// A lock older than 10 minutes belongs to a build that died.
			if (Date.now() - statSync(BUILD_LOCK, { throwIfNoEntry: false })?.mtimeMs > 600_000) {
				rmSync(BUILD_LOCK, { recursive: true, force: true });
			}
			if (Date.now() - started > 900_000) throw new Error('Timed out waiting for another build');
			await new Promise((r) => setTimeout(r, 500));
		}
	}
	try {
		return fn();
	} finally {
		rmSync(BUILD_LOCK, { recursive: true, force: true });
	}
}

if (stale()) {
	await withBuildLock(() => {
		if (!stale()) return 0; // another process built it while we waited
		console.log(
			existsSync(BUILD_MARKER)
				? 'Sources changed: rebuilding Leitstand…'
				: 'Building Leitstand (first start)…'
		);
		const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
		return result.status ?? 1;
	}).then((status) => {
		// Exit only after the lock is released, so a failed build does not block the next start.
		if (status) process.exit(status);
	});
}

process.env.NODE_ENV ??= 'production';
await import('../server.js');
