// Everything admins change about how Leitstand works: people, groups, routing, calendars, SLA
// targets, escalation rules, settings and API tokens. Each change is validated, runs in one
// transaction and appends an `admin.*_changed` event (the audit trail).
import { z } from 'zod';
import type { Database, TxContext } from '../db/client';
import { appendEvent } from '../events/writer';
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/password';
import { identityChanged } from '../auth/identity';
import { hasRole, isAdmin } from '../auth/roles';
import { invalidateUserSessions } from '../auth/session';
import { createApiToken, revokeApiToken, type ApiTokenInfo } from '../auth/tokens';
import { validateCalendar, type BusinessCalendar, type Weekday } from '../sla/calendar';
import * as sla from '../sla/db';
import * as clocks from '../sla/service';
import { germanPublicHolidays } from '../sla/holidays';
import {
	DomainError,
	forbidden,
	invalid,
	notFound as missing,
	parseInput as parse
} from '../errors';
import { dbId, emailAddress, singleLine, type Label } from '../validation/fields';
import * as rules from '../escalation/db';
import * as users from '../users/db';
import * as admin from './db';
import {
	parseDuration,
	parseHolidayList,
	parseIntervals,
	WEEKDAYS,
	workingDayMinutes
} from './parse';
import { m } from '$lib/paraglide/messages';
import type { Priority } from '$lib/types/ticket';
import { ROLES, type Role, type SessionUser } from '$lib/types/user';

/**
 * The old admin refusal, kept only while the walls service still constructs it
 * (`new AdminError(status, message, fields)`): it is a `DomainError`; new code throws those.
 */
export class AdminError extends DomainError {
	constructor(status: 400 | 403 | 404 | 409, message: string, fields: Record<string, string> = {}) {
		super(status, CODES[status], message, fields);
	}
}
const CODES = { 400: 'invalid', 403: 'forbidden', 404: 'not_found', 409: 'conflict' } as const;

const notFound = () => missing(m.admin_error_not_found());

function assertAdmin(actor: SessionUser) {
	if (!isAdmin(actor)) throw forbidden(m.admin_error_forbidden());
}

/** Run `change` in one transaction and record it as `admin.<thing>_changed`. */
type AdminThing =
	| 'user'
	| 'group'
	| 'category'
	| 'calendar'
	| 'sla_policy'
	| 'escalation_rule'
	| 'settings'
	| 'api_token';

function audited<T>(
	db: Database,
	actor: SessionUser,
	thing: AdminThing,
	change: (tx: TxContext) => Promise<{ result: T; payload: Record<string, unknown> }>
): Promise<T> {
	return db.transaction(async (tx) => {
		const { result, payload } = await change(tx);
		// A role, an account or a token changed: live sockets re-check their rights at once.
		if (thing === 'user' || thing === 'api_token') await identityChanged(tx);
		await appendEvent(tx, {
			topic: 'admin',
			type: `admin.${thing}_changed`,
			audience: 'admins',
			actorId: actor.id,
			payload
		});
		return result;
	});
}

// ───────────────────────── shared field rules ─────────────────────────

const required = () => m.admin_error_required();
/** Every name an admin types is one line: no line breaks, control or bidi characters. */
const text = (max: number, label: Label) => singleLine(max, label);
/** Ids come from select boxes and hidden fields; one that cannot exist is "not an option". */
const id = dbId(undefined, { fromForm: true, error: () => m.admin_error_choose() });
const optionalId = z.preprocess(
	(v) => (v === '' || v === undefined || v === null ? null : v),
	id.nullable()
);
const ids = z.array(id).default([]);
const whole = (min: number, max: number) =>
	z.coerce
		.number({ error: () => m.admin_error_whole_number({ min, max }) })
		.int({ error: () => m.admin_error_whole_number({ min, max }) })
		.min(min, { error: () => m.admin_error_whole_number({ min, max }) })
		.max(max, { error: () => m.admin_error_whole_number({ min, max }) });
const level = z.coerce
	.number()
	.pipe(
		z.union([z.literal(1), z.literal(2), z.literal(3)], { error: () => m.admin_error_level() })
	);
