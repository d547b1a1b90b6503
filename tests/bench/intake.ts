// Intake throughput: `npm run bench:intake [-- --connections 16 --seconds 10]`.
//
// `POST /api/tickets` with an API token at N concurrent clients against the production build on
// the PostgreSQL database named by DATABASE_URL, and, in the same run, the same rows written by
// bare postgres.js — a ticket, its two SLA clocks, its two events with their notification, the
// confirmation mail in the outbox — in one transaction each at the same concurrency. Prints both
// and the ratio (target: at least 50 % of the bare figure). Asserts nothing.
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { createApiToken } from '../../src/lib/server/auth/tokens';
import { openDatabase } from '../../src/lib/server/db/client';
import { migrate } from '../../src/lib/server/db/migrate';
import { ensureDefaults } from '../../src/lib/server/seed/defaults';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { getUserByEmail } from '../../src/lib/server/users/db';
import { cpuBetween, cpuSnapshot, freePort, sleep, startApp } from './support';

process.env.LEITSTAND_SILENT ??= '1';
const { values } = parseArgs({
	options: {
		connections: { type: 'string', default: '16' },
		seconds: { type: 'string', default: '10' }
	}
});
const CONNECTIONS = Number(values.connections);
const TICKET = {
	title: 'Cannot reach the file server',
	body: 'Since the outage this morning the share does not open.'
};
const SECONDS = Number(values.seconds);
const url = process.env.DATABASE_URL;
if (!url) {
	console.error('bench:intake runs on PostgreSQL: set DATABASE_URL to a disposable database.');
	process.exit(1);
}
/** CPU per ticket of the process that wrote it and of PostgreSQL (Linux only). */
function printCpu(label: string, cpu: { app: number; postgres: number } | null, tickets: number) {
	if (!cpu || tickets === 0) return;
	const ms = (s: number) => ((s * 1000) / tickets).toFixed(2);
	console.log(`    CPU per ticket: ${label} ${ms(cpu.app)} ms, PostgreSQL ${ms(cpu.postgres)} ms`);
}

async function main() {
	console.log(
		`bench:intake — ${CONNECTIONS} concurrent clients, ${SECONDS} s each, ${cpus().length} cores, load ${loadavg()[0].toFixed(2)}`
	);
	const db = await openDatabase({ databaseUrl: url, dataDir: '', poolMax: 2 });
	await migrate(db.sql, join(process.cwd(), 'sql'));
	await ensureDefaults(db);
	await seedDemo(db);
	const requester = (await getUserByEmail(db.sql, 'user@example.com'))!;
	const token = (await createApiToken(db.sql, requester.id, 'bench:intake')).token;
	const [route] = await db.sql<
		{ category: number; group: number; calendar: number; policy: number }[]
	>`
		select c.id as category, c.group_id as group, t.calendar_id as calendar, p.id as policy
		from categories c, sla_policies p join sla_targets t on t.policy_id = p.id and t.priority = 3
		where p.is_default order by c.id limit 1`;
	await db.close();

	// 1. The app.
	const port = await freePort();
	console.log('starting the app (builds first when the build is stale)…');
	const app = await startApp(port, {
		DATABASE_URL: url!,
		JOBS: '0',
		DATABASE_POOL_MAX: String(CONNECTIONS)
	});
	let appRate: number;
	try {
		const cpuBefore = cpuSnapshot(app.pid!);
		const result = await autocannon({
			url: `http://127.0.0.1:${port}/api/tickets`,
			method: 'POST',
			connections: CONNECTIONS,
			duration: SECONDS,
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ ...TICKET, categoryId: route.category, urgency: 2, impact: 2 })
		});
		appRate = result.requests.average;
		const errors = result.non2xx + result.errors;
		console.log(
			`\n  Leitstand POST /api/tickets       ${appRate.toFixed(0)} tickets/s  (p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${errors} errors)`
		);
		printCpu('app process', cpuBetween(cpuBefore, cpuSnapshot(app.pid!)), result.requests.total);
	} finally {
		app.kill('SIGTERM');
		await sleep(1000);
	}

	// 2. Bare postgres.js: the same rows, one transaction each, same concurrency. "The same" down
	// to their size: the events' payloads and topics and the mail are copies of the last ones the
	// app wrote (with this ticket's number), so the baseline does not win by writing less.
	const sql = postgres(url!, { max: CONNECTIONS, onnotice: () => {} });
	type Json = Record<string, unknown>;
	const [created] = await sql<{ payload: Json }[]>`
		select payload from events where type = 'ticket.created' order by id desc limit 1`;
	const [queued] = await sql<{ payload: Json & { ticket: Json }; topics: string[] }[]>`
		select payload, topics from events where type = 'queue.ticket' order by id desc limit 1`;
	const [mail] = await sql<{ subject: string; body: string }[]>`
		select subject, body from outbox order by id desc limit 1`;
	let done = 0;
	const cpuBefore = cpuSnapshot(process.pid);
	const until = Date.now() + SECONDS * 1000;
	await Promise.all(
		Array.from({ length: CONNECTIONS }, async () => {
			while (Date.now() < until) {
				await sql.begin(async (tx) => {
					const now = new Date();
					const [t] = await tx<{ id: number }[]>`
						insert into tickets (requester_id, title, body, category_id, urgency, impact, priority,
							status, level, group_id, sla_policy_id, created_at, updated_at)
						values (${requester.id}, ${TICKET.title}, ${TICKET.body}, ${route.category}, 2, 2, 3,
							'new', 1, ${route.group}, ${route.policy}, ${now}, ${now})
						returning id`;
					const topic = `ticket:${t.id}`;
					await tx`
						insert into sla_clocks (ticket_id, metric, state, target_minutes, warn_minutes,
							calendar_id, running_since, due_at, next_check_at)
						values (${t.id}, 'first_response', 'active', 240, 192, ${route.calendar}, ${now}, ${now}, ${now}),
							(${t.id}, 'resolution', 'active', 1800, 1440, ${route.calendar}, ${now}, ${now}, ${now})`;
					await tx`
						insert into events (topic, topics, type, audience, actor_id, payload, created_at)
						values (${topic}, ${[topic]}::text[], 'ticket.created', ${'requester:' + requester.id},
								${requester.id}, ${tx.json({ ...created.payload, number: t.id } as never)}, ${now}),
							('desk', ${queued.topics.map((x) => (x.startsWith('ticket:') ? topic : x))}::text[],
								'queue.ticket', 'agents', ${requester.id},
								${tx.json({ ...queued.payload, number: t.id, ticket: { ...queued.payload.ticket, number: t.id } } as never)},
								${now})`;
					await tx`select pg_notify('leitstand_events', '')`;
					await tx`
						insert into outbox (recipient, subject, body, ticket_id)
						values (${requester.email}, ${mail.subject}, ${mail.body}, ${t.id})`;
				});
				done++;
			}
		})
	);
	const bareRate = done / SECONDS;
	const cpu = cpuBetween(cpuBefore, cpuSnapshot(process.pid));
	await sql.end();
	console.log(`  bare postgres.js, same rows         ${bareRate.toFixed(0)} tickets/s`);
	printCpu('client process', cpu, done);
	console.log(
		`  ratio ${((appRate / bareRate) * 100).toFixed(0)} % of the bare figure  (target ≥ 50 %)`
	);
	process.exit(0);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
