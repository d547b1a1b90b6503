// Plain-language lines for a ticket's history, for the requester portal and the agent desk.
import type { TimeFormat } from '$lib/format/time';
import { m } from '$lib/paraglide/messages';
import type { Level, Priority, TicketStatus, TimelineEntry } from '$lib/types/ticket';
import type { SlaMetricName } from '$lib/types/sla';
import { metricLabel, priorityLabel, statusLabel } from './labels';

export type TimelineViewer = 'requester' | 'agent';
/** Decides the marker colour: how the step felt for the ticket. */
export type TimelineTone =
	'start' | 'progress' | 'move' | 'wait' | 'reply' | 'done' | 'warn' | 'alert' | 'note';

export interface TimelineLine {
	id: number;
	at: string;
	title: string;
	/** Extra text, always rendered as text (it can contain user input such as a new title). */
	detail: string | null;
	tone: TimelineTone;
	internal: boolean;
}

/** Event types only agents ever see (the service addresses them to `agents`). */
export const AGENT_ONLY_TYPES: ReadonlySet<string> = new Set([
	'ticket.noted',
	'ticket.category_changed',
	'ticket.linked',
	'ticket.merged_from',
	'ticket.lead_notified',
	'sla.warning',
	'sla.breached'
]);

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const isLevel = (v: unknown): v is Level => v === 1 || v === 2 || v === 3;
const isPriority = (v: unknown): v is Priority => v === 1 || v === 2 || v === 3 || v === 4;
const isStatus = (v: unknown): v is TicketStatus => typeof v === 'string' && v in statusLabel;
const isMetric = (v: unknown): v is SlaMetricName => v === 'first_response' || v === 'resolution';
const joined = (...parts: Array<string | null | undefined>) =>
	parts.filter((p): p is string => !!p).join(' · ') || null;

type Line = Omit<TimelineLine, 'id' | 'at' | 'internal'>;

function statusLine(from: unknown, to: TicketStatus): Line {
	switch (to) {
		case 'pending':
			return { title: m.ticket_event_waiting(), detail: null, tone: 'wait' };
		case 'on_hold':
			return { title: m.ticket_event_on_hold(), detail: null, tone: 'wait' };
		case 'resolved':
			return { title: m.ticket_event_resolved(), detail: null, tone: 'done' };
		case 'closed':
			return { title: m.ticket_event_closed(), detail: null, tone: 'done' };
		case 'open':
			if (from === 'resolved')
				return { title: m.ticket_event_reopened(), detail: null, tone: 'move' };
			if (from === 'new')
				return { title: m.ticket_event_started(), detail: null, tone: 'progress' };
			return { title: m.ticket_event_resumed(), detail: null, tone: 'progress' };
		default:
			return { title: statusLabel[to](), detail: null, tone: 'progress' };
	}
}

