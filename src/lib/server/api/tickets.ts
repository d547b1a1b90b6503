// Ticket API plumbing shared by the /api/tickets endpoints: path numbers, list queries, cursors,
// and the "409 carries the current ticket" rule. No business rules: those live in the service.
import { json, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { Queryable } from '../db/client';
import { MAX_PAGE, getCategoryByKey, type TicketFilter } from '../tickets/db';
import { ticketDetail } from '../tickets/queries';
import type { LevelMove } from '../tickets/rules';
import {
	commentSchema,
	createTicketSchema,
	levelMoveSchema,
	moveTicket,
	updateTicketSchema
} from '../tickets/service';
import { app } from '../app';
import { isStaff, requireRole } from '../auth/guard';
import { DomainError, invalid, notFound, parseInput } from '../errors';
import { MAX_DB_ID } from '../validation/fields';
import { apiRoute, errorBody, readBody } from './respond';
import { m } from '$lib/paraglide/messages';
import {
	TICKET_STATUSES,
	type Level,
	type Priority,
	type TicketDetail,
	type TicketStatus
} from '$lib/types/ticket';
import { LOCALES, STAFF_ROLES, type Locale, type SessionUser } from '$lib/types/user';

export const DEFAULT_PAGE = 50;

/**
 * What each write endpoint accepts: the service's own schema, strict (unknown fields are refused).
 * The endpoints validate with these and the OpenAPI document is generated from them.
 */
export const requestBodies = {
	NewTicket: createTicketSchema.strict(),
	TicketChanges: updateTicketSchema.strict(),
	NewComment: commentSchema.strict(),
	LevelMove: levelMoveSchema.strict()
};

/** The `{number}` path segment; anything but a plain positive integer is simply not a ticket. */
export function ticketNumber(raw: string | undefined): number {
	if (raw && /^[1-9]\d{0,8}$/.test(raw)) return Number(raw);
	throw notFound(m.ticket_error_not_found());
}

/** Category names in the user's language, else the client's Accept-Language, else English. */
export function localeOf(event: Pick<RequestEvent, 'locals' | 'request'>): Locale {
	const saved = event.locals.user?.locale;
	if (saved) return saved;
	const wanted = event.request.headers.get('accept-language')?.slice(0, 2).toLowerCase();
	return (LOCALES as readonly string[]).includes(wanted ?? '') ? (wanted as Locale) : 'en';
}

/** The ticket as `viewer` may see it; a ticket they may not see does not exist (404, never 403). */
export async function detailOr404(
	sql: Queryable,
	number: number,
	viewer: SessionUser,
	locale: Locale
): Promise<TicketDetail> {
	const detail = await ticketDetail(sql, number, viewer, locale);
	if (!detail) throw notFound(m.ticket_error_not_found());
	return detail;
}

/**
 * Run a versioned write; a stale version answers 409 with the ticket as it is now, so the client
 * can show what changed instead of overwriting it.
 */
export async function withCurrentOnConflict(
	sql: Queryable,
	number: number,
	viewer: SessionUser,
	locale: Locale,
	write: () => Promise<Response>
): Promise<Response> {
	try {
		return await write();
	} catch (e) {
		if (!(e instanceof DomainError) || e.status !== 409) throw e;
		const current = await ticketDetail(sql, number, viewer, locale);
		return json(
			{ ...errorBody(e.code, e.message), current },
			{ status: 409, headers: { 'cache-control': 'no-store' } }
		);
	}
}

/** `POST /api/tickets/{number}/escalate` and `/hand-back`: one shape, the direction differs. */
export function levelMoveRoute(move: LevelMove) {
	return apiRoute(async (event: RequestEvent<{ number: string }>) => {
		const user = requireRole(event, ...STAFF_ROLES);
		const number = ticketNumber(event.params.number);
		const body = await readBody(event.request, requestBodies.LevelMove);
		const { db } = await app();
		const locale = localeOf(event);
		return withCurrentOnConflict(db.sql, number, user, locale, async () => {
			await moveTicket(db, user, number, move, body);
			return json(await detailOr404(db.sql, number, user, locale));
		});
	});
}

// ───────────────────────── list query ─────────────────────────

// Query parameters are strings; a list is comma-separated or the parameter repeated. Each
// parameter is checked as a whole, so its message names what it accepts. (English only: these
// messages reach API clients alone.)
const ID = '[1-9]\\d{0,8}';
const csv = (item: string) => new RegExp(`^\\s*(?:${item})\\s*(?:,\\s*(?:${item})\\s*)*$`);
const items = (s: string) => s.split(',').map((v) => v.trim());
const int = (min: number, max: number, message: string, description: string) =>
	z
		.string()
		.regex(/^\d{1,9}$/, message)
		.meta({ description })
		.transform(Number)
		.pipe(z.number().int().min(min, message).max(max, message));

/** `GET /api/tickets` query parameters; the OpenAPI document is generated from them. */
export const listQuerySchema = z
	.strictObject({
		status: z
			.string()
			.regex(csv(TICKET_STATUSES.join('|')), `Use one or more of: ${TICKET_STATUSES.join(', ')}.`)
			.meta({ description: 'One or more statuses.', examples: ['new,open'] })
			.transform((s) => items(s) as TicketStatus[]),
		priority: z
			.string()
			.regex(csv('[1-4]'), 'Priorities are 1–4.')
			.meta({ description: 'One or more priorities 1–4.', examples: ['1,2'] })
			.transform((s) => items(s).map(Number) as Priority[]),
		level: z
			.enum(['1', '2', '3'], { error: 'Levels are 1, 2 or 3.' })
			.meta({ description: 'Support level.', examples: ['2'] })
			.transform((s) => Number(s) as Level),
		groupId: z
			.string()
			.regex(csv(ID), 'Group ids are positive integers.')
			.meta({ description: 'One or more group ids.', examples: ['2'] })
			.transform((s) => items(s).map(Number)),
		assignee: z
			.string()
			.regex(new RegExp(`^(?:me|none|${ID})$`), 'Use me, none or a user id.')
			.meta({ description: '`me`, `none` (unassigned) or a user id.', examples: ['me'] })
			.transform((s) => (s === 'me' || s === 'none' ? s : Number(s))),
		category: z
			.string()
			.trim()
			.min(1, 'Use a category id or key.')
			.max(100, 'Use a category id or key.')
			.meta({ description: 'Category id or key.', examples: ['network'] }),
		sla: z
			.enum(['at_risk', 'breached'], { error: 'Use at_risk or breached.' })
			.meta({ description: 'Only tickets whose SLA is at risk (warned) or breached.' }),
		q: z
			.string()
			.trim()
			.max(200, 'Search at most 200 characters.')
			.meta({
				description:
					'A ticket number (`1042` or `#1042`) or words: stemmed German and English search ' +
					'of title, description and conversation (internal notes for staff only), ' +
					'tolerant of typos in titles.',
				examples: ['vpn']
			}),
		limit: int(
			1,
			MAX_PAGE,
			`Limit must be between 1 and ${MAX_PAGE}.`,
			`Page size, 1–${MAX_PAGE} (default ${DEFAULT_PAGE}).`
		),
		cursor: z
			.string()
			.max(200, 'Invalid cursor.')
			.meta({ description: 'Opaque cursor: `nextCursor` of the previous page.' })
	})
	.partial();

export interface TicketListQuery {
	filter: TicketFilter;
	limit: number;
}

/** Cursors are opaque to clients; today they carry the last ticket number of the page. */
export function encodeCursor(lastNumber: number): string {
	return Buffer.from(JSON.stringify({ before: lastNumber })).toString('base64url');
}

function decodeCursor(cursor: string): number {
	try {
		const { before } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
		if (Number.isInteger(before) && before > 0 && before <= MAX_DB_ID) return before;
	} catch {
		// fall through to the error below
	}
	throw invalid({ cursor: 'Invalid cursor: use nextCursor from the previous page.' });
}

/**
 * Turn `GET /api/tickets` query parameters into a filter. Requesters are pinned to their own
 * tickets here, whatever else they ask for.
 */
export async function parseListQuery(
	sql: Queryable,
	url: URL,
	user: SessionUser
): Promise<TicketListQuery> {
	const raw: Record<string, string> = {};
	for (const key of new Set(url.searchParams.keys())) {
		raw[key] = url.searchParams.getAll(key).join(',');
	}
	const q = parseInput(listQuerySchema, raw);
	const filter: TicketFilter = { sort: 'newest' };
	if (q.status) filter.statuses = q.status;
	if (q.priority) filter.priorities = q.priority;
	if (q.level) filter.level = q.level;
	if (q.groupId) filter.groupIds = q.groupId;
	if (q.assignee === 'none') filter.unassigned = true;
	else if (q.assignee === 'me') filter.assigneeId = user.id;
	else if (q.assignee !== undefined) filter.assigneeId = q.assignee;
	if (q.category) {
		const id = /^\d{1,9}$/.test(q.category)
			? Number(q.category)
			: await getCategoryByKey(sql, q.category);
		// An unknown category matches nothing rather than everything.
		filter.categoryId = id ?? 0;
	}
	if (q.sla) filter.sla = q.sla;
	if (q.q) {
		filter.search = q.q;
		filter.searchInternal = isStaff(user);
	}
	if (q.cursor) filter.before = decodeCursor(q.cursor);
	if (!isStaff(user)) filter.requesterId = user.id;
	return { filter, limit: q.limit ?? DEFAULT_PAGE };
}