const roleField = z.enum(ROLES, { error: () => m.admin_error_role() });

// ───────────────────────── users ─────────────────────────

const newUserSchema = z.object({
	name: text(120, () => m.admin_field_name()),
	email: emailAddress(() => m.admin_field_email()),
	role: roleField,
	password: z
		.string({ error: required })
		.min(PASSWORD_MIN_LENGTH, { error: () => m.admin_error_password({ min: PASSWORD_MIN_LENGTH }) })
		.max(PASSWORD_MAX_LENGTH, {
			error: () => m.admin_error_too_long({ max: PASSWORD_MAX_LENGTH })
		}),
	groupIds: ids
});
/** As typed into the form: the role is checked here, not by the caller. */
export interface NewUserInput {
	name: string;
	email: string;
	role: Role | string;
	password: string;
	groupIds?: Array<number | string>;
}

async function assertGroupsExist(tx: TxContext, groupIds: number[], field: string) {
	const found = await admin.groupLevels(tx.sql, groupIds);
	if (groupIds.some((g) => !found.has(g)))
		throw invalid({ [field]: m.admin_error_group_unknown() });
}

/** Create a user with a password and group memberships. */
export async function createUser(db: Database, actor: SessionUser, input: NewUserInput) {
	assertAdmin(actor);
	const data = parse(newUserSchema, input);
	const passwordHash = await hashPassword(data.password);
	return audited(db, actor, 'user', async (tx) => {
		if (await users.getUserByEmail(tx.sql, data.email)) {
			throw invalid({ email: m.admin_error_email_taken() });
		}
		await assertGroupsExist(tx, data.groupIds, 'groupIds');
		const user = await users.insertUser(tx.sql, {
			email: data.email,
			name: data.name,
			role: data.role,
			passwordHash
		});
		await admin.setUserGroups(tx.sql, user.id, data.groupIds);
		return {
			result: { id: user.id, email: user.email },
			payload: { userId: user.id, change: 'created', role: data.role, groupIds: data.groupIds }
		};
	});
}

async function existingUser(tx: TxContext, userId: number) {
	const user = await users.getUserById(tx.sql, userId);
	if (!user) throw notFound();
	return user;
}

/**
 * Change someone's role. Admins cannot change their own, so one admin always remains; someone
 * who stops being a team lead stops leading their groups.
 */
export async function changeUserRole(
	db: Database,
	actor: SessionUser,
	userId: number,
	role: Role | string
) {
	assertAdmin(actor);
	const data = parse(z.object({ userId: id, role: roleField }), { userId, role });
	if (data.userId === actor.id) throw invalid({ role: m.admin_error_self_role() });
	return audited(db, actor, 'user', async (tx) => {
		const user = await existingUser(tx, data.userId);
		await admin.setUserRole(tx.sql, user.id, data.role);
		// Only team leads are notified by escalation rules, so a former lead leads no group.
		const unledGroupIds = data.role === 'lead' ? [] : await admin.clearGroupLead(tx.sql, user.id);
		return {
			result: undefined,
			payload: { userId: user.id, change: 'role', from: user.role, to: data.role, unledGroupIds }
		};
	});
}

/** (De)activate a user; deactivation signs them out everywhere at once. */
export async function setUserActive(
	db: Database,
	actor: SessionUser,
	userId: number,
	active: boolean
) {
	assertAdmin(actor);
	const data = parse(z.object({ userId: id, active: z.boolean() }), { userId, active });
	if (data.userId === actor.id && !data.active) {
		throw invalid({ active: m.admin_error_self_deactivate() });
	}
	return audited(db, actor, 'user', async (tx) => {
		const user = await existingUser(tx, data.userId);
		await admin.setUserActive(tx.sql, user.id, data.active);
		if (!data.active) await invalidateUserSessions(tx.sql, user.id);
		return {
			result: undefined,
			payload: { userId: user.id, change: data.active ? 'activated' : 'deactivated' }
		};
	});
}

