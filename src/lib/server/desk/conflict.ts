// Stale writes on the desk: read what the agent saw from the form, compare with the ticket now.
import { z } from 'zod';
import type { Queryable } from '$lib/server/db/client';
import { formValues } from '$lib/server/forms';
import * as tickets from '$lib/server/tickets/db';
import { ticketDetail } from '$lib/server/tickets/queries';
import {
	seenOf,
	type Conflict,
	type DeskAction,
	type SeenTicket,
	type ConflictChange
} from '$lib/types/desk';
import type { Locale, SessionUser } from '$lib/types/user';

const seenSchema = z.object({
	version: z.number().int(),
	status: z.string(),
	priority: z.number().int(),
	categoryId: z.number().int(),
	assigneeId: z.number().int().nullable(),
	groupId: z.number().int(),
	level: z.number().int(),
	title: z.string(),
	lastCommentId: z.number().int()
});

/** The `seen` hidden field of a desk form, or null when it is missing or malformed. */
export function parseSeen(raw: FormDataEntryValue | null): SeenTicket | null {
	if (typeof raw !== 'string') return null;
	try {
		const parsed = seenSchema.safeParse(JSON.parse(raw));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

/** The snapshot a page embeds in its forms. */
export { seenOf };

/** Has anything the agent should know about happened since `seen` (new version or comment)? */
export function isStale(seen: SeenTicket | null, version: number | undefined, now: SeenTicket) {
	if (version !== undefined && version !== now.version) return true;
	return seen !== null && seen.lastCommentId < now.lastCommentId;
}

/** What the agent submitted, without the concurrency fields: to give back or resubmit. */
export const typedValues = (form: FormData) => formValues(form, ['version', 'seen']);

/** Compare the ticket the agent saw with the current one, with names for display. */
export async function buildConflict(
	sql: Queryable,
	number: number,
	viewer: SessionUser,
	locale: Locale,
	action: DeskAction,
	form: FormData
): Promise<Conflict | null> {
	const current = await ticketDetail(sql, number, viewer, locale);
	if (!current) return null;
	const now = seenOf(current);
	const seen = parseSeen(form.get('seen'));
	const changes: ConflictChange[] = [];
	if (seen) {
		const assignees = [seen.assigneeId, now.assigneeId].filter((id) => id !== null);
		const [people, groups, categoryList] = await Promise.all([
			tickets.userNames(sql, assignees),
			tickets.groupNames(sql),
			tickets.listCategories(sql, locale)
		]);
		const categories = new Map(categoryList.map((c) => [c.id, c.name]));
		const person = (id: number | null) => (id === null ? null : (people.get(id) ?? `#${id}`));
		const differs = (
			field: ConflictChange['field'],
			from: string | number | null,
			to: string | number | null
		) => {
			if (from !== to) {
				changes.push({
					field,
					from: from === null ? null : String(from),
					to: to === null ? null : String(to)
				});
			}
		};
		differs('status', seen.status, now.status);
		differs('priority', seen.priority, now.priority);
		differs('level', seen.level, now.level);
		differs(
			'group',
			groups.get(seen.groupId) ?? `#${seen.groupId}`,
			groups.get(now.groupId) ?? `#${now.groupId}`
		);
		differs('assignee', person(seen.assigneeId), person(now.assigneeId));
		differs(
			'category',
			categories.get(seen.categoryId) ?? `#${seen.categoryId}`,
			categories.get(now.categoryId) ?? `#${now.categoryId}`
		);
		differs('title', seen.title, now.title);
	}
	const newComments = seen ? current.comments.filter((c) => c.id > seen.lastCommentId) : [];
	return { action, values: typedValues(form), current: now, changes, newComments };
}
