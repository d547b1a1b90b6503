// Demo tickets: about two weeks of helpdesk life, written only through the ticket service with
// `options.at`, in time order across all tickets, with the SLA clock job run as time passes, so
// SLA fields, escalations and events are exactly what the engine would have produced.
import type { Database } from '../db/client';
import {
	addBusinessMinutes,
	ALWAYS_OPEN,
	businessMinutesBetween,
	isBusinessTime,
	type BusinessCalendar
} from '../sla/calendar';
import * as tickets from '../tickets/db';
import {
	addComment,
	claimTicket,
	createTicket,
	moveTicket,
	processDueClocks,
	respondToResolution,
	updateTicket,
	type CommentInput
} from '../tickets/service';
import { DomainError } from '../errors';
import * as users from '../users/db';
import { createUser } from '../users/service';
import { DEFAULT_TARGETS, officeCalendar } from './defaults';
import { DEMO_GROUPS, DEMO_PASSWORD } from './demo';
import {
	PHRASES,
	ROUTES,
	TEMPLATES,
	VALUES,
	type CategoryKey,
	type DemoTemplate,
	type Lang
} from './demo-texts';
import type { Priority, Scale } from '$lib/types/ticket';
import type { SessionUser } from '$lib/types/user';

/** People the demo tickets need beyond the demo accounts: requesters, and agents for two groups. */
export const DEMO_COLLEAGUES: Array<{
	email: string;
	name: string;
	role: 'requester' | 'agent';
	locale: Lang;
	group?: string;
}> = [
	{ email: 'jonas.becker@example.com', name: 'Jonas Becker', role: 'requester', locale: 'de' },
	{ email: 'katrin.schulz@example.com', name: 'Katrin Schulz', role: 'requester', locale: 'de' },
	{ email: 'mehmet.yilmaz@example.com', name: 'Mehmet Yılmaz', role: 'requester', locale: 'de' },
	{
		email: 'sabine.hoffmann@example.com',
		name: 'Sabine Hoffmann',
		role: 'requester',
		locale: 'de'
	},
	{ email: 'felix.wagner@example.com', name: 'Felix Wagner', role: 'requester', locale: 'de' },
	{ email: 'anna.lehmann@example.com', name: 'Anna Lehmann', role: 'requester', locale: 'de' },
	{ email: 'thomas.krueger@example.com', name: 'Thomas Krüger', role: 'requester', locale: 'de' },
	{ email: 'julia.neumann@example.com', name: 'Julia Neumann', role: 'requester', locale: 'de' },
	{ email: 'emma.clarke@example.com', name: 'Emma Clarke', role: 'requester', locale: 'en' },
	{ email: 'raj.patel@example.com', name: 'Raj Patel', role: 'requester', locale: 'en' },
	{ email: 'sophie.martin@example.com', name: 'Sophie Martin', role: 'requester', locale: 'en' },
	{ email: 'daniel.novak@example.com', name: 'Daniel Novak', role: 'requester', locale: 'en' },
	{ email: 'laura.garcia@example.com', name: 'Laura García', role: 'requester', locale: 'en' },
	{ email: 'oliver.hughes@example.com', name: 'Oliver Hughes', role: 'requester', locale: 'en' },
	{
		email: 'wanda@example.com',
		name: 'Wanda Workplace',
		role: 'agent',
		locale: 'de',
		group: 'Workplace & Software'
	},
	{
		email: 'ingo@example.com',
		name: 'Ingo Identity',
		role: 'agent',
		locale: 'en',
		group: 'Identity & Access'
	}
];

export interface DemoTicketOptions {
	/** How many tickets; about 300 for the demo. */
	count?: number;
	/** The present: tickets span the 14 days before it. */
	now?: Date;
	/** PRNG seed: the same seed, count and `now` give the same tickets. */
	seed?: number;
}

export interface DemoTicketResult {
	/** Ticket numbers, oldest first. */
	tickets: number[];
	/** Ticket-service calls made (each one transaction). */
	operations: number;
	/** Planned steps the service refused because the story had moved on (e.g. an auto-escalation). */
	skippedSteps: number;
	/** Clock-job passes run while time advanced. */
	clockRuns: number;
}

