// Seeding and job throughput: `npx tsx tests/bench/seed.ts [count]`. Prints figures, asserts nothing.
// Embedded PGlite in a temporary directory; set BENCH_DATABASE_URL to also measure a PostgreSQL
// server (the database must be empty or disposable: it is migrated and filled).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { migrate } from '../../src/lib/server/db/migrate';
import { runSlaClock } from '../../src/lib/server/jobs/sla-clock';
import { dispatchOutbox } from '../../src/lib/server/jobs/outbox';
import { createMailer } from '../../src/lib/server/notify/mailer';
import { ensureDefaults } from '../../src/lib/server/seed/defaults';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { seedDemoTickets } from '../../src/lib/server/seed/tickets';

process.env.LEITSTAND_SILENT ??= '1';
const count = Number(process.argv[2] ?? 300);

/** Wall time, and the process's CPU time (user + system), which a busy machine distorts less. */
async function timed<T>(fn: () => Promise<T>): Promise<[T, number, number]> {
	const started = performance.now();
	const cpu = process.cpuUsage();
	const result = await fn();
	const used = process.cpuUsage(cpu);
	return [result, performance.now() - started, (used.user + used.system) / 1000];
}

const rate = (n: number, ms: number) => `${((n / ms) * 1000).toFixed(1)}/s`;

async function bench(label: string, db: Database) {
	console.log(`\n${label}`);
	const [, migrateMs] = await timed(async () => {
		await migrate(db.sql, join(process.cwd(), 'sql'));
		await ensureDefaults(db);
	});
	console.log(`  migrate + defaults          ${migrateMs.toFixed(0)} ms`);
	const [, orgMs] = await timed(() => seedDemo(db));
	console.log(`  demo organisation           ${orgMs.toFixed(0)} ms`);

	const now = new Date();
	const [seeded, seedMs, seedCpu] = await timed(() => seedDemoTickets(db, { count, now }));
	const [[{ events, comments, mails }]] = await Promise.all([
		db.sql<{ events: number; comments: number; mails: number }[]>`
			select (select count(*)::int from events) as events,
				(select count(*)::int from ticket_comments) as comments,
				(select count(*)::int from outbox) as mails`
	]);
	console.log(
		`  demo tickets                ${seeded.tickets.length} in ${seedMs.toFixed(0)} ms ` +
			`(${rate(seeded.tickets.length, seedMs)}; ${events} events, ${comments} comments, ` +
			`${mails} mails; ${seeded.operations} service calls, ${seeded.clockRuns} clock passes, ` +
			`${seeded.skippedSteps} steps skipped; CPU ${seedCpu.toFixed(0)} ms)`
	);

	const [sla] = await db.sql<{ breached: number; at_risk: number }[]>`
		select count(*) filter (where s = 'breached')::int as breached,
			count(*) filter (where s = 'warning')::int as at_risk
		from (select case when bool_or(k.breached_at is not null and k.fulfilled_at is null) then 'breached'
				when bool_or(k.warned_at is not null and k.fulfilled_at is null) then 'warning' end as s
			from tickets t join sla_clocks k on k.ticket_id = t.id
			where t.status not in ('resolved', 'closed') group by t.id) x`;
	console.log(`  unresolved tickets          ${sla.breached} breached, ${sla.at_risk} at risk`);

	// A week later every running clock is due: one clock-job pass over all of them.
	const later = new Date(now.getTime() + 7 * 86_400_000);
	const [processed, clockMs] = await timed(() => runSlaClock(db, later));
	console.log(
		`  processDueClocks            ${processed} tickets in ${clockMs.toFixed(0)} ms (${rate(processed, clockMs)})`
	);

	const mailer = createMailer({ smtpUrl: undefined, mailFrom: 'Leitstand <helpdesk@localhost>' });
	const [sent, mailMs] = await timed(async () => {
		let total = 0;
		for (;;) {
			const r = await dispatchOutbox(db, mailer, { now: later, batch: 50 });
			total += r.inApp + r.sent;
			if (r.inApp + r.sent === 0) return total;
		}
	});
	console.log(
		`  outbox (in-app)             ${sent} mails in ${mailMs.toFixed(0)} ms (${rate(sent, mailMs)})`
	);
}

console.log(
	`load average ${loadavg()
		.map((l) => l.toFixed(1))
		.join(' ')} on ${cpus().length} CPUs`
);
const dir = mkdtempSync(join(tmpdir(), 'lst-bench-'));
try {
	const [db, openMs] = await timed(() => openDatabase({ dataDir: dir }));
	console.log(`PGlite started in ${openMs.toFixed(0)} ms (fresh data directory)`);
	try {
		await bench(`PGlite, ${count} tickets`, db);
	} finally {
		await db.close();
	}
} finally {
	rmSync(dir, { recursive: true, force: true });
}

if (process.env.BENCH_DATABASE_URL) {
	const db = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, dataDir: '' });
	try {
		await bench(`PostgreSQL, ${count} tickets`, db);
	} finally {
		await db.close();
	}
}
