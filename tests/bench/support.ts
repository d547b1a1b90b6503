// What the benchmarks share: a free port, the production build started as users run it, and
// percentile figures.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address() as AddressInfo;
			s.close(() => resolve(port));
		});
	});
}

/**
 * `npm start` (scripts/start.js: builds when the build is stale) on `port` with `env`, resolved
 * once `/healthz` answers.
 */
export async function startApp(port: number, env: Record<string, string>): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['scripts/start.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			LOG_LEVEL: 'warn',
			LEITSTAND_SILENT: '1',
			...env
		},
		stdio: ['ignore', 'inherit', 'inherit']
	});
	for (let i = 0; i < 600; i++) {
		const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
			.then((r) => r.ok)
			.catch(() => false);
		if (ok) return child;
		if (child.exitCode !== null) throw new Error('the app did not start');
		await sleep(500);
	}
	throw new Error('the app did not answer /healthz');
}

/** p50, p95, p99 and max of `samples` (milliseconds). */
export function percentiles(samples: number[]) {
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
	return {
		p50: at(0.5),
		p95: at(0.95),
		p99: at(0.99),
		max: sorted[sorted.length - 1],
		n: sorted.length
	};
}
