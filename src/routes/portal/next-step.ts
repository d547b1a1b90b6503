// "What happens next" for a requester, in plain language, from a ticket's status and level.
import type { TimeFormat } from '$lib/format/time';
import { m } from '$lib/paraglide/messages';
import type { Level, TicketStatus } from '$lib/types/ticket';

export interface NextStepTicket {
	status: TicketStatus;
	level: Level;
	/** Earliest running SLA due time: for a new ticket, when the first answer is due. */
	nextDueAt: string | null;
	reopenUntil: string | null;
	/** When it closed (the list passes its last update). */
	closedAt?: string | null;
	updatedAt: string;
}

export function nextStep(t: NextStepTicket, times: TimeFormat, now: number): string {
	switch (t.status) {
		case 'new':
			return t.nextDueAt
				? m.portal_next_new({ due: times.dateTime(t.nextDueAt) })
				: m.portal_next_new_soon();
		case 'open':
			return t.level > 1 ? m.portal_next_specialists() : m.portal_next_open();
		case 'pending':
			return m.portal_next_pending();
		case 'on_hold':
			return m.portal_next_on_hold();
		case 'resolved':
			return t.reopenUntil && new Date(t.reopenUntil).getTime() > now
				? m.portal_next_resolved({ date: times.dateTime(t.reopenUntil) })
				: m.portal_next_resolved_final();
		case 'closed':
			return m.portal_next_closed({ date: times.date(t.closedAt ?? t.updatedAt) });
	}
}

/** True when the requester is the one who has to act. */
export const yourTurn = (status: TicketStatus) => status === 'pending' || status === 'resolved';
