import { resolve } from 'node:path';
import { loadConfig, type Config } from './config';
import { openDatabase, type Database } from './db/client';
import { migrate } from './db/migrate';
import { log } from './log';
import { ensureDefaults } from './seed/defaults';
import { isEmpty, seedDemo, DEMO_PASSWORD, DEMO_USERS } from './seed/demo';
import { createLoginThrottle, type LoginThrottle } from './auth/throttle';
import { startPublisher, type Publisher } from './events/publisher';
import { watchCalendars } from './sla/service';
import { startFanout, type Fanout } from './realtime/fanout';
import { startJobs } from './jobs/runner';
import { seedDemoTickets } from './seed/tickets';
import { statusEdge } from './status/edge.js';
import { startStatusService, type StatusService } from './status/snapshot';

/** Everything a running node holds: configuration, database, shared services. */
export interface AppContext {
	config: Config;
	db: Database;
	throttle: LoginThrottle;
	publisher: Publisher;
	fanout: Fanout;
	/** The public status snapshot (status page, v2 JSON, feeds). */
	status: StatusService;
	startedAt: Date;
	stop(): Promise<void>;
}

// Shared through globalThis: Vite's dev server and the production bundle can load this module
// more than once, but a node must open its database exactly once.
const KEY = Symbol.for('leitstand.app');
type Registry = { [KEY]?: Promise<AppContext> };
const registry = globalThis as unknown as Registry;

export const SQL_DIR = resolve(process.env.LEITSTAND_SQL_DIR ?? 'sql');

/** Start the node's services once; later calls return the same context. */
export function startApp(config: Config = loadConfig()): Promise<AppContext> {
	registry[KEY] ??= boot(config).catch((error: unknown) => {
		delete registry[KEY];
		throw error;
	});
	return registry[KEY];
}

/** The running context; throws if `startApp` has not completed (a wiring bug, not user error). */
export async function app(): Promise<AppContext> {
	const ctx = registry[KEY];
	if (!ctx) throw new Error('Leitstand has not been started (startApp was not called).');
	return ctx;
}

async function boot(config: Config): Promise<AppContext> {
	const where = config.databaseUrl
		? 'PostgreSQL (DATABASE_URL)'
		: `embedded PGlite in ${config.dataDir}`;
	log.info(`starting Leitstand on ${where}`);
	let db: Database | undefined;
	// A PostgreSQL server that is down or refusing connections is waited for (the status edge
	// serves the last snapshot meanwhile); a wrong address, password or database name is not.
	for (let attempt = 1; ; attempt++) {
		try {
			db = await openDatabase({
				databaseUrl: config.databaseUrl,
				dataDir: config.dataDir,
				poolMax: config.poolMax
			});
			const { applied, total } = await migrate(db.sql, SQL_DIR);
			log.info(`database schema ready (${total} migrations, ${applied.length} applied now)`);
			await ensureDefaults(db);
			break;
		} catch (error) {
			await db?.close().catch(() => {});
			db = undefined;
			const reason = error instanceof Error ? error.message : String(error);
			if (!config.databaseUrl || !config.waitForDatabase || !isConnectionFailure(error)) {
				throw new Error(`Leitstand could not open its database (${where}): ${reason}`, {
					cause: error
				});
			}
			const wait = Math.min(10_000, 1000 * attempt);
			log.warn(`database unreachable (${reason}); trying again in ${wait / 1000} s`, { attempt });
			statusEdge().setDatabaseDown(true);
			await new Promise((r) => setTimeout(r, wait));
		}
	}

	let demoTickets = 0;
	if (!config.databaseUrl && config.seedDemo && (await isEmpty(db))) {
		await seedDemo(db);
		demoTickets = config.demoTickets;
		log.info(
			'demo organisation created; sign in with any of these (password: ' + DEMO_PASSWORD + ')'
		);
		for (const u of DEMO_USERS) log.info(`  ${u.role.padEnd(9)} ${u.email}`);
	}

	const unwatchCalendars = await watchCalendars(db);
	const publisher = await startPublisher(db);
	const fanout = await startFanout(db);
	const status = await startStatusService({ db, fanout, config });
	let jobs: { stop(): Promise<void> } | null = null;
	let stopping = false;
	// Demo tickets are written in the background so the node answers at once; the jobs start
	// after them, because the seed replays the past and the SLA clock must not run ahead of it.
	const background = (async () => {
		if (demoTickets > 0) {
			const started = Date.now();
			try {
				const { tickets } = await seedDemoTickets(db, { count: demoTickets });
				log.info(`${tickets.length} demo tickets created in ${Date.now() - started} ms`);
			} catch (error) {
				// Demo tickets are a convenience: without them the node still works.
				if (!stopping) log.error('demo tickets could not be created', { error: String(error) });
			}
		}
		if (config.jobs && !stopping) jobs = startJobs({ db, config });
	})();
	const ctx: AppContext = {
		config,
		db,
		throttle: createLoginThrottle(db.sql),
		publisher,
		fanout,
		status,
		startedAt: new Date(),
		async stop() {
			stopping = true;
			await background;
			await jobs?.stop();
			await status.stop();
			await fanout.stop();
			await publisher.stop();
			await unwatchCalendars();
			await db.close();
			delete registry[KEY];
		}
	};
	return ctx;
}

/** Errors that mean "the database server is not there (yet)", not "the configuration is wrong". */
const CONNECTION_FAILURES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EAI_AGAIN',
	'EPIPE',
	'CONNECT_TIMEOUT',
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED',
	'57P01', // admin_shutdown
	'57P02', // crash_shutdown
	'57P03', // cannot_connect_now (starting up, recovering)
	'53300', // too_many_connections
	'55000' // the database is not accepting connections (ALLOW_CONNECTIONS false)
]);

export function isConnectionFailure(error: unknown): boolean {
	const codes: unknown[] = [];
	for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
		const x = e as { code?: unknown; errors?: unknown[]; cause?: unknown };
		codes.push(x.code, ...(x.errors ?? []).map((i) => (i as { code?: unknown })?.code));
		e = x.cause;
	}
	return codes.some((c) => typeof c === 'string' && CONNECTION_FAILURES.has(c));
}
