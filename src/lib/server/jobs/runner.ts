// Background jobs of one node: each runs on its own timer, never overlapping itself. Jobs that
// must happen once across nodes get that from their SQL (SKIP LOCKED, versions), not from here.
import type { Config } from '../config';
import type { Database } from '../db/client';
import { log } from '../log';
import { createMailer, type Mailer } from '../notify/mailer';
import { autoCloseJob } from './auto-close';
import { maintenanceJob } from './maintenance';
import { outboxJob } from './outbox';
import { slaClockJob } from './sla-clock';

export interface JobContext {
	db: Database;
	config: Config;
	mailer: Mailer;
}

export interface Job {
	name: string;
	/** Mean time between the end of one run and the start of the next. */
	intervalMs: number;
	run(ctx: JobContext): Promise<unknown>;
}

export interface JobRunner {
	/** Stop scheduling and wait for runs in progress to finish. */
	stop(): Promise<void>;
}

/** ±20 % so that several nodes started together do not query in lockstep. */
const JITTER = 0.2;

function jittered(ms: number, random: () => number): number {
	return Math.round(ms * (1 - JITTER + 2 * JITTER * random()));
}

/** The jobs every node runs. */
export function defaultJobs(): Job[] {
	return [slaClockJob, outboxJob, autoCloseJob, maintenanceJob];
}

/**
 * Start `jobs` (the default set unless given). The first run of each comes after a random share
 * of its interval; the next is scheduled only when the previous run has finished.
 */
export function startJobs(
	ctx: { db: Database; config: Config; mailer?: Mailer },
	jobs: Job[] = defaultJobs(),
	random: () => number = Math.random
): JobRunner {
	const mailer = ctx.mailer ?? createMailer(ctx.config);
	const jobCtx: JobContext = { db: ctx.db, config: ctx.config, mailer };
	let stopped = false;
	const timers = new Set<NodeJS.Timeout>();
	const running = new Set<Promise<void>>();

	function schedule(job: Job, delay: number, failures: number) {
		const timer = setTimeout(() => {
			timers.delete(timer);
			if (stopped) return;
			const tick = tickOnce(job, failures).then((nextFailures) => {
				running.delete(tick);
				if (!stopped) schedule(job, jittered(job.intervalMs, random), nextFailures);
			});
			running.add(tick);
		}, delay);
		// Timers alone must not keep a process alive (CLI tools, tests).
		timer.unref();
		timers.add(timer);
	}

	/** One run; failures are logged (the first and then every tenth in a row) and never thrown. */
	async function tickOnce(job: Job, failures: number): Promise<number> {
		try {
			await job.run(jobCtx);
			if (failures > 0) log.info(`job ${job.name} recovered after ${failures} failed runs`);
			return 0;
		} catch (error) {
			const count = failures + 1;
			if (count === 1 || count % 10 === 0) {
				log.error(`job ${job.name} failed`, {
					error: error instanceof Error ? error.message : String(error),
					failuresInARow: count
				});
			}
			return count;
		}
	}

	for (const job of jobs) schedule(job, Math.round(job.intervalMs * random()), 0);
	log.info(`background jobs started: ${jobs.map((j) => j.name).join(', ')}`);

	return {
		async stop() {
			stopped = true;
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			await Promise.all(running);
			if (!ctx.mailer) mailer.close();
		}
	};
}
