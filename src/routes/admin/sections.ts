// The admin area's sections, in menu order: used by the sub-navigation and the overview cards.
import { m } from '$lib/paraglide/messages';

export interface AdminSection {
	key: string;
	href: string;
	label: () => string;
	description: () => string;
}

export const SECTIONS: AdminSection[] = [
	{ key: 'users', href: '/admin/users', label: m.admin_users, description: m.admin_users_intro },
	{
		key: 'groups',
		href: '/admin/groups',
		label: m.admin_groups,
		description: m.admin_groups_intro
	},
	{
		key: 'routing',
		href: '/admin/routing',
		label: m.admin_routing,
		description: m.admin_routing_intro
	},
	{
		key: 'calendars',
		href: '/admin/calendars',
		label: m.admin_calendars,
		description: m.admin_calendars_intro
	},
	{ key: 'sla', href: '/admin/sla', label: m.admin_sla_title, description: m.admin_sla_intro },
	{
		key: 'escalation',
		href: '/admin/escalation',
		label: m.admin_escalation,
		description: m.admin_escalation_intro
	},
	{
		key: 'settings',
		href: '/admin/settings',
		label: m.admin_settings,
		description: m.admin_settings_intro
	},
	{
		key: 'components',
		href: '/admin/components',
		label: m.admin_components,
		description: m.admin_components_intro
	},
	{
		key: 'walls',
		href: '/wall/manage',
		label: m.admin_walls,
		description: m.admin_walls_intro
	},
	{
		key: 'tokens',
		href: '/admin/tokens',
		label: m.admin_tokens_title,
		description: m.admin_tokens_intro
	},
	{
		key: 'webhooks',
		href: '/admin/webhooks',
		label: m.admin_webhooks_title,
		description: m.admin_webhooks_intro
	},
	{ key: 'mail', href: '/admin/mail', label: m.admin_mail, description: m.admin_mail_intro }
];
