import type { Role } from '$lib/types/user';

export type NavKey = 'portal' | 'desk' | 'incidents' | 'wall' | 'admin' | 'kb' | 'status';

export interface NavItem {
	key: NavKey;
	href: string;
}

const ITEMS: Record<NavKey, NavItem> = {
	portal: { key: 'portal', href: '/portal' },
	desk: { key: 'desk', href: '/desk' },
	incidents: { key: 'incidents', href: '/desk/incidents' },
	wall: { key: 'wall', href: '/wall' },
	admin: { key: 'admin', href: '/admin' },
	kb: { key: 'kb', href: '/kb' },
	status: { key: 'status', href: '/status' }
};

/** What each role may open, in menu order. Route guards enforce the same rule on the server. */
const BY_ROLE: Record<Role, NavKey[]> = {
	requester: ['portal', 'kb', 'status'],
	agent: ['desk', 'incidents', 'kb', 'status'],
	lead: ['wall', 'desk', 'incidents', 'kb', 'status'],
	admin: ['admin', 'desk', 'incidents', 'wall', 'kb', 'status']
};

export function navFor(role: Role | null): NavItem[] {
	return (role ? BY_ROLE[role] : ['kb', 'status']).map((k) => ITEMS[k as NavKey]);
}