/** Replace the groups a user belongs to. */
export async function setUserGroups(
	db: Database,
	actor: SessionUser,
	userId: number,
	groupIds: Array<number | string>
) {
	assertAdmin(actor);
	const data = parse(z.object({ userId: id, groupIds: ids }), { userId, groupIds });
	return audited(db, actor, 'user', async (tx) => {
		const user = await existingUser(tx, data.userId);
		await assertGroupsExist(tx, data.groupIds, 'groupIds');
		await admin.setUserGroups(tx.sql, user.id, data.groupIds);
		return {
			result: undefined,
			payload: { userId: user.id, change: 'groups', groupIds: data.groupIds }
		};
	});
}

// ───────────────────────── groups ─────────────────────────

const groupSchema = z.object({
	id: optionalId,
	name: text(80, () => m.admin_field_name()),
	level,
	area: text(60, () => m.admin_field_area()),
	autoAssign: z.boolean().default(false),
	capacity: whole(1, 1000),
	leadId: optionalId,
	memberIds: ids
});
/** As submitted: numbers may arrive as form strings; an empty id or lead means none. */
export interface GroupFormInput {
	id?: number | string | null;
	name: string;
	level: number | string;
	area: string;
	autoAssign?: boolean;
	capacity: number | string;
	leadId?: number | string | null;
	memberIds?: Array<number | string>;
}

/**
 * Create or edit a group and its members. A group that categories route to must stay at
 * level 1, and its team lead must be an active user with the team-lead role (the one who is
 * notified by escalation rules).
 */
export async function saveGroup(db: Database, actor: SessionUser, input: GroupFormInput) {
	assertAdmin(actor);
	const data = parse(groupSchema, input);
	return audited(db, actor, 'group', async (tx) => {
		const before = data.id === null ? null : await admin.getGroupLevel(tx.sql, data.id);
		if (data.id !== null && before === null) throw notFound();
		if (await admin.groupNameTaken(tx.sql, data.name, data.id)) {
			throw invalid({ name: m.admin_error_name_taken() });
		}
		if (data.id !== null && before !== null && data.level !== before) {
			// A group's level is its place in every escalation path and the level of its open
			// tickets: moving it silently would put tickets and paths at the wrong level.
			const routed = await admin.categoriesRoutedTo(tx.sql, data.id);
			if (routed.length > 0) {
				throw invalid({ level: m.admin_error_group_routed({ categories: routed.join(', ') }) });
			}
			const pathing = await admin.categoriesPathingTo(tx.sql, data.id);
			if (pathing.length > 0) {
				const categories = pathing.map((c) => c.key).join(', ');
				throw invalid({ level: m.admin_error_group_in_path({ categories }) });
			}
			const open = await admin.openTicketsOfGroup(tx.sql, data.id);
			if (open > 0) throw invalid({ level: m.admin_error_group_open_tickets({ count: open }) });
		}
		const people = await admin.usersByIds(tx.sql, [
			...data.memberIds,
			...(data.leadId ? [data.leadId] : [])
		]);
		const byId = new Map(people.map((p) => [p.id, p]));
		if (data.leadId !== null) {
			const lead = byId.get(data.leadId);
			if (!lead || !lead.active || !hasRole(lead, ['lead'])) {
				throw invalid({ leadId: m.admin_error_lead() });
			}
		}
		if (data.memberIds.some((u) => !byId.has(u))) {
			throw invalid({ memberIds: m.admin_error_user_unknown() });
		}
		const group = {
			name: data.name,
			level: data.level,
			area: data.area,
			autoAssign: data.autoAssign,
			capacity: data.capacity,
			leadId: data.leadId
		};
		let groupId = data.id;
		if (groupId === null) groupId = await admin.insertGroup(tx.sql, group);
		else await admin.updateGroup(tx.sql, groupId, group);
		await admin.setGroupMembers(tx.sql, groupId, data.memberIds);
		return {
			result: { id: groupId },
			payload: {
				groupId,
				change: data.id === null ? 'created' : 'updated',
				...group,
				previousLevel: before,
				memberIds: data.memberIds
			}
		};
	});
}

// ───────────────────────── routing ─────────────────────────

