// The demo status page: components in three groups with 90 days of history (a few short
// degradations), message templates in English and German, one incident resolved last week with
// its updates and a published postmortem, and maintenance scheduled for next week. Written through
// the services (events, status history and snapshots included), once: nothing happens where
// components exist.
import type { Database } from '../db/client';
import { createComponent, saveTemplate, type TemplateInput } from '../incidents/components';
import * as incidents from '../incidents/db';
import {
	declareIncident,
	postUpdate,
	savePostmortem,
	scheduleMaintenance
} from '../incidents/service';
import * as users from '../users/db';
import type { Component } from '$lib/types/incident';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

const GROUPS: Array<{ name: string; description: string; components: string[] }> = [
	{
		name: 'Workplace',
		description: 'What every desk needs.',
		components: ['E-Mail', 'VPN', 'Wi-Fi']
	},
	{
		name: 'Business apps',
		description: 'The applications the company runs on.',
		components: ['SAP', 'Intranet', 'Ticketing']
	},
	{
		name: 'Infrastructure',
		description: 'Shared services behind the scenes.',
		components: ['Printing', 'File shares', 'Telephony']
	}
];

export const DEMO_TEMPLATES: TemplateInput[] = [
	{
		name: 'Investigating',
		purpose: 'incident',
		status: 'investigating',
		bodyEn: 'We are investigating reports of problems. We will post an update within 30 minutes.',
		bodyDe:
			'Wir untersuchen Meldungen über Störungen. Wir informieren Sie innerhalb von 30 Minuten erneut.'
	},
	{
		name: 'Cause identified',
		purpose: 'incident',
		status: 'identified',
		bodyEn: 'We have identified the cause and are working on a fix.',
		bodyDe: 'Wir haben die Ursache gefunden und arbeiten an der Behebung.'
	},
	{
		name: 'Monitoring the fix',
		purpose: 'incident',
		status: 'monitoring',
		bodyEn: 'A fix has been applied. We are monitoring the results.',
		bodyDe: 'Eine Korrektur ist eingespielt. Wir beobachten, ob alles wieder stabil läuft.'
	},
	{
		name: 'Resolved',
		purpose: 'incident',
		status: 'resolved',
		bodyEn: 'This incident has been resolved. Thank you for your patience.',
		bodyDe: 'Die Störung ist behoben. Vielen Dank für Ihre Geduld.'
	},
	{
		name: 'Maintenance announcement',
		purpose: 'maintenance',
		status: 'scheduled',
		bodyEn:
			'We will carry out planned maintenance. The service may be unavailable during the window.',
		bodyDe:
			'Wir führen eine geplante Wartung durch. Der Dienst kann im angegebenen Zeitraum nicht verfügbar sein.'
	},
	{
		name: 'Maintenance completed',
		purpose: 'maintenance',
		status: 'completed',
		bodyEn: 'The maintenance has been completed and all services are available again.',
		bodyDe: 'Die Wartung ist abgeschlossen; alle Dienste sind wieder verfügbar.'
	},
	{
		name: 'Reply to linked tickets',
		purpose: 'ticket_reply',
		bodyEn:
			'The outage behind your request has been fixed. Please check whether everything works for you again; if not, just reply to this ticket.',
		bodyDe:
			'Die Störung hinter Ihrer Anfrage ist behoben. Bitte prüfen Sie, ob bei Ihnen wieder alles funktioniert; falls nicht, antworten Sie einfach auf dieses Ticket.'
	}
];

/** Monday of next week at `hour`:00 UTC (the demo's maintenance window starts then). */
function nextWeek(now: Date, day: number, hour: number): Date {
	const at = new Date(now);
	at.setUTCHours(hour, 0, 0, 0);
	const toMonday = (8 - at.getUTCDay()) % 7 || 7;
	return new Date(at.getTime() + (toMonday + day) * DAY);
}

