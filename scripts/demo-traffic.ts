// `npm run demo:traffic` — simulated requesters and agents working against a running Leitstand,
// through its REST API (so every change goes through the ticket service and its events), so that
// the wall and the desk can be watched changing. Ctrl-C stops it.
//   --url http://localhost:3000   the app (default: BASE_URL or http://localhost:3000)
//   --pace 1.5                    mean seconds between actions
import { parseArgs } from 'node:util';

const { values } = parseArgs({
	options: {
		url: { type: 'string', default: process.env.BASE_URL ?? 'http://localhost:3000' },
		pace: { type: 'string', default: '1.5' },
		password: { type: 'string', default: process.env.DEMO_PASSWORD ?? 'leitstand-demo' }
	}
});
const base = values.url.replace(/\/$/, '');
const pace = Math.max(0.1, Number(values.pace) || 1.5) * 1000;

interface Actor {
	email: string;
	name: string;
	cookie: string;
	id: number;
	groups: Array<{ id: number; level: number }>;
}

interface Ticket {
	number: number;
	title: string;
	status: string;
	level: number;
	version: number;
	group: { id: number };
	assignee: { id: number } | null;
}

const TITLES = [
	[
		'VPN bricht alle paar Minuten ab',
		'Seit heute Morgen fliege ich alle paar Minuten aus dem VPN.'
	],
	['Printer on floor 3 prints blank pages', 'Every job comes out blank since the toner change.'],
	[
		'Passwort für SAP abgelaufen',
		'Ich kann mich nicht mehr anmelden und brauche ein neues Passwort.'
	],
	['Outlook keeps asking for my password', 'After the update Outlook prompts every few minutes.'],
	['Monitor bleibt schwarz', 'Der zweite Monitor an der Dockingstation zeigt nichts an.'],
	['Need access to the finance share', 'Please grant me read access to \\\\files\\finance.'],
	[
		'WLAN im Besprechungsraum Elbe langsam',
		'Videocalls brechen ab, sobald mehr als fünf Leute da sind.'
	],
	['Teams calls have no sound', 'Neither headset nor speakers work in Teams calls.'],
	['Laptop sehr langsam seit Update', 'Das Starten von Programmen dauert mehrere Minuten.'],
	['MFA app lost with old phone', 'I got a new phone and cannot approve sign-ins anymore.']
];
const REPLIES = [
	'Danke für Ihre Meldung, wir schauen uns das an.',
	'Could you try restarting the device and tell us if it persists?',
	'Wir haben eine Änderung vorgenommen. Bitte testen Sie erneut.',
	'We are on it. This looks related to yesterday’s update.'
];

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const time = () => new Date().toLocaleTimeString('de-DE');

async function api<T>(actor: Actor, method: string, path: string, body?: unknown): Promise<T> {
	const response = await fetch(`${base}${path}`, {
		method,
		headers: {
			cookie: actor.cookie,
			origin: base,
			accept: 'application/json',
			...(body ? { 'content-type': 'application/json' } : {})
		},
		body: body ? JSON.stringify(body) : undefined
	});
	const data = (await response.json().catch(() => null)) as T & { error?: { message: string } };
	if (!response.ok)
		throw new Error(data?.error?.message ?? `${method} ${path}: ${response.status}`);
	return data;
}

async function signIn(email: string): Promise<Actor> {
	const response = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: base,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email, password: values.password })
	});
	const cookie = response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('leitstand_session='));
	if (!cookie) throw new Error(`Could not sign in as ${email} (${response.status}).`);
	const actor: Actor = { email, name: email, cookie, id: 0, groups: [] };
	const { user } = await api<{ user: { id: number; name: string; groups: Actor['groups'] } }>(
		actor,
		'GET',
		'/api/me'
	);
	return { ...actor, id: user.id, name: user.name, groups: user.groups };
}

async function list(actor: Actor, query: string): Promise<Ticket[]> {
	return (await api<{ data: Ticket[] }>(actor, 'GET', `/api/tickets?${query}`)).data;
}

async function main() {
	console.log(`demo traffic against ${base} — Ctrl-C stops it`);
	const requesters = await Promise.all(['user@example.com', 'user2@example.com'].map(signIn));
	const agents = await Promise.all(
		['l1@example.com', 'l2@example.com', 'l3@example.com'].map(signIn)
	);
	const categories = (
		await api<{ data: Array<{ id: number }> }>(requesters[0], 'GET', '/api/categories')
	).data;
	const byLevel = (level: number) =>
		agents.find((a) => a.groups.some((g) => g.level === level)) ?? agents[0];

	const actions: Array<[number, () => Promise<string | null>]> = [
		[
			0.35,
			async () => {
				const who = pick(requesters);
				const [title, body] = pick(TITLES);
				const t = await api<Ticket>(who, 'POST', '/api/tickets', {
					title,
					body,
					categoryId: pick(categories).id,
					urgency: pick([1, 2, 2, 3]),
					impact: pick([1, 2, 3, 3])
				});
				return `${who.name} opened #${t.number} “${t.title}”`;
			}
		],
		[
			0.2,
			async () => {
				const agent = byLevel(1);
				const [t] = await list(agent, 'status=new&level=1&assignee=none&limit=5');
				if (!t) return null;
				await api(agent, 'PATCH', `/api/tickets/${t.number}`, {
					version: t.version,
					assigneeId: agent.id
				});
				return `${agent.name} took #${t.number}`;
			}
		],
		[
			0.18,
			async () => {
				const agent = pick(agents);
				const level = agent.groups[0]?.level ?? 1;
				const [t] = await list(agent, `status=new,open&level=${level}&limit=10`);
				if (!t) return null;
				await api(agent, 'POST', `/api/tickets/${t.number}/comments`, { body: pick(REPLIES) });
				return `${agent.name} replied on #${t.number}`;
			}
		],
		[
			0.1,
			async () => {
				const agent = byLevel(1);
				const [t] = await list(agent, 'status=open&level=1&limit=10');
				if (!t) return null;
				await api(agent, 'POST', `/api/tickets/${t.number}/escalate`, {
					level: 2,
					reason: 'Needs the network team.'
				});
				return `${agent.name} escalated #${t.number} to level 2`;
			}
		],
		[
			0.17,
			async () => {
				const agent = pick(agents);
				const level = agent.groups[0]?.level ?? 1;
				const tickets = await list(agent, `status=open&level=${level}&limit=20`);
				const t = pick(tickets.length ? tickets : [null]);
				if (!t) return null;
				await api(agent, 'PATCH', `/api/tickets/${t.number}`, {
					version: t.version,
					status: 'resolved'
				});
				return `${agent.name} resolved #${t.number}`;
			}
		]
	];

	let stopping = false;
	process.on('SIGINT', () => {
		stopping = true;
		console.log('\nstopped');
		process.exit(0);
	});
	while (!stopping) {
		let r = Math.random();
		const action = actions.find(([weight]) => (r -= weight) < 0)?.[1] ?? actions[0][1];
		try {
			const line = await action();
			if (line) console.log(`${time()}  ${line}`);
		} catch (error) {
			// Someone else changed the ticket first (409) or it moved on: just carry on.
			console.log(`${time()}  (skipped: ${error instanceof Error ? error.message : error})`);
		}
		await sleep(pace * (0.3 + Math.random() * 1.4));
	}
}

main().catch((error: unknown) => {
	console.error(`demo traffic stopped: ${error instanceof Error ? error.message : error}`);
	console.error('Is Leitstand running with the demo organisation (npm start)?');
	process.exit(1);
});