const categorySchema = z.object({
	id: optionalId,
	key: z
		.string({ error: required })
		.trim()
		.toLowerCase()
		.regex(/^[a-z][a-z0-9_-]{1,39}$/, { error: () => m.admin_error_category_key() }),
	nameEn: text(80, () => m.admin_field_name_en()),
	nameDe: text(80, () => m.admin_field_name_de()),
	groupId: id,
	level2GroupId: optionalId,
	level3GroupId: optionalId,
	active: z.boolean().default(true),
	sortOrder: whole(0, 10000)
});
export interface CategoryFormInput {
	id?: number | string | null;
	key: string;
	nameEn: string;
	nameDe: string;
	groupId: number | string;
	/** The escalation path: the group that works the category at level 2 and 3 (empty: none). */
	level2GroupId?: number | string | null;
	level3GroupId?: number | string | null;
	active?: boolean;
	sortOrder: number | string;
}

/** Create or edit a category; it routes to a level-1 group, and one category stays active. */
export async function saveCategory(db: Database, actor: SessionUser, input: CategoryFormInput) {
	assertAdmin(actor);
	const { id: categoryId, ...data } = parse(categorySchema, input);
	return audited(db, actor, 'category', async (tx) => {
		if (await admin.categoryKeyTaken(tx.sql, data.key, categoryId)) {
			throw invalid({ key: m.admin_error_key_taken() });
		}
		const groupLevel = await admin.getGroupLevel(tx.sql, data.groupId);
		if (groupLevel === null) throw invalid({ groupId: m.admin_error_group_unknown() });
		if (groupLevel !== 1) throw invalid({ groupId: m.admin_error_category_level() });
		for (const [field, level] of [
			['level2GroupId', 2],
			['level3GroupId', 3]
		] as const) {
			const groupId = data[field];
			if (groupId === null) continue;
			const actual = await admin.getGroupLevel(tx.sql, groupId);
			if (actual === null) throw invalid({ [field]: m.admin_error_group_unknown() });
			if (actual !== level) throw invalid({ [field]: m.admin_error_path_level({ level }) });
		}
		if (categoryId !== null && !data.active) {
			if ((await admin.countOtherActiveCategories(tx.sql, categoryId)) === 0) {
				throw invalid({ active: m.admin_error_last_category() });
			}
		}
		let savedId = categoryId;
		if (savedId === null) savedId = await admin.insertCategory(tx.sql, data);
		else if (!(await admin.updateCategory(tx.sql, savedId, data))) throw notFound();
		return {
			result: { id: savedId },
			payload: { categoryId: savedId, change: categoryId === null ? 'created' : 'updated', ...data }
		};
	});
}

// ───────────────────────── business calendars ─────────────────────────

export interface CalendarFormInput {
	id?: number | string | null;
	name: string;
	timeZone: string;
	/** Per weekday the working intervals as typed: "08:00-12:00, 13:00-18:00"; empty = closed. */
	week: Partial<Record<Weekday, string>>;
	/** "YYYY-MM-DD" dates separated by new lines or commas. */
	holidays: string;
	/** Also add Germany's nationwide public holidays of this year. */
	addGermanHolidaysFor?: number | string | null;
}

const WEEKDAY_PREFIX = /^(mon|tue|wed|thu|fri|sat|sun): /;

/**
 * `validateCalendar`'s sentences, filed under the form field they concern and translated where
 * their shape is known (anything else is shown as the engine wrote it).
 */
function calendarProblemFields(problems: string[]): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const problem of problems) {
		const day = WEEKDAY_PREFIX.exec(problem)?.[1];
		let field = 'form';
		let message = problem;
		let match: RegExpExecArray | null;
		if (problem.startsWith('Unknown time zone')) {
			field = 'timeZone';
			message = m.admin_calendar_error_zone();
		} else if (day) {
			field = `week.${day}`;
			if ((match = /"([^"]*)" is not a valid time/.exec(problem))) {
				message = m.admin_calendar_error_time({ time: match[1] });
			} else if ((match = /interval (\S+) must end after it starts/.exec(problem))) {
				message = m.admin_calendar_error_order({ interval: match[1] });
			} else if ((match = /intervals (\S+) and (\S+) overlap/.exec(problem))) {
				message = m.admin_calendar_error_overlap({ first: match[1], second: match[2] });
			}
		} else if (problem.startsWith('The week has no working time')) {
			field = 'week';
			message = m.admin_calendar_error_empty_week();
		} else if ((match = /^Holiday "([^"]*)" is not a valid/.exec(problem))) {
			field = 'holidays';
			message = m.admin_calendar_error_holiday({ date: match[1] });
		}
		fields[field] ??= message;
	}
	return fields;
}

