import type { Database } from '../db/client';
import { fillPathByGroupNames } from '../escalation/db';
import * as users from '../users/db';
import { createUser } from '../users/service';
import { seedDemoIncidents } from './incidents';
import { seedDemoArticles } from './kb';
import type { Role } from '$lib/types/user';

export const DEMO_PASSWORD = 'leitstand-demo';

export const DEMO_GROUPS = [
	{ name: 'Service Desk', level: 1, area: 'general' },
	{ name: 'Network', level: 2, area: 'network' },
	{ name: 'Workplace & Software', level: 2, area: 'workplace' },
	{ name: 'Infrastructure', level: 3, area: 'infrastructure' },
	{ name: 'Identity & Access', level: 3, area: 'access' }
] as const;

export const DEMO_USERS: Array<{ email: string; name: string; role: Role; group?: string }> = [
	{ email: 'admin@example.com', name: 'Ada Admin', role: 'admin' },
	{ email: 'lead@example.com', name: 'Lea Lead', role: 'lead', group: 'Service Desk' },
	{ email: 'l1@example.com', name: 'Lukas Level-One', role: 'agent', group: 'Service Desk' },
	{ email: 'l2@example.com', name: 'Nora Network', role: 'agent', group: 'Network' },
	{ email: 'l3@example.com', name: 'Ivan Infrastructure', role: 'agent', group: 'Infrastructure' },
	{ email: 'user@example.com', name: 'Uma User', role: 'requester' },
	{ email: 'user2@example.com', name: 'Ulf User', role: 'requester' }
];

/** The demo's escalation paths: which level-2 and level-3 group works each area. */
export const DEMO_PATHS: Record<string, [string, string]> = {
	network: ['Network', 'Infrastructure'],
	hardware: ['Workplace & Software', 'Infrastructure'],
	access: ['Workplace & Software', 'Identity & Access'],
	software: ['Workplace & Software', 'Infrastructure'],
	email: ['Workplace & Software', 'Infrastructure'],
	printing: ['Workplace & Software', 'Infrastructure'],
	other: ['Workplace & Software', 'Infrastructure']
};

/** True when nobody has been created yet: the only state in which demo data is added on start. */
export async function isEmpty(db: Database): Promise<boolean> {
	return (await users.countUsers(db.sql)) === 0;
}

/**
 * Create the demo organisation; existing groups and users (matched by name/email) are kept.
 * `incidents: false` leaves out the status page's components, templates and incidents.
 */
export async function seedDemo(
	db: Database,
	options: { incidents?: boolean } = {}
): Promise<{ created: string[] }> {
	for (const g of DEMO_GROUPS) {
		if (!(await users.getGroupByName(db.sql, g.name))) {
			await users.insertGroup(db.sql, { name: g.name, level: g.level, area: g.area });
		}
	}
	// Escalation paths by area, where an admin has not set one.
	for (const [key, [l2, l3]] of Object.entries(DEMO_PATHS)) {
		await fillPathByGroupNames(db.sql, key, l2, l3);
	}
	const created: string[] = [];
	for (const u of DEMO_USERS) {
		if (await users.getUserByEmail(db.sql, u.email)) continue;
		await createUser(db, { ...u, password: DEMO_PASSWORD });
		created.push(u.email);
	}
	// The knowledge base (once: nothing is added where articles exist).
	await seedDemoArticles(db);
	// The status page (once: nothing is added where components exist).
	if (options.incidents !== false) await seedDemoIncidents(db);
	return { created };
}
