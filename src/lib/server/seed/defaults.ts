// What every installation needs before the first ticket: a level-1 group, categories that route
// to it, business calendars, a default SLA policy and the standard escalation rules.
import type { Database } from '../db/client';
import type { BusinessCalendar } from '../sla/calendar';
import { ALWAYS_OPEN } from '../sla/calendar';
import * as sla from '../sla/db';
import { germanPublicHolidays } from '../sla/holidays';
import { insertRule } from '../escalation/db';

// Shared with migrations' lock space but a different number.
const DEFAULTS_LOCK = 7_412_002;

const OFFICE_DAY: Array<[string, string]> = [['08:00', '18:00']];

export function officeCalendar(now = new Date()): BusinessCalendar {
	const year = now.getUTCFullYear();
	return {
		timeZone: 'Europe/Berlin',
		week: { mon: OFFICE_DAY, tue: OFFICE_DAY, wed: OFFICE_DAY, thu: OFFICE_DAY, fri: OFFICE_DAY },
		holidays: [...germanPublicHolidays(year), ...germanPublicHolidays(year + 1)]
	};
}

export const DEFAULT_CATEGORIES = [
	{ key: 'network', en: 'Network & VPN', de: 'Netzwerk & VPN' },
	{ key: 'hardware', en: 'Hardware & devices', de: 'Hardware & Geräte' },
	{ key: 'access', en: 'Accounts & access', de: 'Konten & Zugänge' },
	{ key: 'software', en: 'Software & licences', de: 'Software & Lizenzen' },
	{ key: 'email', en: 'Email & calendar', de: 'E-Mail & Kalender' },
	{ key: 'printing', en: 'Printing', de: 'Drucken' },
	{ key: 'other', en: 'Something else', de: 'Sonstiges' }
] as const;

/** [priority, first response, resolution] in minutes; P1 runs 24/7, the rest in office hours. */
export const DEFAULT_TARGETS = [
	[1, 30, 240],
	[2, 60, 480],
	[3, 240, 1800],
	[4, 480, 3000]
] as const;

/** Create whatever of the defaults is missing. Safe to run on every start of every node. */
export async function ensureDefaults(db: Database): Promise<void> {
	await db.transaction(async (tx) => {
		const sql = tx.sql;
		await sql`select pg_advisory_xact_lock(${DEFAULTS_LOCK})`;

		let [l1] = await sql<
			{ id: number }[]
		>`select id from groups where level = 1 order by id limit 1`;
		if (!l1) {
			[l1] = await sql<{ id: number }[]>`
				insert into groups (name, level, area, auto_assign) values ('Service Desk', 1, 'general', true)
				returning id`;
		}
		const [{ n: categories }] = await sql<
			{ n: number }[]
		>`select count(*)::int as n from categories`;
		if (categories === 0) {
			let order = 0;
			for (const c of DEFAULT_CATEGORIES) {
				await sql`insert into categories (key, name_en, name_de, group_id, sort_order)
					values (${c.key}, ${c.en}, ${c.de}, ${l1.id}, ${order++})`;
			}
		}
		if ((await sla.listCalendars(sql)).length === 0) {
			const office = await sla.insertCalendar(sql, 'Office hours (Berlin)', officeCalendar());
			const always = await sla.insertCalendar(sql, '24/7', ALWAYS_OPEN);
			const policyId = await sla.insertPolicy(sql, {
				name: 'Standard',
				isDefault: true,
				warnRatio: 0.8
			});
			for (const [priority, firstResponse, resolution] of DEFAULT_TARGETS) {
				await sla.upsertTarget(sql, policyId, {
					priority,
					firstResponseMinutes: firstResponse,
					resolutionMinutes: resolution,
					calendarId: priority === 1 ? always.id : office.id
				});
			}
			await insertRule(sql, {
				name: 'P1/P2 breach: next level and team lead',
				trigger: 'breach',
				metric: null,
				priorities: [1, 2],
				groupIds: [],
				escalate: true,
				notifyLead: true,
				active: true
			});
			await insertRule(sql, {
				name: 'P1 at risk: tell the team lead',
				trigger: 'warning',
				metric: null,
				priorities: [1],
				groupIds: [],
				escalate: false,
				notifyLead: true,
				active: true
			});
		}
	});
}
