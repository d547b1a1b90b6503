// A status page with something to show, written through the incident services on a real database:
// components in groups with 90 days of history (one component only 30 days old, so its older days
// have no data), resolved incidents in the past with updates in both languages and a published
// postmortem, one active incident, and an upcoming maintenance.
import type { Database } from '../../src/lib/server/db/client';
import * as components from '../../src/lib/server/incidents/components';
import * as service from '../../src/lib/server/incidents/service';
import { getUserByEmail, toSessionUser } from '../../src/lib/server/users/db';
import type { Component } from '../../src/lib/types/incident';

const DAY = 86_400_000;

export interface StatusFixture {
	components: Record<string, Component>;
	active: number;
	resolved: number[];
	maintenance: number;
}

export async function seedStatusPage(db: Database, now = new Date()): Promise<StatusFixture> {
	const user = async (email: string) =>
		toSessionUser(db.sql, (await getUserByEmail(db.sql, email))!);
	const admin = await user('admin@example.com');
	const agent = await user('l2@example.com');
	const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY - hours * 3_600_000);

	const made: Record<string, Component> = {};
	const add = async (name: string, description: string, groupId: number | null, isGroup = false) =>
		(made[name] = await components.createComponent(db, admin, {
			name,
			description,
			groupId,
			isGroup
		}));
	const network = await add('Network', '', null, true);
	await add('VPN', 'Remote access to the company network', network.id);
	await add('Wi-Fi', 'Office and guest wireless networks', network.id);
	const workplace = await add('Workplace', '', null, true);
	await add('E-Mail', 'Exchange Online and mail delivery', workplace.id);
	await add('File shares', 'Departmental drives (S:, T:)', workplace.id);
	await add('Printing', 'Follow-me printing in all buildings', workplace.id);
	await add('SSO', 'Single sign-on for all company apps', null);
	await add('ERP', 'SAP S/4HANA', null);
	// History from 100 days ago (ERP from 30 days ago): the bars have data from then on.
	await db.sql`update components set start_date = ${ago(100)}::date`;
	await db.sql`update component_status_history set at = ${ago(100)}`;
	await db.sql`update components set start_date = ${ago(30)}::date where id = ${made.ERP.id}`;
	await db.sql`update component_status_history set at = ${ago(30)} where component_id = ${made.ERP.id}`;

	const resolved: number[] = [];
	const past = async (
		daysAgo: number,
		title: string,
		component: string,
		status: 'major_outage' | 'partial_outage' | 'degraded_performance',
		hours: number,
		impact: 'minor' | 'major' | 'critical',
		texts: { en: string; de: string; enFix: string; deFix: string }
	) => {
		const start = ago(daysAgo, -9);
		const incident = await service.declareIncident(
			db,
			agent,
			{
				title,
				impact,
				components: [{ id: made[component].id, status }],
				bodyEn: texts.en,
				bodyDe: texts.de
			},
			{ at: start }
		);
		await service.postUpdate(
			db,
			agent,
			incident.id,
			{
				version: incident.version,
				status: 'resolved',
				bodyEn: texts.enFix,
				bodyDe: texts.deFix,
				components: [{ id: made[component].id, status: 'operational' }]
			},
			{ at: new Date(start.getTime() + hours * 3_600_000) }
		);
		resolved.push(incident.id);
		return incident.id;
	};
	const vpnOutage = await past(3, 'VPN connections drop', 'VPN', 'major_outage', 3, 'critical', {
		en: 'Remote users cannot connect to the VPN. We are investigating.',
		de: 'Die VPN-Verbindung ist von außerhalb nicht möglich. Wir untersuchen die Störung.',
		enFix: 'A certificate on the VPN gateway was renewed. Connections work again.',
		deFix: 'Ein Zertifikat am VPN-Gateway wurde erneuert. Verbindungen funktionieren wieder.'
	});
	await past(9, 'Slow mail delivery', 'E-Mail', 'degraded_performance', 5, 'minor', {
		en: 'Incoming mail is delayed by up to 30 minutes.',
		de: 'Eingehende E-Mails werden bis zu 30 Minuten verzögert zugestellt.',
		enFix: 'The mail queue has been processed; delivery is back to normal.',
		deFix: 'Die Warteschlange ist abgearbeitet; E-Mails werden wieder normal zugestellt.'
	});
	await past(40, 'Printers in building B offline', 'Printing', 'partial_outage', 20, 'major', {
		en: 'Printers in building B do not accept jobs.',
		de: 'Die Drucker in Gebäude B nehmen keine Aufträge an.',
		enFix: 'The print server was restarted. Printing works again.',
		deFix: 'Der Druckserver wurde neu gestartet. Drucken funktioniert wieder.'
	});
	const postmortem = await service.getIncident(db.sql, vpnOutage);
	await service.savePostmortem(db, agent, vpnOutage, {
		version: postmortem!.version,
		body: '## What happened\n\nThe VPN gateway certificate expired at 09:00.\n\n## What we change\n\n- Certificate expiry is now monitored 30 days ahead.',
		publish: true
	});

	const active = await service.declareIncident(
		db,
		agent,
		{
			title: 'File shares slow or unreachable',
			impact: 'major',
			status: 'identified',
			components: [{ id: made['File shares'].id, status: 'partial_outage' }],
			bodyEn:
				'Drive S: is slow or not reachable for some departments. A storage controller failed over.',
			bodyDe:
				'Laufwerk S: ist für einige Abteilungen langsam oder nicht erreichbar. Ein Speicher-Controller ist ausgefallen.'
		},
		{ at: ago(0, 1) }
	);
	const maintenance = await service.scheduleMaintenance(db, agent, {
		title: 'ERP upgrade',
		scheduledFor: new Date(now.getTime() + 2 * DAY),
		scheduledUntil: new Date(now.getTime() + 2 * DAY + 4 * 3_600_000),
		components: [made.ERP.id],
		bodyEn: 'SAP will be unavailable during the upgrade.',
		bodyDe: 'SAP ist während des Upgrades nicht verfügbar.'
	});
	return { components: made, active: active.id, resolved, maintenance: maintenance.id };
}