type Fate = 'new' | 'open' | 'pending' | 'on_hold' | 'resolved' | 'closed';
type Path = 'l1' | 'l2' | 'l3' | 'l2-back' | 'l3-back';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** The clock job runs every 15 s in production; every 30 simulated minutes is close enough. */
const CLOCK_EVERY = 30 * MINUTE;

/** mulberry32: small, fast, good enough for demo data, and the same everywhere. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function shuffle<T>(items: T[], rand: () => number): T[] {
	for (let i = items.length - 1; i > 0; i--) {
		const j = Math.floor(rand() * (i + 1));
		[items[i], items[j]] = [items[j], items[i]];
	}
	return items;
}

/** `n` values in the given proportions, each at least once when `n` allows, shuffled. */
function allocate<T>(n: number, weights: Array<[T, number]>, rand: () => number): T[] {
	const total = weights.reduce((s, [, w]) => s + w, 0);
	const counts = weights.map(([value, w]) => {
		const exact = (n * w) / total;
		return { value, exact, count: Math.floor(exact) };
	});
	if (n >= weights.length) for (const c of counts) c.count = Math.max(1, c.count);
	let assigned = counts.reduce((s, c) => s + c.count, 0);
	const byRemainder = [...counts].sort((a, b) => b.exact - b.count - (a.exact - a.count));
	for (let i = 0; assigned < n; i++, assigned++) byRemainder[i % byRemainder.length].count++;
	const byCount = [...counts].sort((a, b) => b.count - a.count);
	for (let i = 0; assigned > n; i++) {
		const c = byCount[i % byCount.length];
		if (c.count > 1) {
			c.count--;
			assigned--;
		}
	}
	return shuffle(
		counts.flatMap((c) => Array<T>(c.count).fill(c.value)),
		rand
	);
}

const FATES: Array<[Fate, number]> = [
	['new', 8],
	['open', 22],
	['pending', 10],
	['on_hold', 6],
	['resolved', 14],
	['closed', 40]
];
const PATHS: Array<[Path, number]> = [
	['l1', 50],
	['l2', 24],
	['l3', 11],
	['l2-back', 10],
	['l3-back', 5]
];
const PRIORITIES: Array<[Priority, number]> = [
	[1, 6],
	[2, 20],
	[3, 44],
	[4, 30]
];

/** Urgency × impact pairs that give each priority (see priorityFor). */
const SCALES: Record<Priority, Array<[Scale, Scale]>> = {
	1: [[1, 1]],
	2: [
		[1, 2],
		[2, 1]
	],
	3: [
		[1, 3],
		[2, 2],
		[3, 1]
	],
	4: [
		[2, 3],
		[3, 2],
		[3, 3]
	]
};

interface People {
	requesters: Array<{ user: SessionUser; lang: Lang; weight: number }>;
	staffByGroup: Map<number, SessionUser[]>;
	l1: SessionUser;
	lead: SessionUser;
}

async function sessionUser(db: Database, email: string): Promise<SessionUser> {
	const record = await users.getUserByEmail(db.sql, email);
	if (!record) throw new Error(`Demo user ${email} is missing: create the demo organisation first`);
	return users.toSessionUser(db.sql, record);
}

/** Demo accounts plus DEMO_COLLEAGUES (created when missing). */
async function demoPeople(db: Database): Promise<People> {
	const missing: typeof DEMO_COLLEAGUES = [];
	for (const c of DEMO_COLLEAGUES) {
		if (!(await users.getUserByEmail(db.sql, c.email))) missing.push(c);
	}
	// Password hashing dominates here; it runs in parallel, the inserts queue on the connection.
	await Promise.all(
		missing.map(async (c) => {
			const user = await createUser(db, {
				email: c.email,
				name: c.name,
				role: c.role,
				group: c.group,
				password: DEMO_PASSWORD
			});
			await users.setUserLocale(db.sql, user.id, c.locale);
		})
	);
	const requesters: People['requesters'] = [
		{ user: await sessionUser(db, 'user@example.com'), lang: 'en', weight: 5 },
		{ user: await sessionUser(db, 'user2@example.com'), lang: 'de', weight: 3 }
	];
	const staff = [
		await sessionUser(db, 'l1@example.com'),
		await sessionUser(db, 'lead@example.com'),
		await sessionUser(db, 'l2@example.com'),
		await sessionUser(db, 'l3@example.com')
	];
	for (const c of DEMO_COLLEAGUES) {
		const user = await sessionUser(db, c.email);
		if (c.role === 'requester') requesters.push({ user, lang: c.locale, weight: 2 });
		else staff.push(user);
	}
	const staffByGroup = new Map<number, SessionUser[]>();
	for (const s of staff) {
		for (const g of s.groups) staffByGroup.set(g.id, [...(staffByGroup.get(g.id) ?? []), s]);
	}
	const l1 = staff[0];
	const lead = staff[1];
	return { requesters, staffByGroup, l1, lead };
}

