// Pure ticket rules: who may see a ticket, and which status changes are allowed. No I/O.
import { isStaff } from '../auth/roles';
import { m } from '$lib/paraglide/messages';
import type { Level, TicketStatus } from '$lib/types/ticket';
import type { SessionUser } from '$lib/types/user';

/** Staff see every ticket; a requester sees only their own. */
export function canViewTicket(user: SessionUser, ticket: { requesterId: number }): boolean {
	return isStaff(user) || ticket.requesterId === user.id;
}

/** Status changes an agent may make directly. Closed is final; reopening goes through `open`. */
const AGENT_TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
	new: ['open', 'pending', 'on_hold', 'resolved'],
	open: ['pending', 'on_hold', 'resolved'],
	pending: ['open', 'on_hold', 'resolved'],
	on_hold: ['open', 'pending', 'resolved'],
	resolved: ['open', 'closed'],
	closed: []
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
	return from === to || AGENT_TRANSITIONS[from].includes(to);
}

/** Statuses in which the resolution clock does not run. */
export const PAUSED_STATUSES: readonly TicketStatus[] = ['pending', 'on_hold'];
export const DONE_STATUSES: readonly TicketStatus[] = ['resolved', 'closed'];

export type LevelMove = 'escalate' | 'hand_back';

/** Escalation goes to a higher level, hand-back to a lower one; else the reason it is refused. */
export function checkLevelMove(move: LevelMove, from: Level, to: Level): string | null {
	if (move === 'escalate' && to <= from) return m.ticket_error_escalate_higher({ level: from });
	if (move === 'hand_back' && to >= from) return m.ticket_error_hand_back_lower({ level: from });
	return null;
}

/** A resolved ticket may be reopened by its requester for `days` days after resolution. */
export function reopenDeadline(resolvedAt: Date | null, days: number): Date | null {
	return resolvedAt ? new Date(resolvedAt.getTime() + days * 86_400_000) : null;
}
