// The agent's change in words, for the conflict view ("Priority: P1 critical").
import { agentStatusLabel, priorityLabel } from '$lib/components/tickets/labels';
import { m } from '$lib/paraglide/messages';
import type { DeskAction } from '$lib/types/desk';
import type { Priority, TicketStatus } from '$lib/types/ticket';

/** Names for the ids a form sends. */
export interface Names {
	groups: Array<{ id: number; name: string }>;
	categories: Array<{ id: number; name: string }>;
	members: Array<{ id: number; name: string }>;
}

const nameOf = (list: Array<{ id: number; name: string }>, id: string | undefined) =>
	list.find((item) => String(item.id) === id)?.name;
const statusName = (status: string) => agentStatusLabel[status as TicketStatus]?.() ?? status;

export function summarise(
	action: DeskAction,
	values: Record<string, string>,
	names: Names
): string {
	switch (action) {
		case 'claim':
			return m.desk_summary_claim();
		case 'update': {
			const parts: string[] = [];
			if (values.status) parts.push(`${m.desk_field_status()}: ${statusName(values.status)}`);
			if (values.priority) {
				const priority = priorityLabel[Number(values.priority) as Priority]?.() ?? values.priority;
				parts.push(`${m.desk_field_priority()}: ${priority}`);
			}
			if (values.categoryId) {
				const category = nameOf(names.categories, values.categoryId) ?? values.categoryId;
				parts.push(`${m.desk_field_category()}: ${category}`);
			}
			if ('assigneeId' in values) {
				const assignee = nameOf(names.members, values.assigneeId) ?? m.ticket_unassigned();
				parts.push(`${m.desk_field_assignee()}: ${assignee}`);
			}
			return parts.join('\n');
		}
		case 'comment': {
			const head = values.mode === 'note' ? m.desk_mode_note() : m.desk_mode_reply();
			const then = values.status ? ` → ${statusName(values.status)}` : '';
			return `${head}${then}:\n${values.body ?? ''}`;
		}
		case 'escalate':
		case 'handBack': {
			const group = nameOf(names.groups, values.groupId) ?? '—';
			const head =
				action === 'escalate'
					? m.desk_summary_escalate({ group })
					: m.desk_summary_hand_back({ group });
			return `${head}\n${values.reason ?? ''}`;
		}
		case 'notifyLead':
			return `${m.desk_notify_title()}: ${values.reason ?? ''}`;
		case 'link':
			return m.desk_summary_link({ number: values.related ?? '' });
		case 'merge':
			return m.desk_summary_merge({ number: values.into ?? '' });
	}
}