interface Plan {
	index: number;
	fate: Fate;
	path: Path;
	priority: Priority;
	template: DemoTemplate;
	requester: SessionUser;
	lang: Lang;
}

interface Step {
	at: number;
	ticket: number;
	seq: number;
	run(at: Date): Promise<void>;
}

/**
 * Create `count` demo tickets over the 14 days before `now`, then fire the SLA warnings and
 * breaches due at `now`. Needs the demo organisation (seedDemo) and the defaults.
 */
export async function seedDemoTickets(
	db: Database,
	options: DemoTicketOptions = {}
): Promise<DemoTicketResult> {
	const count = options.count ?? 300;
	const now = (options.now ?? new Date()).getTime();
	const rand = prng(options.seed ?? 0x1e175a4d);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
	const between = (lo: number, hi: number) => lo + rand() * (hi - lo);

	const people = await demoPeople(db);
	const groupIds = new Map<string, number>();
	for (const g of DEMO_GROUPS) {
		const group = await users.getGroupByName(db.sql, g.name);
		if (!group)
			throw new Error(`Demo group ${g.name} is missing: create the demo organisation first`);
		groupIds.set(g.name, group.id);
	}
	const serviceDesk = groupIds.get('Service Desk')!;
	const categories = new Map<CategoryKey, number>();
	for (const t of TEMPLATES) {
		const id = await tickets.getCategoryByKey(db.sql, t.category);
		if (id === null) throw new Error(`Category ${t.category} is missing: run ensureDefaults first`);
		categories.set(t.category, id);
	}

	const office = officeCalendar(new Date(now));
	const targets = new Map(DEFAULT_TARGETS.map(([p, fr, res]) => [p as Priority, { fr, res }]));
	const totalWeight = people.requesters.reduce((s, r) => s + r.weight, 0);
	const pickRequester = () => {
		let x = rand() * totalWeight;
		for (const r of people.requesters) if ((x -= r.weight) < 0) return r;
		return people.requesters[0];
	};

	// Stratified, so even a small count covers every status, level and priority.
	const fates = allocate(count, FATES, rand);
	const priorities = allocate(count, PRIORITIES, rand);
	const paths = allocate(fates.filter((f) => f !== 'new').length, PATHS, rand);
	const plans: Plan[] = fates.map((fate, index) => {
		const priority = priorities[index];
		const requester = pickRequester();
		return {
			index,
			fate,
			path: fate === 'new' ? 'l1' : paths.pop()!,
			priority,
			template: pick(TEMPLATES.filter((t) => t.priorities.includes(priority))),
			requester: requester.user,
			lang: requester.lang
		};
	});

	let skippedSteps = 0;
	let operations = 0;
	let clockRuns = 0;
	const numbers: number[] = [];
	/** The tickets as the service last returned them; forgotten when the clock job changed any. */
	const known = new Map<number, tickets.TicketRecord>();
	const steps: Step[] = [];
	for (const plan of plans) steps.push(...planTicket(plan));
	steps.sort((a, b) => a.at - b.at || a.ticket - b.ticket || a.seq - b.seq);

	let lastClockRun = -Infinity;
	for (const step of steps) {
		if (step.at - lastClockRun >= CLOCK_EVERY) {
			await fireDueClocks(new Date(step.at));
			lastClockRun = step.at;
		}
		try {
			await step.run(new Date(step.at));
		} catch (error) {
			// The story moved on (e.g. a breach escalated the ticket first): skip this step.
			if (!(error instanceof DomainError)) throw error;
			skippedSteps++;
		}
	}
	await fireDueClocks(new Date(now));
	return { tickets: numbers, operations, skippedSteps, clockRuns };

	async function fireDueClocks(at: Date) {
		clockRuns++;
		let n: number;
		do {
			n = (await processDueClocks(db, at, 100)).processed;
			if (n > 0) known.clear();
		} while (n === 100);
	}

	/** Call the service and remember the ticket it returns. */
	async function op(call: () => Promise<tickets.TicketRecord>) {
		operations++;
		const ticket = await call();
		known.set(ticket.id, ticket);
		return ticket;
	}

	/** The ticket's steps in its own time order, squeezed into its window if they overrun it. */
	function planTicket(plan: Plan): Step[] {
		const { fate, path, priority, template, lang } = plan;
		const story = template[lang];
		const vars = placeholders(plan);
		const text = (t: string) => t.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
		const phrase = (key: keyof typeof PHRASES) => text(pick(PHRASES[key][lang]));
		const agentCalendar = priority === 1 ? ALWAYS_OPEN : office;
		const target = targets.get(priority)!;
		const route = ROUTES[template.category];
		const ref = { id: 0 };

		// When the ticket arrives, and by when its story must be over. Some open tickets are
		// placed so that their resolution clock stands at 84–95 % now: at risk, not yet breached.
		const atRisk = fate === 'open' && rand() < 0.3;
		let created: number;
		if (atRisk) {
			created = agoInBusinessMinutes(target.res * between(0.84, 0.95), agentCalendar);
		} else if (fate === 'new') {
			const maxAge = priority <= 2 ? 20 : 150;
			created = now - between(2, maxAge) * MINUTE;
		} else {
			const [oldest, youngest] =
				fate === 'closed'
					? [14 * DAY, DAY]
					: fate === 'resolved'
						? [6 * DAY, 3 * 60 * MINUTE]
						: [6 * DAY, 40 * MINUTE];
			created = officeBiased(now - oldest, now - youngest);
		}
		const end = Math.max(created + MINUTE, now - between(1, 5) * MINUTE);

		const planned: Array<{ at: number; run(at: Date): Promise<void> }> = [];
		let t = created;
		const agentAfter = (minutes: number) =>
			(t = addBusinessMinutes(new Date(t), minutes, agentCalendar).getTime());
		const requesterAfter = (minutes: number) => (t += minutes * MINUTE);
		const add = (run: (at: Date) => Promise<void>) => planned.push({ at: t, run });
		const soon = (run: (at: Date) => Promise<void>) => {
			t += 20_000;
			add(run);
		};

		add(async (at) => {
			const [urgency, impact] = pick(SCALES[priority]);
			const ticket = await op(() =>
				createTicket(
					db,
					plan.requester,
					{
						title: text(pick(story.titles)),
						body: text(story.body),
						categoryId: categories.get(template.category)!,
						urgency,
						impact
					},
					{ at }
				)
			);
			ref.id = ticket.id;
			numbers.push(ticket.id);
		});

		if (fate === 'new') {
			if (rand() < 0.25) {
				requesterAfter(between(1, 15));
				add((at) => requesterSays(ref.id, plan.requester, phrase('nudge'), at));
			}
			return finish(planned, created, end, plan.index);
		}

		// First response: mostly within the target, sometimes late (a first-response breach).
		const late = rand() < 0.15;
		agentAfter(target.fr * (late ? between(1.1, 2.5) : between(0.1, 0.8)));
		const firstAgent = rand() < 0.7 ? people.l1 : people.lead;
		add((at) => claim(ref.id, firstAgent, at));
		const asks = !atRisk && rand() < 0.35;
		let asked = false;
		if (asks && fate !== 'pending') {
			soon((at) => agentSays(ref.id, text(story.ask), at, 'pending'));
			asked = true;
			requesterAfter(between(20, 900));
			add((at) => requesterSays(ref.id, plan.requester, text(story.answer), at));
		} else {
			soon((at) => agentSays(ref.id, phrase('ack'), at));
		}
		if (rand() < 0.4) {
			agentAfter(between(5, 60));
			add((at) => agentNotes(ref.id, phrase('note'), at));
		}
		if (priority === 3 && rand() < 0.08) {
			const to: Priority = rand() < 0.5 ? 2 : 4;
			agentAfter(between(10, 90));
			add((at) => changePriority(ref.id, to, phrase(to === 2 ? 'raise' : 'lower'), at));
		}

		const l2 = groupIds.get(route.l2)!;
		const l3 = groupIds.get(route.l3)!;
		if (path !== 'l1') {
			agentAfter(between(20, 180));
			add((at) => move(ref.id, 'escalate', l2, phrase('escalate'), at));
			agentAfter(between(10, 120));
			add((at) => claim(ref.id, null, at));
			if (rand() < 0.5) soon((at) => agentNotes(ref.id, phrase('note'), at));
		}
		if (path === 'l3' || path === 'l3-back') {
			agentAfter(between(60, 480));
			add((at) => move(ref.id, 'escalate', l3, phrase('deep'), at));
			agentAfter(between(10, 240));
			add((at) => claim(ref.id, null, at));
		}
		if (path === 'l2-back' || path === 'l3-back') {
			agentAfter(between(60, 600));
			const back = path === 'l2-back' ? serviceDesk : l2;
			add((at) => move(ref.id, 'hand_back', back, phrase('handBack'), at));
			agentAfter(between(10, 120));
			add((at) => claim(ref.id, null, at));
		}

		switch (fate) {
			case 'open':
				if (rand() < 0.4) {
					agentAfter(between(30, 300));
					add((at) => agentSays(ref.id, phrase('progress'), at));
				}
				if (rand() < 0.25) {
					requesterAfter(between(60, 1440));
					add((at) => requesterSays(ref.id, plan.requester, phrase('nudge'), at));
				}
				break;
			case 'pending':
				agentAfter(between(15, 240));
				add((at) => agentSays(ref.id, asked ? phrase('check') : text(story.ask), at, 'pending'));
				break;
			case 'on_hold':
				agentAfter(between(15, 240));
				add((at) => agentSays(ref.id, phrase('hold'), at, 'on_hold'));
				break;
			case 'resolved':
			case 'closed': {
				if (rand() < 0.1) {
					agentAfter(between(15, 120));
					add((at) => agentSays(ref.id, phrase('hold'), at, 'on_hold'));
					agentAfter(between(480, 1500));
					add((at) => agentSays(ref.id, phrase('progress'), at, 'open'));
				}
				const overrun = rand() < 0.2;
				agentAfter(target.res * (overrun ? between(0.8, 1.6) : between(0.15, 0.6)));
				add((at) => agentSays(ref.id, text(story.fix), at, 'resolved'));
				if (rand() < 0.12) {
					requesterAfter(between(60, 1440));
					add((at) => requesterResponds(ref.id, plan.requester, 'reopen', at, phrase('reopen')));
					agentAfter(between(30, 480));
					add((at) => agentSays(ref.id, phrase('stillBroken'), at, 'resolved'));
				}
				if (fate === 'closed') {
					if (rand() < 0.75) {
						requesterAfter(between(30, 2880));
						add((at) => requesterResponds(ref.id, plan.requester, 'confirm', at));
					} else {
						agentAfter(between(600, 2400));
						add((at) => closeTicket(ref.id, at));
					}
				}
				break;
			}
		}
		return finish(planned, created, end, plan.index);
	}

	/** Steps for the global timeline; a story longer than its window is scaled to fit. */
	function finish(
		planned: Array<{ at: number; run(at: Date): Promise<void> }>,
		start: number,
		end: number,
		ticket: number
	): Step[] {
		const last = planned[planned.length - 1].at;
		const scale = last > end ? (end - start) / (last - start) : 1;
		return planned.map((p, seq) => ({
			at: Math.round(start + (p.at - start) * scale),
			ticket,
			seq,
			run: p.run
		}));
	}

	/** The moment `minutes` business minutes before `now` (bisection; the count is monotonic). */
	function agoInBusinessMinutes(minutes: number, calendar: BusinessCalendar): number {
		let [early, late] = [now - 14 * DAY, now];
		while (late - early > 5 * MINUTE) {
			const mid = (early + late) / 2;
			if (businessMinutesBetween(new Date(mid), new Date(now), calendar) > minutes) early = mid;
			else late = mid;
		}
		return late;
	}

	/** A time in [from, to], mostly in office hours, as tickets arrive. */
	function officeBiased(from: number, to: number): number {
		for (let i = 0; i < 30; i++) {
			const at = between(from, to);
			if (isBusinessTime(new Date(at), office) || rand() < 0.1) return at;
		}
		return between(from, to);
	}

	function placeholders(plan: Plan): Record<string, string> {
		const vars: Record<string, string> = {
			first: plan.requester.name.split(' ')[0],
			number: String(1000 + Math.floor(rand() * 9000))
		};
		for (const [key, values] of Object.entries(VALUES)) {
			vars[key] = pick(Array.isArray(values) ? values : values[plan.lang]);
		}
		return vars;
	}

	// ── the operations, each through the ticket service, deciding on the ticket as it is now ──

	async function current(id: number) {
		const ticket = known.get(id) ?? (await tickets.getTicket(db.sql, id));
		if (!ticket) throw new Error(`Demo ticket ${id} vanished`);
		return ticket;
	}

	async function comment(actor: SessionUser, id: number, input: CommentInput, at: Date) {
		return op(async () => (await addComment(db, actor, id, input, { at })).ticket);
	}

	/** Someone who works the ticket's current group: the assignee, else a member, else L1. */
	function workerFor(ticket: tickets.TicketRecord): SessionUser {
		const members = people.staffByGroup.get(ticket.groupId) ?? [];
		return (
			members.find((m) => m.id === ticket.assigneeId) ??
			members.find((m) => m.role === 'agent') ??
			members[0] ??
			people.l1
		);
	}

	async function claim(id: number, preferred: SessionUser | null, at: Date) {
		const ticket = await current(id);
		if (ticket.assigneeId !== null) return;
		const members = people.staffByGroup.get(ticket.groupId) ?? [];
		const agent =
			(preferred && members.find((m) => m.id === preferred.id)) ??
			members.find((m) => m.role === 'agent') ??
			members[0];
		if (agent) await op(() => claimTicket(db, agent, id, ticket.version, { at }));
	}

	async function agentSays(
		id: number,
		body: string,
		at: Date,
		status?: 'open' | 'pending' | 'on_hold' | 'resolved'
	) {
		const ticket = await current(id);
		await comment(workerFor(ticket), id, { body, internal: false, status }, at);
	}

	async function agentNotes(id: number, body: string, at: Date) {
		const ticket = await current(id);
		await comment(workerFor(ticket), id, { body, internal: true }, at);
	}

	async function requesterSays(id: number, requester: SessionUser, body: string, at: Date) {
		await comment(requester, id, { body }, at);
	}

	async function requesterResponds(
		id: number,
		requester: SessionUser,
		action: 'confirm' | 'reopen',
		at: Date,
		reason?: string
	) {
		await op(() => respondToResolution(db, requester, id, action, reason, { at }));
	}

	async function changePriority(id: number, priority: Priority, reason: string, at: Date) {
		const ticket = await current(id);
		const agent = workerFor(ticket);
		await op(() => updateTicket(db, agent, id, { version: ticket.version, priority }, { at }));
		await comment(agent, id, { body: reason, internal: true }, at);
	}

	async function move(
		id: number,
		direction: 'escalate' | 'hand_back',
		groupId: number,
		reason: string,
		at: Date
	) {
		const ticket = await current(id);
		const target = DEMO_GROUPS.find((g) => groupIds.get(g.name) === groupId)!;
		// An SLA rule may already have moved it past this point.
		if (direction === 'escalate' ? ticket.level >= target.level : ticket.level <= target.level) {
			return;
		}
		await op(() =>
			moveTicket(
				db,
				workerFor(ticket),
				id,
				direction,
				{ groupId, reason, version: ticket.version },
				{ at }
			)
		);
	}

	async function closeTicket(id: number, at: Date) {
		const ticket = await current(id);
		const agent = workerFor(ticket);
		await op(() =>
			updateTicket(db, agent, id, { version: ticket.version, status: 'closed' }, { at })
		);
	}
}
