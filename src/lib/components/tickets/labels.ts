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

/** "2 h 15 min", "3 d 4 h", "12 min": a compact duration for SLA times. */
export function formatDuration(minutes: number): string {
	const total = Math.max(0, Math.round(Math.abs(minutes)));
	const days = Math.floor(total / 1440);
	const hours = Math.floor((total % 1440) / 60);
	const mins = total % 60;
	if (days > 0) return hours ? `${days} d ${hours} h` : `${days} d`;
	if (hours > 0) return mins ? `${hours} h ${mins} min` : `${hours} h`;
	return `${mins} min`;
}

/** "due in 2 h" / "overdue by 15 min", relative to `now`. */
export function dueText(dueAt: string, now: number): string {
	const minutes = (new Date(dueAt).getTime() - now) / 60_000;
	return minutes >= 0
		? m.sla_due_in({ time: formatDuration(minutes) })
		: m.sla_overdue_by({ time: formatDuration(minutes) });
}
