// Display names for ticket vocabulary, in the current locale.
import { m } from '$lib/paraglide/messages';
import type { Priority, Scale, TicketStatus, TicketSummary } from '$lib/types/ticket';
import type { SlaMetricName } from '$lib/types/sla';

export const statusLabel: Record<TicketStatus, () => string> = {
	new: m.status_new,
	open: m.status_open,
	pending: m.status_pending,
	on_hold: m.status_on_hold,
	resolved: m.status_resolved,
	closed: m.status_closed
};

/** Statuses as agents read them: "pending" waits on the requester, not on "you". */
export const agentStatusLabel: Record<TicketStatus, () => string> = {
	...statusLabel,
	pending: m.desk_status_pending
};

export const priorityLabel: Record<Priority, () => string> = {
	1: m.priority_1,
	2: m.priority_2,
	3: m.priority_3,
	4: m.priority_4
};

export const scaleLabel: Record<Scale, () => string> = {
	1: m.scale_1,
	2: m.scale_2,
	3: m.scale_3
};

export const slaLabel: Record<TicketSummary['slaState'], () => string> = {
	ok: m.sla_ok,
	warning: m.sla_warning,
	breached: m.sla_breached,
	paused: m.sla_paused,
	done: m.sla_done
};

export const metricLabel: Record<SlaMetricName, () => string> = {
	first_response: m.sla_first_response,
	resolution: m.sla_resolution
};
