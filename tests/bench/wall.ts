// Wall figures: `npx tsx tests/bench/wall.ts [runs]` against the PostgreSQL database named by
// DATABASE_URL (filled beforehand, e.g. by the desk benchmark). Times one snapshot of every wall,
// and each of its queries, and prints p50/p95/max. Asserts nothing; changes nothing.
import postgres from 'postgres';
import * as dashboard from '../../src/lib/server/dashboard/db';
import { computeWallSnapshot } from '../../src/lib/server/dashboard/service';
import { latestPosition } from '../../src/lib/server/events/db';
import { listWalls } from '../../src/lib/server/walls/db';

const url = process.env.DATABASE_URL;
if (!url) {
	console.error('Set DATABASE_URL to a PostgreSQL database with data.');
	process.exit(1);
}
const runs = Number(process.argv[2] ?? 50);
const sql = postgres(url, { max: 10, onnotice: () => {} });

function stats(samples: number[]) {
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
	return `p50 ${at(0.5).toFixed(1)} ms  p95 ${at(0.95).toFixed(1)} ms  max ${sorted.at(-1)!.toFixed(1)} ms`;
}

async function time(label: string, fn: () => Promise<unknown>) {
	for (let i = 0; i < 3; i++) await fn(); // warm the cache and the prepared statements
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const started = performance.now();
		await fn();
		samples.push(performance.now() - started);
	}
	console.log(`  ${label.padEnd(34)} ${stats(samples)}`);
}

const [{ tickets, active }] = await sql<{ tickets: number; active: number }[]>`
	select count(*)::int as tickets,
		(count(*) filter (where status in ('new', 'open', 'pending', 'on_hold')))::int as active
	from tickets`;
console.log(`${tickets} tickets (${active} active), ${runs} runs each`);
const position = await latestPosition(sql);
for (const wall of await listWalls(sql)) {
	const scope = wall.groupIds;
	console.log(
		`\nwall ${wall.id} "${wall.name}" (${scope.length === 0 ? 'every group' : scope.join(', ')})`
	);
	await time('whole snapshot', () => computeWallSnapshot(sql, wall.id, new Date(), position));
	const cal = await dashboard.wallCalendar(sql, new Date(), 'Europe/Berlin');
	await time('calendar', () => dashboard.wallCalendar(sql, new Date(), 'Europe/Berlin'));
	await time('group figures', () => dashboard.groupFigures(sql, scope, cal.dayStart));
	await time('today totals', () => dashboard.todayTotals(sql, scope, cal.dayStart));
	await time('hourly figures', () => dashboard.hourlyFigures(sql, scope, cal.dayStart, new Date()));
	await time('SLA per day', () =>
		dashboard.slaOutcomesPerDay(sql, scope, cal.windowStart, cal.timeZone)
	);
	await time('ticker', () => dashboard.tickerItems(sql, scope, position, 8));
}
await sql.end();
