import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as admin from '../../src/lib/server/admin/db';
import {
	changeUserRole,
	createToken,
	createUser,
	deleteEscalationRule,
	readSettings,
	revokeToken,
	saveCalendar,
	saveCategory,
	saveEscalationRule,
	saveGroup,
	setUserActive,
	setUserGroups,
	updateSettings,
	updateSlaPolicy
} from '../../src/lib/server/admin/service';
import { DomainError } from '../../src/lib/server/errors';
import {
	createSession,
	generateSessionToken,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { validateApiToken } from '../../src/lib/server/auth/tokens';
import * as sla from '../../src/lib/server/sla/db';
import { germanPublicHolidays } from '../../src/lib/server/sla/holidays';
import { listRules } from '../../src/lib/server/escalation/db';
import { getUserByEmail, toSessionUser } from '../../src/lib/server/users/db';
import type { SessionUser } from '../../src/lib/types/user';
import { DB_KIND, startTestApp, type TestApp } from './harness';

let t: TestApp;
const who: Record<string, SessionUser> = {};

async function user(email: string) {
	const record = await getUserByEmail(t.ctx.db.sql, email);
	return toSessionUser(t.ctx.db.sql, record!);
}

/** The `admin.*` audit events written so far. */
async function adminEvents() {
	return t.ctx.db.sql<{ type: string; actor_id: number; payload: Record<string, unknown> }[]>`
		select type, actor_id, payload from events where topic = 'admin' order by id`;
}

async function officeCalendar() {
	const calendars = await sla.listCalendars(t.ctx.db.sql);
	return calendars.find((c) => c.calendar.timeZone === 'Europe/Berlin')!;
}

beforeAll(async () => {
	t = await startTestApp({ demo: true });
	for (const key of ['admin', 'lead', 'l1', 'l2', 'l3', 'user']) {
		who[key] = await user(`${key}@example.com`);
	}
});
afterAll(() => t.stop());

describe(`admin service on ${DB_KIND}`, () => {
	it('refuses every change from someone who is not an administrator', async () => {
		const db = t.ctx.db;
		const before = (await adminEvents()).length;
		const office = await officeCalendar();
		const attempts: Array<() => Promise<unknown>> = [
			() =>
				createUser(db, who.lead, {
					name: 'X',
					email: 'x@example.com',
					role: 'admin',
					password: 'long enough'
				}),
			() => changeUserRole(db, who.lead, who.l1.id, 'admin'),
			() => setUserActive(db, who.l1, who.l2.id, false),
			() => setUserGroups(db, who.l1, who.l1.id, []),
			() => saveGroup(db, who.lead, { name: 'G', level: 1, area: 'x', capacity: 5 }),
			() =>
				saveCategory(db, who.l1, {
					key: 'new',
					nameEn: 'N',
					nameDe: 'N',
					groupId: 1,
					sortOrder: 0
				}),
			() =>
				saveCalendar(db, who.lead, {
					id: office.id,
					name: office.name,
					timeZone: 'UTC',
					week: { mon: '00:00-24:00' },
					holidays: ''
				}),
			() => updateSlaPolicy(db, who.lead, { policyId: 1, warnPercent: 50, targets: [] }),
			() =>
				saveEscalationRule(db, who.lead, {
					name: 'r',
					trigger: 'breach',
					priorities: [1],
					notifyLead: true
				}),
			() => deleteEscalationRule(db, who.lead, 1),
			() => updateSettings(db, who.user, { reopenDays: 1, autoCloseDays: 1 }),
			() => createToken(db, who.l1, { userId: who.l1.id, name: 'mine' }),
			() => revokeToken(db, who.l1, 1)
		];
		for (const attempt of attempts) {
			await expect(attempt()).rejects.toMatchObject({ status: 403 });
		}
		expect((await adminEvents()).length).toBe(before);
	});

	it('creates a user with groups, validates field by field and audits it', async () => {
		const db = t.ctx.db;
		const network = (await admin.listGroups(db.sql)).find((g) => g.name === 'Network')!;
		const created = await createUser(db, who.admin, {
			name: 'Nina Neu',
			email: ' Nina@Example.com ',
			role: 'agent',
			password: 'correct horse',
			groupIds: [String(network.id)]
		});
		expect(created.email).toBe('nina@example.com');
		const nina = await user('nina@example.com');
		expect(nina.groups.map((g) => g.name)).toEqual(['Network']);

		await expect(
			createUser(db, who.admin, {
				name: ' ',
				email: 'nina@example.com',
				role: 'boss',
				password: 'short'
			})
		).rejects.toMatchObject({
			status: 400,
			fields: {
				name: expect.any(String),
				role: expect.any(String),
				password: expect.any(String)
			}
		});
		await expect(
			createUser(db, who.admin, {
				name: 'Again',
				email: 'NINA@example.com',
				role: 'agent',
				password: 'correct horse'
			})
		).rejects.toMatchObject({ fields: { email: expect.any(String) } });
		await expect(
			createUser(db, who.admin, {
				name: 'Ghost',
				email: 'ghost@example.com',
				role: 'agent',
				password: 'correct horse',
				groupIds: [999999]
			})
		).rejects.toMatchObject({ fields: { groupIds: expect.any(String) } });
		expect(await getUserByEmail(db.sql, 'ghost@example.com')).toBeNull();

		const [event] = (await adminEvents()).filter((e) => e.type === 'admin.user_changed');
		expect(event).toMatchObject({
			actor_id: who.admin.id,
			payload: { userId: nina.id, change: 'created', role: 'agent' }
		});
		expect(JSON.stringify(event.payload)).not.toContain('correct horse');
	});

	it('changes roles and memberships, but never the acting admin’s own role', async () => {
		const db = t.ctx.db;
		const nina = await user('nina@example.com');
		await changeUserRole(db, who.admin, nina.id, 'lead');
		expect((await user('nina@example.com')).role).toBe('lead');
		const { id: teamId } = await saveGroup(db, who.admin, {
			name: 'Nina’s team',
			level: 2,
			area: 'x',
			capacity: 5,
			leadId: nina.id
		});
		await changeUserRole(db, who.admin, nina.id, 'agent');
		expect((await admin.listGroups(db.sql)).find((g) => g.id === teamId)!.leadId).toBeNull();
		await expect(changeUserRole(db, who.admin, nina.id, 'boss')).rejects.toMatchObject({
			fields: { role: expect.any(String) }
		});
		await expect(changeUserRole(db, who.admin, who.admin.id, 'agent')).rejects.toMatchObject({
			status: 400,
			fields: { role: expect.any(String) }
		});
		await expect(setUserActive(db, who.admin, who.admin.id, false)).rejects.toBeInstanceOf(
			DomainError
		);
		const groups = await admin.listGroups(db.sql);
		const ids = groups.filter((g) => g.level === 3).map((g) => g.id);
		await setUserGroups(db, who.admin, nina.id, ids);
		expect((await user('nina@example.com')).groups.map((g) => g.id).sort()).toEqual(ids.sort());
		await setUserGroups(db, who.admin, nina.id, []);
		expect((await user('nina@example.com')).groups).toEqual([]);
	});

	it('deactivating a user ends their sessions and API tokens at once', async () => {
		const db = t.ctx.db;
		const cookie = generateSessionToken();
		await createSession(db.sql, cookie, who.l3.id);
		const { token } = await createToken(db, who.admin, { userId: who.l3.id, name: 'script' });
		expect(await validateSessionToken(db.sql, cookie)).not.toBeNull();
		expect(await validateApiToken(db.sql, token)).not.toBeNull();

		await setUserActive(db, who.admin, who.l3.id, false);
		const [{ n }] = await db.sql<{ n: number }[]>`
			select count(*)::int as n from sessions where user_id = ${who.l3.id}`;
		expect(n).toBe(0);
		expect(await validateSessionToken(db.sql, cookie)).toBeNull();
		expect(await validateApiToken(db.sql, token)).toBeNull();
		// A deactivated user can't be given new tokens either.
		await expect(
			createToken(db, who.admin, { userId: who.l3.id, name: 'another' })
		).rejects.toMatchObject({ fields: { userId: expect.any(String) } });

		await setUserActive(db, who.admin, who.l3.id, true);
		expect((await getUserByEmail(db.sql, 'l3@example.com'))!.active).toBe(true);
	});

	it('creates groups and changes their level, keeping routing groups at level 1', async () => {
		const db = t.ctx.db;
		const { id } = await saveGroup(db, who.admin, {
			name: 'Databases',
			level: '2',
			area: 'data',
			autoAssign: true,
			capacity: '4',
			leadId: String(who.lead.id),
			memberIds: [String(who.l2.id)]
		});
		let group = (await admin.listGroups(db.sql)).find((g) => g.id === id)!;
		expect(group).toMatchObject({
			level: 2,
			autoAssign: true,
			capacity: 4,
			leadId: who.lead.id,
			memberIds: [who.l2.id]
		});

		await saveGroup(db, who.admin, {
			id,
			name: 'Databases',
			level: 3,
			area: 'data',
			autoAssign: false,
			capacity: 4,
			leadId: '',
			memberIds: [who.l2.id, who.l3.id]
		});
		group = (await admin.listGroups(db.sql)).find((g) => g.id === id)!;
		expect(group.level).toBe(3);
		expect(group.leadId).toBeNull();
		expect(group.memberIds.sort()).toEqual([who.l2.id, who.l3.id].sort());
		const event = (await adminEvents()).findLast((e) => e.type === 'admin.group_changed')!;
		expect(event.payload).toMatchObject({ groupId: id, level: 3, previousLevel: 2 });

		await expect(
			saveGroup(db, who.admin, {
				id,
				name: 'network',
				level: 4,
				area: '',
				capacity: 0,
				leadId: who.l1.id
			})
		).rejects.toMatchObject({
			status: 400,
			fields: {
				level: expect.any(String),
				area: expect.any(String),
				capacity: expect.any(String)
			}
		});
		// An agent is not a team lead; a name is unique regardless of case.
		await expect(
			saveGroup(db, who.admin, {
				id,
				name: 'Databases',
				level: 3,
				area: 'd',
				capacity: 4,
				leadId: who.l1.id
			})
		).rejects.toMatchObject({ fields: { leadId: expect.any(String) } });
		await expect(
			saveGroup(db, who.admin, { id, name: 'network', level: 3, area: 'd', capacity: 4 })
		).rejects.toMatchObject({ fields: { name: expect.any(String) } });

		const serviceDesk = (await admin.listGroups(db.sql)).find((g) => g.name === 'Service Desk')!;
		await expect(
			saveGroup(db, who.admin, {
				id: serviceDesk.id,
				name: serviceDesk.name,
				level: 2,
				area: serviceDesk.area,
				capacity: serviceDesk.capacity,
				memberIds: serviceDesk.memberIds
			})
		).rejects.toMatchObject({ fields: { level: expect.stringContaining('network') } });
		expect((await admin.listGroups(db.sql)).find((g) => g.id === serviceDesk.id)!.level).toBe(1);
	});

	it('routes categories only to level-1 groups and keeps one active', async () => {
		const db = t.ctx.db;
		const groups = await admin.listGroups(db.sql);
		const l1 = groups.find((g) => g.level === 1)!;
		const l2 = groups.find((g) => g.level === 2)!;
		const { id } = await saveCategory(db, who.admin, {
			key: 'Phones',
			nameEn: 'Phones',
			nameDe: 'Telefone',
			groupId: l1.id,
			sortOrder: '20'
		});
		expect((await admin.listCategories(db.sql)).find((c) => c.id === id)).toMatchObject({
			key: 'phones',
			active: true,
			sortOrder: 20
		});
		await expect(
			saveCategory(db, who.admin, {
				id,
				key: 'network',
				nameEn: '',
				nameDe: 'Telefone',
				groupId: l2.id,
				sortOrder: 1
			})
		).rejects.toMatchObject({ fields: { nameEn: expect.any(String) } });
		await expect(
			saveCategory(db, who.admin, {
				id,
				key: 'network',
				nameEn: 'Phones',
				nameDe: 'Telefone',
				groupId: l1.id,
				sortOrder: 1
			})
		).rejects.toMatchObject({ fields: { key: expect.any(String) } });
		await expect(
			saveCategory(db, who.admin, {
				id,
				key: 'phones',
				nameEn: 'Phones',
				nameDe: 'Telefone',
				groupId: l2.id,
				sortOrder: 1
			})
		).rejects.toMatchObject({ fields: { groupId: expect.any(String) } });
	});

	it('rejects an invalid calendar with a message per field and saves nothing', async () => {
		const db = t.ctx.db;
		const office = await officeCalendar();
		const before = (await adminEvents()).length;
		const error = await saveCalendar(db, who.admin, {
			id: office.id,
			name: office.name,
			timeZone: 'Mars/Olympus_Mons',
			week: {
				mon: '08:00-25:00',
				tue: '12:00-10:00',
				wed: '08:00-12:00, 11:00-13:00',
				thu: 'lunch',
				fri: '08:00-18:00'
			},
			holidays: '2026-12-25\n2026-02-30'
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DomainError);
		const { status, fields } = error as DomainError;
		expect(status).toBe(400);
		expect(Object.keys(fields).sort()).toEqual(
			['holidays', 'timeZone', 'week.mon', 'week.thu', 'week.tue', 'week.wed'].sort()
		);
		expect(fields['week.mon']).toContain('25:00');
		expect(fields['week.wed']).toContain('overlap');
		expect(fields['week.thu']).toContain('lunch');
		expect(fields.holidays).toContain('2026-02-30');

		await expect(
			saveCalendar(db, who.admin, {
				id: office.id,
				name: 'x',
				timeZone: 'UTC',
				week: {},
				holidays: ''
			})
		).rejects.toMatchObject({ fields: { week: expect.any(String) } });

		expect(await sla.getCalendar(db.sql, office.id)).toEqual(office);
		expect((await adminEvents()).length).toBe(before);
	});

	it('saves a calendar and adds Germany’s public holidays of a year', async () => {
		const db = t.ctx.db;
		const office = await officeCalendar();
		const { added } = await saveCalendar(db, who.admin, {
			id: office.id,
			name: office.name,
			timeZone: 'Europe/Berlin',
			week: {
				mon: '8-12, 13-18',
				tue: '08:00-18:00',
				wed: '08:00-18:00',
				thu: '08:00-18:00',
				fri: '08:00-16:00'
			},
			holidays: '2026-12-24',
			addGermanHolidaysFor: '2030'
		});
		expect(added).toBe(germanPublicHolidays(2030).length);
		const saved = (await sla.getCalendar(db.sql, office.id))!.calendar;
		expect(saved.week.mon).toEqual([
			['08:00', '12:00'],
			['13:00', '18:00']
		]);
		expect(saved.week.sat).toBeUndefined();
		expect(saved.holidays).toEqual(['2026-12-24', ...germanPublicHolidays(2030)]);
		// Adding the same year again adds nothing new.
		const again = await saveCalendar(db, who.admin, {
			id: office.id,
			name: office.name,
			timeZone: 'Europe/Berlin',
			week: { mon: '08:00-18:00' },
			holidays: saved.holidays.join('\n'),
			addGermanHolidaysFor: 2030
		});
		expect(again.added).toBe(0);
	});

	it('updates SLA targets per priority from minutes, hours or working days', async () => {
		const db = t.ctx.db;
		const office = await officeCalendar();
		const [policy] = await sla.listPolicies(db.sql);
		const targets = policy.targets.map((x) => ({
			priority: x.priority,
			firstResponse: String(x.firstResponseMinutes),
			resolution: String(x.resolutionMinutes),
			calendarId: x.calendarId
		}));
		targets[2] = { priority: 3, firstResponse: '2h', resolution: '2d', calendarId: office.id };
		await updateSlaPolicy(db, who.admin, { policyId: policy.id, warnPercent: '75', targets });
		const p3 = (await sla.targetFor(db.sql, 3))!;
		// The office calendar now has 10-hour days (Monday 08-12 + 13-18 is 9 h; Tuesday 10 h).
		expect(p3).toMatchObject({
			firstResponseMinutes: 120,
			resolutionMinutes: 1200,
			warnRatio: 0.75
		});
		expect((await sla.targetFor(db.sql, 1))!.firstResponseMinutes).toBe(
			policy.targets[0].firstResponseMinutes
		);

		const bad = [...targets];
		bad[0] = { ...bad[0], firstResponse: 'soon' };
		bad[1] = { ...bad[1], firstResponse: '10h', resolution: '1h' };
		bad[3] = { ...bad[3], calendarId: 999999 };
		await expect(
			updateSlaPolicy(db, who.admin, { policyId: policy.id, warnPercent: 100, targets: bad })
		).rejects.toMatchObject({ fields: { warnPercent: expect.any(String) } });
		await expect(
			updateSlaPolicy(db, who.admin, { policyId: policy.id, warnPercent: 80, targets: bad })
		).rejects.toMatchObject({
			fields: {
				'firstResponse.1': expect.any(String),
				'resolution.2': expect.any(String),
				'calendar.4': expect.any(String)
			}
		});
		expect((await sla.targetFor(db.sql, 3))!).toMatchObject({
			resolutionMinutes: 1200,
			warnRatio: 0.75
		});
	});

	it('creates, updates and deletes escalation rules', async () => {
		const db = t.ctx.db;
		const groups = await admin.listGroups(db.sql);
		const network = groups.find((g) => g.name === 'Network')!;
		const { id } = await saveEscalationRule(db, who.admin, {
			name: 'P3 resolution breach in Network',
			trigger: 'breach',
			metric: 'resolution',
			priorities: ['3'],
			groupIds: [String(network.id)],
			escalate: true,
			notifyLead: false
		});
		let rule = (await listRules(db.sql)).find((r) => r.id === id)!;
		expect(rule).toMatchObject({
			trigger: 'breach',
			metric: 'resolution',
			priorities: [3],
			groupIds: [network.id],
			escalate: true,
			notifyLead: false,
			active: true
		});
		await saveEscalationRule(db, who.admin, {
			id,
			name: 'Any P3/P4 warning',
			trigger: 'warning',
			metric: '',
			priorities: [4, 3, 3],
			groupIds: [],
			escalate: false,
			notifyLead: true,
			active: false
		});
		rule = (await listRules(db.sql)).find((r) => r.id === id)!;
		expect(rule).toMatchObject({
			name: 'Any P3/P4 warning',
			trigger: 'warning',
			metric: null,
			priorities: [3, 4],
			groupIds: [],
			notifyLead: true,
			active: false
		});

		await expect(
			saveEscalationRule(db, who.admin, {
				name: '',
				trigger: 'sometimes',
				priorities: [],
				escalate: false,
				notifyLead: false
			})
		).rejects.toMatchObject({
			fields: {
				name: expect.any(String),
				trigger: expect.any(String),
				priorities: expect.any(String)
			}
		});
		await expect(
			saveEscalationRule(db, who.admin, { name: 'n', trigger: 'breach', priorities: [1] })
		).rejects.toMatchObject({ fields: { actions: expect.any(String) } });

		await deleteEscalationRule(db, who.admin, id);
		expect((await listRules(db.sql)).some((r) => r.id === id)).toBe(false);
		await expect(deleteEscalationRule(db, who.admin, id)).rejects.toMatchObject({ status: 404 });
	});

	it('stores the reopen window and auto-close days', async () => {
		const db = t.ctx.db;
		await updateSettings(db, who.admin, { reopenDays: '14', autoCloseDays: '3' });
		expect(await readSettings(db)).toEqual({ reopenDays: 14, autoCloseDays: 3 });
		await expect(
			updateSettings(db, who.admin, { reopenDays: -1, autoCloseDays: 'x' })
		).rejects.toMatchObject({
			fields: { reopenDays: expect.any(String), autoCloseDays: expect.any(String) }
		});
		expect(await readSettings(db)).toEqual({ reopenDays: 14, autoCloseDays: 3 });
	});

	it('issues API tokens for any active user and revokes them', async () => {
		const db = t.ctx.db;
		const { token, info } = await createToken(db, who.admin, {
			userId: String(who.l1.id),
			name: 'Monitoring'
		});
		expect(token.startsWith(info.prefix)).toBe(true);
		expect((await validateApiToken(db.sql, token))?.id).toBe(who.l1.id);
		const listed = (await admin.listTokens(db.sql)).find((x) => x.id === info.id)!;
		expect(listed).toMatchObject({ userId: who.l1.id, userName: who.l1.name, revokedAt: null });

		await revokeToken(db, who.admin, info.id);
		expect(await validateApiToken(db.sql, token)).toBeNull();
		const events = (await adminEvents()).filter((e) => e.type === 'admin.api_token_changed');
		expect(events.map((e) => e.payload.change)).toContain('revoked');
		expect(JSON.stringify(events)).not.toContain(token);
		await expect(
			createToken(db, who.admin, { userId: who.l1.id, name: ' ' })
		).rejects.toMatchObject({ fields: { name: expect.any(String) } });
	});
});
