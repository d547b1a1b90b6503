// Who hears of a public update: confirmed email subscribers (of the whole page or of an affected
// component), webhook subscribers, people who said "I am affected too", and the requesters of
// linked tickets. Everything is queued in the update's transaction as outbox rows, each set in one
// statement, so a thousand subscribers cost one insert and never hold up the update; the outbox
// job sends mail and signs and delivers webhooks afterwards.
import type { TxContext } from '../db/client';
import { baseUrl } from '../http/base-url';
import * as db from './db';
import { DEFAULT_PAGE_NAME, v2Incident } from '../status/model';
import { statusPageNameSetting } from '../settings/db';
import { m } from '$lib/paraglide/messages';
import type { IncidentSummary, IncidentUpdate } from '$lib/types/incident';
import type { Locale } from '$lib/types/user';

export interface StatusNotice {
	incident: IncidentSummary;
	update: IncidentUpdate;
	/** Components the incident affects: subscribers of any of them hear of it. */
	componentIds: number[];
	/** A reminder shortly before scheduled maintenance starts (the update is its announcement). */
	reminder?: boolean;
}

/** The webhook event type of an update, in the Standard Webhooks `type` style. */
export function webhookType(notice: StatusNotice): string {
	if (notice.reminder) return 'maintenance.reminder';
	const kind = notice.incident.kind === 'maintenance' ? 'maintenance' : 'incident';
	const first =
		notice.update.status === 'scheduled' || notice.incident.updatedAt === notice.incident.startedAt;
	return `${kind}.${first ? 'created' : 'updated'}`;
}

function texts(notice: StatusNotice, page: string, locale: Locale) {
	const o = { locale } as const;
	const { incident, update } = notice;
	const message =
		(locale === 'de' ? update.bodyDe || update.bodyEn : update.bodyEn || update.bodyDe) ?? '';
	const status = m[`incident_status_${update.status}`]({}, o);
	const link = `${baseUrl()}/status/incidents/${incident.id}`;
	return {
		subject: notice.reminder
			? m.incident_mail_reminder_subject({ page, title: incident.title }, o)
			: m.incident_mail_subject({ page, title: incident.title, status }, o),
		body: (unsubscribe: string) =>
			m.incident_mail_body({ title: incident.title, status, message, link, unsubscribe }, o),
		affectedBody: m.incident_mail_body_affected({ title: incident.title, status, message, link }, o)
	};
}

const UNSUBSCRIBE_MARK = '%UNSUBSCRIBE%';

export async function queueStatusNotifications(tx: TxContext, notice: StatusNotice): Promise<void> {
	const sql = tx.sql;
	const page = (await statusPageNameSetting(sql)) ?? DEFAULT_PAGE_NAME;
	const en = texts(notice, page, 'en');
	const de = texts(notice, page, 'de');
	const unsubscribeBase = `${baseUrl()}/status/unsubscribe?token=`;
	const components = notice.componentIds;
	const matches = sql`
		s.confirmed_at is not null and s.disabled_at is null
		and (not exists (select 1 from status_subscriber_components sc where sc.subscriber_id = s.id)
			or exists (select 1 from status_subscriber_components sc
				where sc.subscriber_id = s.id and sc.component_id = any(${components}::int[])))`;

	// Email subscribers, each with their own unsubscribe link, in their language.
	await sql`
		insert into outbox (kind, recipient, subject, body, subscriber_id, next_attempt_at)
		select 'email', s.email,
			case when s.language = 'de' then ${de.subject} else ${en.subject} end,
			replace(case when s.language = 'de' then ${de.body(UNSUBSCRIBE_MARK)}
				else ${en.body(UNSUBSCRIBE_MARK)} end,
				${UNSUBSCRIBE_MARK}, ${unsubscribeBase} || s.unsubscribe_token),
			s.id, date_trunc('milliseconds', now())
		from status_subscribers s
		where s.kind = 'email' and ${matches}`;

	// People who said they are affected, and requesters of linked tickets, unless they subscribed.
	await sql`
		insert into outbox (kind, recipient, subject, body, next_attempt_at)
		select distinct on (lower(u.email)) 'email', u.email,
			case when u.locale = 'de' then ${de.subject} else ${en.subject} end,
			case when u.locale = 'de' then ${de.affectedBody} else ${en.affectedBody} end,
			date_trunc('milliseconds', now())
		from users u
		where u.active and u.email is not null
			and (u.id in (select user_id from incident_affected where incident_id = ${notice.incident.id})
				or u.id in (select requester_id from tickets
					where incident_id = ${notice.incident.id} and status not in ('closed')))
			and not exists (select 1 from status_subscribers s
				where s.kind = 'email' and lower(s.email) = lower(u.email) and ${matches})`;

	// Webhooks: the payload is fixed now; it is signed when sent (outbox job).
	const hooks = await sql<{ n: number }[]>`
		select count(*)::int as n from status_subscribers s where s.kind = 'webhook' and ${matches}`;
	if (hooks[0].n === 0) return;
	const head = await db.getIncidentHead(sql, notice.incident.id);
	const [updates, componentIds, all] = await Promise.all([
		db.listUpdates(sql, [notice.incident.id]),
		db.incidentComponentIds(sql, notice.incident.id),
		db.listComponents(sql)
	]);
	const payload = JSON.stringify({
		type: webhookType(notice),
		timestamp: notice.update.createdAt,
		data: {
			page: { id: 'leitstand', name: page, url: `${baseUrl()}/status` },
			incident: v2Incident(head!, updates, componentIds, all)
		}
	});
	await sql`
		insert into outbox (kind, recipient, subject, body, subscriber_id, next_attempt_at)
		select 'webhook', s.url, ${webhookType(notice)}, ${payload}, s.id,
			date_trunc('milliseconds', now())
		from status_subscribers s
		where s.kind = 'webhook' and ${matches}`;
}
