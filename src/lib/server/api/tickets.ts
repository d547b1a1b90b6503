// Ticket API plumbing shared by the /api/tickets endpoints: path numbers, list queries, cursors,
// and the "409 carries the current ticket" rule. No business rules: those live in the service.
import { json, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { Queryable } from '../db/client';
import { MAX_PAGE, getCategoryByKey, type TicketFilter } from '../tickets/db';
import { ticketDetail } from '../tickets/queries';
import { isStaff } from '../tickets/rules';
import type { LevelMove } from '../tickets/rules';
import { levelMoveSchema, moveTicket, TicketError } from '../tickets/service';
import { app } from '../app';
import { requireRole } from '../auth/guard';
import { MAX_DB_ID } from '../validation/fields';
import { apiError, apiRoute, errorBody, readJson, rejectUnknownFields } from './respond';
import { TICKET_STATUSES, type Level, type Priority, type TicketDetail } from '$lib/types/ticket';
import { LOCALES, STAFF_ROLES, type Locale, type SessionUser } from '$lib/types/user';

export const DEFAULT_PAGE = 50;

/** The `{number}` path segment; anything but a plain positive integer is simply not a ticket. */
export function ticketNumber(raw: string | undefined): number {
	if (raw && /^[1-9]\d{0,8}$/.test(raw)) return Number(raw);
	apiError(404, 'not_found', 'No such ticket.');
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
	if (!detail) apiError(404, 'not_found', 'No such ticket.');
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
		if (!(e instanceof TicketError) || e.status !== 409) throw e;
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
		const body = await readJson(event.request);
		rejectUnknownFields(body, Object.keys(levelMoveSchema.shape));
		const { db } = await app();
		const locale = localeOf(event);
		return withCurrentOnConflict(db.sql, number, user, locale, async () => {
			await moveTicket(db, user, number, move, body as never);
			return json(await detailOr404(db.sql, number, user, locale));
		});
	});
}

// ───────────────────────── list query ─────────────────────────

const LIST_PARAMS = [
	'status',
	'priority',
	'level',
	'groupId',
	'assignee',
	'category',
	'sla',
	'q',
	'limit',
	'cursor'
] as const;

const list = <T extends z.ZodType<unknown, string>>(item: T, message: string) =>
	z
		.string()
		.transform((s) => s.split(',').map((v) => v.trim()))
		.pipe(z.array(item, { error: message }).min(1, message));
const int = (min: number, max: number, message: string) =>
	z
		.string()
		.regex(/^\d{1,9}$/, message)
		.transform(Number)
		.pipe(z.number().int().min(min, message).max(max, message));

const listQuerySchema = z
	.object({
		status: list(z.enum(TICKET_STATUSES), `Use one or more of: ${TICKET_STATUSES.join(', ')}.`),
		priority: list(int(1, 4, 'Priorities are 1–4.'), 'Priorities are 1–4.'),
		level: int(1, 3, 'Levels are 1, 2 or 3.'),
		groupId: list(
			int(1, 999_999_999, 'Group ids are positive integers.'),
			'Group ids are positive integers.'
		),
		assignee: z.union(
			[z.literal('me'), z.literal('none'), int(1, 999_999_999, 'Use me, none or a user id.')],
			{
				error: 'Use me, none or a user id.'
			}
		),
		category: z
			.string()
			.trim()
			.min(1, 'Use a category id or key.')
			.max(100, 'Use a category id or key.'),
		sla: z.enum(['at_risk', 'breached'], { error: 'Use at_risk or breached.' }),
		q: z.string().trim().max(200, 'Search at most 200 characters.'),
		limit: int(1, MAX_PAGE, `Limit must be between 1 and ${MAX_PAGE}.`),
		cursor: z.string().max(200, 'Invalid cursor.')
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
	apiError(400, 'invalid', 'Some parameters need attention.', {
		cursor: 'Invalid cursor: use nextCursor from the previous page.'
	});
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
	const fields: Record<string, string> = {};
	for (const key of new Set(url.searchParams.keys())) {
		if (!(LIST_PARAMS as readonly string[]).includes(key)) fields[key] = 'Unknown parameter.';
		else raw[key] = url.searchParams.getAll(key).join(',');
	}
	const parsed = listQuerySchema.safeParse(raw);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message;
	}
	if (Object.keys(fields).length || !parsed.success) {
		apiError(400, 'invalid', 'Some parameters need attention.', fields);
	}
	const q = parsed.data;
	const filter: TicketFilter = { sort: 'newest' };
	if (q.status) filter.statuses = q.status;
	if (q.priority) filter.priorities = q.priority as Priority[];
	if (q.level) filter.level = q.level as Level;
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
	if (q.q) filter.search = q.q;
	if (q.cursor) filter.before = decodeCursor(q.cursor);
	if (!isStaff(user)) filter.requesterId = user.id;
	return { filter, limit: q.limit ?? DEFAULT_PAGE };
}
