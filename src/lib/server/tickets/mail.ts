// Mail texts for requesters and leads, in the recipient's language.
import { baseUrl } from '../http/base-url';
import type { OutgoingMail } from '../notify/db';
import type { TicketRecord } from './db';
import { m } from '$lib/paraglide/messages';
import type { TicketStatus } from '$lib/types/ticket';
import type { Locale } from '$lib/types/user';

interface Recipient {
	email: string;
	name: string;
	locale: Locale | null;
}

function opts(to: Recipient) {
	return { locale: to.locale ?? 'en' } as const;
}

export function statusLabel(status: TicketStatus, locale: Locale): string {
	const o = { locale } as const;
	const labels: Record<TicketStatus, () => string> = {
		new: () => m.status_new({}, o),
		open: () => m.status_open({}, o),
		pending: () => m.status_pending({}, o),
		on_hold: () => m.status_on_hold({}, o),
		resolved: () => m.status_resolved({}, o),
		closed: () => m.status_closed({}, o)
	};
	return labels[status]();
}

export function received(t: TicketRecord, to: Recipient): OutgoingMail {
	const p = { number: t.id, title: t.title, name: to.name, priority: t.priority };
	return {
		recipient: to.email,
		ticketId: t.id,
		subject: m.mail_received_subject(p, opts(to)),
		body: m.mail_received_body({ ...p, url: `${baseUrl()}/portal/tickets/${t.id}` }, opts(to))
	};
}

export function replied(t: TicketRecord, to: Recipient, agent: string, body: string): OutgoingMail {
	const p = { number: t.id, title: t.title, name: to.name };
	return {
		recipient: to.email,
		ticketId: t.id,
		subject: m.mail_reply_subject(p, opts(to)),
		body: m.mail_reply_body(
			{ ...p, agent, body, url: `${baseUrl()}/portal/tickets/${t.id}` },
			opts(to)
		)
	};
}

export function statusChanged(t: TicketRecord, to: Recipient, status: TicketStatus): OutgoingMail {
	const locale = to.locale ?? 'en';
	const label = statusLabel(status, locale);
	const hint =
		status === 'pending'
			? m.mail_status_hint_pending({}, opts(to))
			: status === 'resolved'
				? m.mail_status_hint_resolved({}, opts(to))
				: m.mail_status_hint_other({}, opts(to));
	const p = { number: t.id, title: t.title, name: to.name, status: label };
	return {
		recipient: to.email,
		ticketId: t.id,
		subject: m.mail_status_subject(p, opts(to)),
		body: m.mail_status_body({ ...p, hint, url: `${baseUrl()}/portal/tickets/${t.id}` }, opts(to))
	};
}

export function leadNotice(t: TicketRecord, to: Recipient, reason: string): OutgoingMail {
	const p = { number: t.id, title: t.title, name: to.name, priority: t.priority, level: t.level };
	return {
		recipient: to.email,
		ticketId: t.id,
		subject: m.mail_lead_subject(p, opts(to)),
		body: m.mail_lead_body({ ...p, reason, url: `${baseUrl()}/desk/tickets/${t.id}` }, opts(to))
	};
}
