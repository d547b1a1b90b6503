import { describe, expect, it } from 'vitest';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { retryDelayMs, MAX_ATTEMPTS, type Mailer } from '../notify/mailer';
import { startJobs, type Job } from './runner';

process.env.LEITSTAND_SILENT = '1';

const ctx = {
	db: {} as Database,
	config: {} as Config,
	mailer: { delivery: 'in-app', send: async () => {}, close: () => {} } satisfies Mailer
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** First run at once, then intervals at the low end of the jitter. */
const noJitter = () => 0;

describe('job runner', () => {
	it('runs a job again and again, never overlapping itself', async () => {
		let running = 0;
		let maxRunning = 0;
		let runs = 0;
		const job: Job = {
			name: 'slow',
			intervalMs: 5,
			async run() {
				running++;
				maxRunning = Math.max(maxRunning, running);
				await sleep(20);
				running--;
				runs++;
			}
		};
		const runner = startJobs(ctx, [job], noJitter);
		await sleep(200);
		await runner.stop();
		expect(runs).toBeGreaterThanOrEqual(3);
		expect(maxRunning).toBe(1);
	});

	it('keeps running a job after it fails', async () => {
		let runs = 0;
		const job: Job = {
			name: 'flaky',
			intervalMs: 5,
			async run() {
				runs++;
				if (runs <= 2) throw new Error('database unreachable');
			}
		};
		const runner = startJobs(ctx, [job], noJitter);
		await sleep(150);
		await runner.stop();
		expect(runs).toBeGreaterThanOrEqual(4);
	});

	it('stop waits for the run in progress and schedules no more', async () => {
		let started = 0;
		let finished = 0;
		const job: Job = {
			name: 'long',
			intervalMs: 5,
			async run() {
				started++;
				await sleep(80);
				finished++;
			}
		};
		const runner = startJobs(ctx, [job], noJitter);
		await sleep(20);
		expect(started).toBe(1);
		await runner.stop();
		expect(finished).toBe(1);
		await sleep(50);
		expect(started).toBe(1);
	});

	it('spreads first runs over the interval', async () => {
		let runs = 0;
		const job: Job = { name: 'later', intervalMs: 10_000, run: async () => void runs++ };
		const runner = startJobs(ctx, [job], () => 0.5);
		await sleep(30);
		await runner.stop();
		expect(runs).toBe(0);
	});
});

describe('mail retry backoff', () => {
	it('waits 1 min, 5 min, 30 min, 2 h, then longer, capped at a day', () => {
		const minutes = Array.from({ length: MAX_ATTEMPTS }, (_, i) => retryDelayMs(i + 1) / 60_000);
		expect(minutes).toEqual([1, 5, 30, 120, 360, 720, 1440, 1440]);
	});
});