/** One entry in words, or null when `viewer` should not see it (or a requester has no use for it). */
export function describeEntry(
	e: TimelineEntry,
	viewer: TimelineViewer,
	times: TimeFormat
): Line | null {
	const agent = viewer === 'agent';
	if (!agent && (e.internal || AGENT_ONLY_TYPES.has(e.type))) return null;
	const d = e.data;
	const by = agent && e.actor ? m.ticket_event_by({ name: e.actor.name }) : null;
	switch (e.type) {
		case 'ticket.created': {
			const level = isLevel(d.level) ? m.level_n({ level: d.level }) : null;
			const priority = isPriority(d.priority) ? priorityLabel[d.priority]() : null;
			return {
				title: m.ticket_event_created(),
				detail: joined(priority, level, str(d.group)),
				tone: 'start'
			};
		}
		case 'ticket.assigned': {
			const name = str((d.assignee as { name?: unknown } | undefined)?.name) ?? str(d.assigneeName);
			return agent
				? {
						title: name ? m.ticket_event_assigned_to({ name }) : m.ticket_event_assigned(),
						detail: by,
						tone: 'progress'
					}
				: { title: m.ticket_event_assigned_requester(), detail: null, tone: 'progress' };
		}
		case 'ticket.unassigned':
			return {
				title: agent ? m.ticket_event_unassigned() : m.ticket_event_unassigned_requester(),
				detail: by,
				tone: 'progress'
			};
		case 'ticket.status_changed': {
			if (!isStatus(d.to)) return null;
			const line = statusLine(d.from, d.to);
			const change = isStatus(d.from) ? `${statusLabel[d.from]()} → ${statusLabel[d.to]()}` : null;
			return agent ? { ...line, detail: joined(change, by) } : line;
		}
		case 'ticket.replied': {
			const staff = d.fromStaff === true;
			if (!agent) {
				return {
					title: staff ? m.ticket_event_reply_staff() : m.ticket_event_reply_you(),
					detail: null,
					tone: 'reply'
				};
			}
			return {
				title: staff
					? m.ticket_event_reply_by({ name: e.actor?.name ?? m.ticket_comment_service_desk() })
					: m.ticket_event_reply_requester(),
				detail: null,
				tone: 'reply'
			};
		}
		case 'ticket.noted':
			return { title: m.ticket_event_noted(), detail: by, tone: 'note' };
		case 'ticket.escalated':
		case 'ticket.handed_back': {
			const level = isLevel(d.toLevel) ? d.toLevel : null;
			const up = e.type === 'ticket.escalated';
			const title = level
				? up
					? m.ticket_event_escalated({ level })
					: m.ticket_event_handed_back({ level })
				: up
					? m.ticket_event_escalated_any()
					: m.ticket_event_handed_back_any();
			const groups = agent
				? joined(
						str(d.fromGroup) && str(d.toGroup) ? `${d.fromGroup} → ${d.toGroup}` : str(d.toGroup),
						d.automatic === true ? m.ticket_event_automatic() : by
					)
				: str(d.toGroup);
			return { title, detail: groups, tone: 'move' };
		}
		case 'ticket.priority_changed':
			return isPriority(d.from) && isPriority(d.to)
				? {
						title: m.ticket_event_priority({
							from: priorityLabel[d.from](),
							to: priorityLabel[d.to]()
						}),
						detail: by,
						tone: 'progress'
					}
				: { title: m.ticket_event_priority_any(), detail: by, tone: 'progress' };
		case 'ticket.category_changed':
			return { title: m.ticket_event_category(), detail: by, tone: 'progress' };
		case 'ticket.retitled':
			return {
				title: m.ticket_event_retitled(),
				detail: joined(str(d.to) ? `“${d.to}”` : null, by),
				tone: 'progress'
			};
		case 'ticket.linked': {
			const n = num(d.related);
			return n ? { title: m.ticket_event_linked({ number: n }), detail: by, tone: 'note' } : null;
		}
		case 'ticket.merged': {
			const n = num(d.into);
			return n ? { title: m.ticket_event_merged({ number: n }), detail: by, tone: 'done' } : null;
		}
		case 'ticket.merged_from': {
			const n = num(d.duplicate);
			return n
				? { title: m.ticket_event_merged_from({ number: n }), detail: by, tone: 'note' }
				: null;
		}
		case 'ticket.reopened':
			return { title: m.ticket_event_reopened(), detail: by, tone: 'move' };
		case 'ticket.confirmed':
			return {
				title: agent ? m.ticket_event_confirmed() : m.ticket_event_confirmed_you(),
				detail: null,
				tone: 'done'
			};
		case 'ticket.lead_notified':
			return { title: m.ticket_event_lead_notified(), detail: str(d.reason), tone: 'warn' };
		case 'sla.warning':
		case 'sla.breached': {
			const metric = isMetric(d.metric) ? metricLabel[d.metric]() : '';
			const due = str(d.dueAt);
			return {
				title:
					e.type === 'sla.warning'
						? m.ticket_event_sla_warning({ metric })
						: m.ticket_event_sla_breached({ metric }),
				detail: due ? m.ticket_event_sla_due({ time: times.withZone(due) }) : null,
				tone: e.type === 'sla.warning' ? 'warn' : 'alert'
			};
		}
		default:
			return agent ? { title: e.type, detail: by, tone: 'note' } : null;
	}
}

/**
 * The entries `viewer` sees, in words, oldest first. A status change that only restates the
 * confirm or reopen recorded in the same transaction is left out.
 */
export function timelineLines(
	entries: TimelineEntry[],
	viewer: TimelineViewer,
	times: TimeFormat
): TimelineLine[] {
	const at = (type: string) => new Set(entries.filter((e) => e.type === type).map((e) => e.at));
	const confirmed = at('ticket.confirmed');
	const reopened = at('ticket.reopened');
	const lines: TimelineLine[] = [];
	for (const e of entries) {
		if (e.type === 'ticket.status_changed') {
			if (e.data.to === 'closed' && confirmed.has(e.at)) continue;
			if (e.data.from === 'resolved' && e.data.to === 'open' && reopened.has(e.at)) continue;
		}
		const line = describeEntry(e, viewer, times);
		if (line) lines.push({ ...line, id: e.id, at: e.at, internal: e.internal });
	}
	return lines;
}
