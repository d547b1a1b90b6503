export const ROLES = ['requester', 'agent', 'lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

export interface GroupSummary {
	id: number;
	name: string;
	level: 1 | 2 | 3;
	area: string;
}

/** The signed-in user as pages, endpoints and sockets see it: no hashes, nothing internal. */
export interface SessionUser {
	id: number;
	email: string;
	name: string;
	role: Role;
	locale: Locale | null;
	groups: GroupSummary[];
}

/** Where each role lands after login. */
export const HOME_BY_ROLE: Record<Role, string> = {
	requester: '/portal',
	agent: '/desk',
	lead: '/wall',
	admin: '/admin'
};

/** Roles that work tickets (see internal notes, agent queues). */
export const STAFF_ROLES: readonly Role[] = ['agent', 'lead', 'admin'];
