import { z } from 'zod';
import type { Database, TxContext } from '../db/client';
import { appendEvent } from '../events/writer';
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/password';
import { generateSessionToken, hashToken } from '../auth/session';
import { DomainError, invalid, parseInput } from '../errors';
import { enqueueMail } from '../notify/db';
import { emailAddress, singleLine } from '../validation/fields';
import * as users from './db';
import * as mail from './mail';
import { m } from '$lib/paraglide/messages';
import { ROLES, type Locale, type SessionUser } from '$lib/types/user';

const nameField = singleLine(120, () => m.signup_name());
const emailField = emailAddress(() => m.login_email());
const passwordField = z
	.string({ error: () => m.signup_error_password_short({ min: PASSWORD_MIN_LENGTH }) })
	.min(PASSWORD_MIN_LENGTH, {
		error: () => m.signup_error_password_short({ min: PASSWORD_MIN_LENGTH })
	})
	.max(PASSWORD_MAX_LENGTH, {
		error: () => m.signup_error_password_long({ max: PASSWORD_MAX_LENGTH })
	});

export const newUserSchema = z.object({
	email: emailField,
	name: nameField,
	role: z.enum(ROLES, { error: () => m.admin_error_role() }),
	password: passwordField,
	group: singleLine(80, () => m.user_field_group()).optional()
});
export type NewUser = z.input<typeof newUserSchema>;

/**
 * The command line (scripts/cli.ts) still catches refusals by this name; it is `DomainError`.
 * New code uses `DomainError`.
 */
export { DomainError as UserInputError };

/** Create a user (and optional group membership) in one transaction, recording `user.created`. */
export async function createUser(
	db: Database,
	input: NewUser,
	actorId: number | null = null
): Promise<SessionUser> {
	const data = parseInput(newUserSchema, input);
	const passwordHash = await hashPassword(data.password);
	return db.transaction(async (tx) => {
		if (await users.getUserByEmail(tx.sql, data.email)) {
			throw invalid({ email: m.admin_error_email_taken() });
		}
		let groupId: number | undefined;
		if (data.group) {
			const group = await users.getGroupByName(tx.sql, data.group);
			if (!group) throw invalid({ group: m.signup_error_no_group({ name: data.group }) });
			groupId = group.id;
		}
		return insertUserWithEvent(tx, { ...data, passwordHash, groupId }, actorId);
	});
}

/** Insert the user (and membership) and record `user.created`, in the caller's transaction. */
async function insertUserWithEvent(
	tx: TxContext,
	u: {
		email: string;
		name: string;
		role: SessionUser['role'];
		passwordHash: string;
		groupId?: number;
	},
	actorId: number | null
): Promise<SessionUser> {
	const user = await users.insertUser(tx.sql, {
		email: u.email,
		name: u.name,
		role: u.role,
		passwordHash: u.passwordHash
	});
	if (u.groupId) await users.addGroupMember(tx.sql, u.groupId, user.id);
	await appendEvent(tx, {
		topic: `user:${user.id}`,
		type: 'user.created',
		audience: 'agents',
		actorId,
		payload: { userId: user.id, role: user.role, groupId: u.groupId ?? null }
	});
	return users.toSessionUser(tx.sql, user);
}

// ───────────────────────── self sign-up ─────────────────────────

/** How long a mailed sign-up link works. */
export const SIGNUP_LINK_HOURS = 24;

const signupSchema = z.object({ name: nameField, email: emailField });

function assertSignupDomain(email: string, allowedDomains: string[]) {
	if (allowedDomains.length === 0) throw invalid({ email: m.signup_error_off() });
	const domain = email.split('@').at(-1) ?? '';
	if (!allowedDomains.includes(domain)) {
		throw invalid({ email: m.signup_error_domain({ domains: allowedDomains.join(', ') }) });
	}
}

/** A sign-up form's name and email, checked (allowed domain included); else `invalid`. */
export function parseSignup(
	input: { email: string; name: string },
	allowedDomains: string[]
): { email: string; name: string } {
	if (allowedDomains.length === 0) throw invalid({ email: m.signup_error_off() });
	const data = parseInput(signupSchema, input);
	assertSignupDomain(data.email, allowedDomains);
	return data;
}

/**
 * Self sign-up, step 1: mail the address a single-use link that activates a requester account.
 * Nothing tells the caller whether the address already has an account: then it gets a mail
 * saying so instead, and the caller's answer is the same. Only allowed email domains may sign up.
 */
export async function signUpRequester(
	db: Database,
	input: { email: string; name: string },
	allowedDomains: string[],
	locale: Locale = 'en'
): Promise<void> {
	const data = parseSignup(input, allowedDomains);
	const token = generateSessionToken();
	await db.transaction(async (tx) => {
		await users.deleteExpiredSignupRequests(tx.sql);
		const existing = await users.getUserByEmail(tx.sql, data.email);
		if (existing) {
			// A deactivated account is not invited back by mail.
			if (existing.active) {
				await enqueueMail(
					tx.sql,
					mail.signupExists({ ...existing, locale: existing.locale ?? locale })
				);
			}
			return;
		}
		await users.insertSignupRequest(tx.sql, {
			tokenHash: hashToken(token),
			email: data.email,
			name: data.name,
			expiresAt: new Date(Date.now() + SIGNUP_LINK_HOURS * 3600_000)
		});
		await enqueueMail(
			tx.sql,
			mail.signupLink({ email: data.email, name: data.name, locale }, token, SIGNUP_LINK_HOURS)
		);
	});
}

/** The sign-up a mailed token stands for, while it is unused and unexpired; else null. */
export async function pendingSignup(
	db: Database,
	token: string
): Promise<users.SignupRequest | null> {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	return users.findSignupRequest(db.sql, hashToken(token));
}

/**
 * Self sign-up, step 2: the owner of the address opened the link and chose a password. The token
 * is used up and the requester account created in one transaction; a used, expired or unknown
 * token creates nothing (410 `link_invalid`).
 */
export async function confirmSignup(
	db: Database,
	token: string,
	input: { name: string; password: string },
	allowedDomains: string[]
): Promise<SessionUser> {
	const data = parseInput(z.object({ name: nameField, password: passwordField }), input);
	const unusable = () => new DomainError(410, 'link_invalid', m.signup_confirm_invalid());
	if (!/^[a-z2-7]{32}$/.test(token)) throw unusable();
	const passwordHash = await hashPassword(data.password);
	const created = db.transaction(async (tx) => {
		const request = await users.useSignupRequest(tx.sql, hashToken(token));
		if (!request) throw unusable();
		assertSignupDomain(request.email, allowedDomains);
		// Two links for one address: the first confirmation wins, the others are void.
		if (await users.getUserByEmail(tx.sql, request.email)) throw unusable();
		await users.deleteSignupRequestsFor(tx.sql, request.email);
		return insertUserWithEvent(
			tx,
			{ email: request.email, name: data.name, role: 'requester', passwordHash },
			null
		);
	});
	// Two links for one address confirmed at the same moment: the unique email index decides.
	return created.catch((error: unknown) => {
		if ((error as { code?: string }).code === '23505') throw unusable();
		throw error;
	});
}
