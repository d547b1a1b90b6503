// Ticket vocabulary as agents read it: "pending" waits on the requester, not on "you".
import { statusLabel } from '$lib/components/tickets/labels';
import { m } from '$lib/paraglide/messages';
import type { TicketStatus } from '$lib/types/ticket';

export const deskStatusLabel: Record<TicketStatus, () => string> = {
	...statusLabel,
	pending: m.desk_status_pending
};