const calendarSchema = z.object({
	id: optionalId,
	name: text(80, () => m.admin_field_name()),
	timeZone: z.string({ error: required }).trim().min(1, { error: required }).max(64),
	week: z.record(
		z.string(),
		z.string().max(500, { error: () => m.admin_error_too_long({ max: 500 }) })
	),
	holidays: z.string().max(20_000, { error: () => m.admin_error_too_long({ max: 20_000 }) }),
	addGermanHolidaysFor: z.preprocess(
		(v) => (v === '' || v === undefined ? null : v),
		whole(1900, 2200).nullable()
	)
});

/**
 * Create or edit a business calendar from what the admin typed. Every problem comes back per
 * field (time zone, each weekday, holidays) and nothing is saved until all are fixed.
 */
export async function saveCalendar(
	db: Database,
	actor: SessionUser,
	input: CalendarFormInput
): Promise<{ id: number; added: number }> {
	assertAdmin(actor);
	const data = parse(calendarSchema, { ...input, week: input.week ?? {} });
	const fields: Record<string, string> = {};
	const week: BusinessCalendar['week'] = {};
	for (const day of WEEKDAYS) {
		const parsed = parseIntervals(data.week[day] ?? '');
		if (!parsed.ok) fields[`week.${day}`] = m.admin_calendar_error_interval({ text: parsed.bad });
		else if (parsed.intervals.length > 0) week[day] = parsed.intervals;
	}
	let holidays = parseHolidayList(data.holidays);
	let added = 0;
	if (data.addGermanHolidaysFor !== null) {
		const before = holidays.length;
		holidays = parseHolidayList(
			[...holidays, ...germanPublicHolidays(data.addGermanHolidaysFor)].join('\n')
		);
		added = holidays.length - before;
	}
	const calendar: BusinessCalendar = { timeZone: data.timeZone, week, holidays };
	// Days that failed to parse are missing from `week`; don't also call the week empty.
	const problems = calendarProblemFields(validateCalendar(calendar));
	if (Object.keys(fields).length > 0) delete problems.week;
	Object.assign(fields, { ...problems, ...fields });
	if (Object.keys(fields).length > 0) throw invalid(fields);

	return audited(db, actor, 'calendar', async (tx) => {
		if (await admin.calendarNameTaken(tx.sql, data.name, data.id)) {
			throw invalid({ name: m.admin_error_name_taken() });
		}
		let calendarId = data.id;
		let movedClocks = 0;
		if (calendarId === null) {
			calendarId = (await sla.insertCalendar(tx.sql, data.name, calendar)).id;
		} else if (!(await sla.updateCalendar(tx.sql, calendarId, data.name, calendar))) {
			throw notFound();
		} else {
			// Running clocks that count in this calendar get their new due times now, not later.
			movedClocks = await clocks.rescheduleCalendar(tx, calendarId);
		}
		return {
			result: { id: calendarId, added },
			payload: {
				calendarId,
				change: data.id === null ? 'created' : 'updated',
				name: data.name,
				timeZone: calendar.timeZone,
				week: calendar.week,
				holidays: calendar.holidays.length,
				addedHolidays: added,
				movedClocks
			}
		};
	});
}

// ───────────────────────── SLA policy ─────────────────────────

export interface TargetFormInput {
	priority: Priority;
	/** Business minutes, or with units: "30m", "4h", "2d" (d = one working day of the calendar). */
	firstResponse: string;
	resolution: string;
	calendarId: number | string;
}

export interface PolicyFormInput {
	policyId: number | string;
	/** Share of the target at which the warning fires, in percent (1–99). */
	warnPercent: number | string;
	targets: TargetFormInput[];
}

