import { z } from 'zod';
import type { Database } from '../db/client';
import { appendEvent } from '../events/writer';
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/password';
import * as users from './db';
import { ROLES, type SessionUser } from '$lib/types/user';

export const newUserSchema = z.object({
	email: z.email('Enter a valid email address.').trim().toLowerCase().max(254),
	name: z.string().trim().min(1, 'Enter a name.').max(120, 'Name is too long.'),
	role: z.enum(ROLES, 'Role must be requester, agent, lead or admin.'),
	password: z
		.string()
		.min(PASSWORD_MIN_LENGTH, `Password needs at least ${PASSWORD_MIN_LENGTH} characters.`)
		.max(PASSWORD_MAX_LENGTH, 'Password is too long.'),
	group: z.string().trim().min(1).optional()
});
export type NewUser = z.input<typeof newUserSchema>;

/** A validation or conflict problem, reported per field; never a half-created user. */
export class UserInputError extends Error {
	constructor(public fields: Record<string, string>) {
		super(Object.values(fields).join(' '));
	}
}

/** Create a user (and optional group membership) in one transaction, recording `user.created`. */
export async function createUser(
	db: Database,
	input: NewUser,
	actorId: number | null = null
): Promise<SessionUser> {
	const parsed = newUserSchema.safeParse(input);
	if (!parsed.success) {
		const fields: Record<string, string> = {};
		for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message;
		throw new UserInputError(fields);
	}
	const data = parsed.data;
	const passwordHash = await hashPassword(data.password);
	return db.transaction(async (tx) => {
		if (await users.getUserByEmail(tx.sql, data.email)) {
			throw new UserInputError({ email: 'A user with this email already exists.' });
		}
		let groupId: number | undefined;
		if (data.group) {
			const group = await users.getGroupByName(tx.sql, data.group);
			if (!group) throw new UserInputError({ group: `No group named "${data.group}".` });
			groupId = group.id;
		}
		const user = await users.insertUser(tx.sql, {
			email: data.email,
			name: data.name,
			role: data.role,
			passwordHash
		});
		if (groupId) await users.addGroupMember(tx.sql, groupId, user.id);
		await appendEvent(tx, {
			topic: `user:${user.id}`,
			type: 'user.created',
			audience: 'agents',
			actorId,
			payload: { userId: user.id, role: user.role, groupId: groupId ?? null }
		});
		return users.toSessionUser(tx.sql, user);
	});
}

/** Self sign-up as requester; allowed only for the configured email domains. */
export async function signUpRequester(
	db: Database,
	input: { email: string; name: string; password: string },
	allowedDomains: string[]
): Promise<SessionUser> {
	const domain = input.email.trim().toLowerCase().split('@')[1] ?? '';
	if (allowedDomains.length === 0) {
		throw new UserInputError({ email: 'Self sign-up is turned off.' });
	}
	if (!allowedDomains.includes(domain)) {
		throw new UserInputError({
			email: `Sign-up is limited to addresses at ${allowedDomains.join(', ')}.`
		});
	}
	return createUser(db, { ...input, role: 'requester' });
}
