import type { Role } from '$lib/types/user';

export type NavKey = 'portal' | 'desk' | 'wall' | 'admin' | 'kb' | 'status';

export interface NavItem {
	key: NavKey;
	href: string;
}

const ITEMS: Record<NavKey, NavItem> = {
	portal: { key: 'portal', href: '/portal' },
	desk: { key: 'desk', href: '/desk' },
	wall: { key: 'wall', href: '/wall' },
	admin: { key: 'admin', href: '/admin' },
	kb: { key: 'kb', href: '/kb' },
	status: { key: 'status', href: '/status' }
};

/** What each role may open, in menu order. Route guards enforce the same rule on the server. */
const BY_ROLE: Record<Role, NavKey[]> = {
	requester: ['portal', 'kb', 'status'],
	agent: ['desk', 'kb', 'status'],
	lead: ['wall', 'desk', 'kb', 'status'],
	admin: ['admin', 'desk', 'wall', 'kb', 'status']
};

export function navFor(role: Role | null): NavItem[] {
	return (role ? BY_ROLE[role] : ['kb', 'status']).map((k) => ITEMS[k as NavKey]);
}