/** Change a policy's warning share and its targets per priority, each measured in a calendar. */
export async function updateSlaPolicy(db: Database, actor: SessionUser, input: PolicyFormInput) {
	assertAdmin(actor);
	const head = parse(z.object({ policyId: id, warnPercent: whole(1, 99) }), input);
	return audited(db, actor, 'sla_policy', async (tx) => {
		const policy = (await sla.listPolicies(tx.sql)).find((p) => p.id === head.policyId);
		if (!policy) throw notFound();
		const calendars = new Map((await sla.listCalendars(tx.sql)).map((c) => [c.id, c.calendar]));
		const fields: Record<string, string> = {};
		const targets: sla.PolicyTarget[] = [];
		for (const priority of [1, 2, 3, 4] as const) {
			const t = input.targets.find((x) => Number(x.priority) === priority);
			if (!t) {
				fields[`firstResponse.${priority}`] = required();
				continue;
			}
			const calendarId = Number(t.calendarId);
			const calendar = calendars.get(calendarId);
			if (!calendar) {
				fields[`calendar.${priority}`] = m.admin_error_choose();
				continue;
			}
			const day = workingDayMinutes(calendar);
			const firstResponse = parseDuration(String(t.firstResponse ?? ''), day);
			const resolution = parseDuration(String(t.resolution ?? ''), day);
			if (firstResponse === null) fields[`firstResponse.${priority}`] = m.admin_error_duration();
			if (resolution === null) fields[`resolution.${priority}`] = m.admin_error_duration();
			if (firstResponse !== null && resolution !== null) {
				if (resolution < firstResponse) {
					fields[`resolution.${priority}`] = m.admin_error_resolution_shorter();
				}
				targets.push({
					priority,
					firstResponseMinutes: firstResponse,
					resolutionMinutes: resolution,
					calendarId
				});
			}
		}
		if (Object.keys(fields).length > 0) throw invalid(fields);
		const warnRatio = head.warnPercent / 100;
		await sla.updatePolicy(tx.sql, policy.id, { name: policy.name, warnRatio });
		for (const target of targets) await sla.upsertTarget(tx.sql, policy.id, target);
		// Tickets under this policy keep their accrued minutes and move to the new targets now.
		const movedClocks = await clocks.retargetPolicy(tx, policy.id, new Date());
		return {
			result: undefined,
			payload: { policyId: policy.id, warnRatio, targets, movedClocks }
		};
	});
}

// ───────────────────────── escalation rules ─────────────────────────

const ruleSchema = z
	.object({
		id: optionalId,
		name: text(120, () => m.admin_field_name()),
		trigger: z.enum(['warning', 'breach'], { error: () => m.admin_error_choose() }),
		metric: z.preprocess(
			(v) => (v === '' || v === 'any' || v === undefined ? null : v),
			z.enum(['first_response', 'resolution'], { error: () => m.admin_error_choose() }).nullable()
		),
		priorities: z
			.array(
				z.coerce.number().pipe(
					z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
						error: () => m.admin_error_choose()
					})
				)
			)
			.min(1, { error: () => m.admin_error_priorities() }),
		groupIds: ids,
		escalate: z.boolean().default(false),
		notifyLead: z.boolean().default(false),
		active: z.boolean().default(true)
	})
	.refine((r) => r.escalate || r.notifyLead, {
		path: ['actions'],
		error: () => m.admin_error_rule_action()
	});
export interface RuleFormInput {
	id?: number | string | null;
	name: string;
	trigger: 'warning' | 'breach' | string;
	/** A metric, or empty / "any" for either clock. */
	metric?: 'first_response' | 'resolution' | string | null;
	priorities: Array<number | string>;
	groupIds?: Array<number | string>;
	escalate?: boolean;
	notifyLead?: boolean;
	active?: boolean;
}

