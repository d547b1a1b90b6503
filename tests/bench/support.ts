// What the benchmarks share: a free port, the production build started as users run it, and
// percentile figures.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

/**
 * CPU seconds used so far by the processes named `postgres` on this machine, and by `pid`
 * (Linux `/proc`; null elsewhere). Benchmarks print CPU per request from two readings, to show
 * where the time goes; a backend that ended between the readings is not counted.
 */
export function cpuSnapshot(pid: number): { app: number; postgres: Map<number, number> } | null {
	if (!existsSync('/proc/self/stat')) return null;
	const seconds = (p: number | string) => {
		try {
			const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
			return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, USER_HZ = 100
		} catch {
			return null;
		}
	};
	const postgres = new Map<number, number>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
		} catch {
			continue;
		}
		const s = seconds(entry);
		if (s !== null) postgres.set(Number(entry), s);
	}
	return { app: seconds(pid) ?? 0, postgres };
}

/** CPU seconds between two `cpuSnapshot`s: the process, and PostgreSQL's processes. */
export function cpuBetween(
	before: ReturnType<typeof cpuSnapshot>,
	after: ReturnType<typeof cpuSnapshot>
): { app: number; postgres: number } | null {
	if (!before || !after) return null;
	let postgres = 0;
	for (const [pid, s] of after.postgres) postgres += s - (before.postgres.get(pid) ?? 0);
	return { app: after.app - before.app, postgres };
}