export async function seedDemoIncidents(
	db: Database,
	now = new Date()
): Promise<{ components: number }> {
	if ((await incidents.countComponents(db.sql)) > 0) return { components: 0 };
	const [admin, lead, agent] = await Promise.all(
		['admin@example.com', 'lead@example.com', 'l2@example.com'].map(async (email) => {
			const record = await users.getUserByEmail(db.sql, email);
			if (!record) throw new Error(`demo user ${email} is missing`);
			return users.toSessionUser(db.sql, record);
		})
	);

	const byName = new Map<string, Component>();
	for (const [g, group] of GROUPS.entries()) {
		const created = await createComponent(db, admin, {
			name: group.name,
			description: group.description,
			isGroup: true,
			position: g
		});
		for (const [c, name] of group.components.entries()) {
			byName.set(
				name,
				await createComponent(db, admin, { name, groupId: created.id, position: c })
			);
		}
	}
	const id = (name: string) => byName.get(name)!.id;
	await incidents.backdateComponents(db.sql, new Date(now.getTime() - 90 * DAY));
	// A few short degradations over the last 90 days, without an incident of their own.
	const blips: Array<
		[string, 'degraded_performance' | 'partial_outage' | 'major_outage', number, number]
	> = [
		['VPN', 'partial_outage', 74, 3],
		['Wi-Fi', 'degraded_performance', 61, 5],
		['SAP', 'major_outage', 47, 1],
		['Printing', 'degraded_performance', 33, 20],
		['Telephony', 'partial_outage', 19, 2]
	];
	await incidents.insertComponentHistory(
		db.sql,
		blips.flatMap(([name, status, daysAgo, hours]) => {
			const from = new Date(now.getTime() - daysAgo * DAY + 9 * HOUR);
			return [
				{ componentId: id(name), status, at: from },
				{
					componentId: id(name),
					status: 'operational' as const,
					at: new Date(from.getTime() + hours * HOUR)
				}
			];
		})
	);

	for (const template of DEMO_TEMPLATES) await saveTemplate(db, lead, null, template);

	// Last week: mail delivery stalled for three hours.
	const start = new Date(now.getTime() - 6 * DAY - 2 * HOUR);
	let incident = await declareIncident(
		db,
		agent,
		{
			title: 'E-Mail delivery delayed',
			impact: 'major',
			components: [{ id: id('E-Mail'), status: 'partial_outage' }],
			bodyEn: 'Incoming and outgoing mail is delayed by up to an hour. We are investigating.',
			bodyDe:
				'Ein- und ausgehende E-Mails verzögern sich um bis zu eine Stunde. Wir untersuchen die Ursache.'
		},
		{ at: start }
	);
	const steps: Array<[number, 'identified' | 'monitoring' | 'resolved', string, string]> = [
		[
			40,
			'identified',
			'A full disk on the mail relay is holding messages back. We are freeing space.',
			'Eine volle Festplatte am Mail-Relay hält Nachrichten zurück. Wir schaffen Platz.'
		],
		[
			95,
			'monitoring',
			'The relay delivers again and is working through the queue. Delayed mail is arriving.',
			'Das Relay stellt wieder zu und arbeitet die Warteschlange ab. Verzögerte E-Mails kommen an.'
		],
		[
			180,
			'resolved',
			'All queued mail has been delivered. Mail works normally again.',
			'Alle wartenden E-Mails sind zugestellt. E-Mail funktioniert wieder normal.'
		]
	];
	for (const [minutes, status, bodyEn, bodyDe] of steps) {
		incident = await postUpdate(
			db,
			agent,
			incident.id,
			{ version: incident.version, status, bodyEn, bodyDe },
			{ at: new Date(start.getTime() + minutes * MINUTE) }
		);
	}
	await savePostmortem(db, lead, incident.id, {
		version: incident.version,
		publish: true,
		body: [
			'## What happened',
			'The log partition of the mail relay filled up after a burst of bounce messages. The relay stopped accepting mail until space was freed; about 4,000 messages waited up to 70 minutes.',
			'',
			'## What we change',
			'- Alert at 80 % disk use on the relay (was 95 %).',
			'- Rotate bounce logs hourly.',
			'- Add the relay to the weekly capacity review.'
		].join('\n')
	});

	// Next week: file server patches, announced now.
	await scheduleMaintenance(db, lead, {
		title: 'File server patches',
		scheduledFor: nextWeek(now, 1, 5),
		scheduledUntil: nextWeek(now, 1, 7),
		components: [id('File shares')],
		autoTransition: true,
		bodyEn:
			'We will install security updates on the file servers. File shares may be unavailable for a few minutes at a time.',
		bodyDe:
			'Wir spielen Sicherheitsupdates auf den Dateiservern ein. Die Dateifreigaben können zeitweise für einige Minuten nicht erreichbar sein.'
	});
	return { components: byName.size };
}