/** Create or edit an escalation rule (no groups = every group). */
export async function saveEscalationRule(db: Database, actor: SessionUser, input: RuleFormInput) {
	assertAdmin(actor);
	const { id: ruleId, ...data } = parse(ruleSchema, input);
	const rule: rules.RuleInput = {
		...data,
		priorities: [...new Set(data.priorities)].sort() as Priority[],
		groupIds: [...new Set(data.groupIds)].sort((a, b) => a - b)
	};
	return audited(db, actor, 'escalation_rule', async (tx) => {
		await assertGroupsExist(tx, rule.groupIds, 'groupIds');
		let savedId = ruleId;
		if (savedId === null) {
			savedId = await rules.insertRule(tx.sql, rule);
		} else {
			if (!(await rules.listRules(tx.sql)).some((r) => r.id === ruleId)) throw notFound();
			await rules.updateRule(tx.sql, savedId, rule);
		}
		return {
			result: { id: savedId },
			payload: { ruleId: savedId, change: ruleId === null ? 'created' : 'updated', ...rule }
		};
	});
}

export async function deleteEscalationRule(db: Database, actor: SessionUser, ruleId: number) {
	assertAdmin(actor);
	const data = parse(z.object({ ruleId: id }), { ruleId });
	return audited(db, actor, 'escalation_rule', async (tx) => {
		const rule = (await rules.listRules(tx.sql)).find((r) => r.id === data.ruleId);
		if (!rule) throw notFound();
		await rules.deleteRule(tx.sql, rule.id);
		return { result: undefined, payload: { ruleId: rule.id, change: 'deleted', name: rule.name } };
	});
}

// ───────────────────────── settings ─────────────────────────

export interface HelpdeskSettings {
	/** Days after resolution in which a requester may reopen (0 = never). */
	reopenDays: number;
	/** Days after which a resolved ticket closes itself. */
	autoCloseDays: number;
}

const settingsSchema = z.object({ reopenDays: whole(0, 365), autoCloseDays: whole(1, 365) });

export async function readSettings(db: Database): Promise<HelpdeskSettings> {
	const values = await admin.getSettings(db.sql);
	return {
		reopenDays: Number(values.reopen_days ?? 7),
		autoCloseDays: Number(values.auto_close_days ?? 7)
	};
}

export async function updateSettings(
	db: Database,
	actor: SessionUser,
	input: { reopenDays: number | string; autoCloseDays: number | string }
) {
	assertAdmin(actor);
	const data = parse(settingsSchema, input);
	return audited(db, actor, 'settings', async (tx) => {
		await admin.putSetting(tx.sql, 'reopen_days', data.reopenDays);
		await admin.putSetting(tx.sql, 'auto_close_days', data.autoCloseDays);
		return { result: undefined, payload: { ...data } };
	});
}

// ───────────────────────── API tokens ─────────────────────────

const tokenSchema = z.object({ userId: id, name: text(80, () => m.admin_token_name()) });

/** Issue an API token for an active user. The plain token is returned once and never stored. */
export async function createToken(
	db: Database,
	actor: SessionUser,
	input: { userId: number | string; name: string }
): Promise<{ token: string; info: ApiTokenInfo }> {
	assertAdmin(actor);
	const data = parse(tokenSchema, input);
	return audited(db, actor, 'api_token', async (tx) => {
		const [owner] = await admin.usersByIds(tx.sql, [data.userId]);
		if (!owner || !owner.active) throw invalid({ userId: m.admin_error_user_unknown() });
		const created = await createApiToken(tx.sql, owner.id, data.name);
		return {
			result: created,
			payload: {
				tokenId: created.info.id,
				change: 'created',
				userId: owner.id,
				name: data.name,
				prefix: created.info.prefix
			}
		};
	});
}

export async function revokeToken(db: Database, actor: SessionUser, tokenId: number) {
	assertAdmin(actor);
	const data = parse(z.object({ tokenId: id }), { tokenId });
	return audited(db, actor, 'api_token', async (tx) => {
		const token = await admin.getTokenOwner(tx.sql, data.tokenId);
		if (!token) throw notFound();
		if (!token.revoked) await revokeApiToken(tx.sql, token.userId, data.tokenId);
		return {
			result: undefined,
			payload: { tokenId: data.tokenId, change: 'revoked', userId: token.userId }
		};
	});
}
