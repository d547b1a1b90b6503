import type { AppContext } from '../app';
import { getUserByEmail } from '../users/db';
import { verifyAgainstDummy, verifyPassword } from './password';
import { createSession, generateSessionToken, type Session } from './session';
import type { Locale, Role } from '$lib/types/user';

export type LoginResult =
	| { ok: true; token: string; session: Session; role: Role; locale: Locale | null }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfter: number };

/**
 * Check credentials under the login throttle and open a session. Unknown accounts cost the same
 * time as wrong passwords, and both count against the account and the client address.
 */
export async function logIn(
	ctx: AppContext,
	email: string,
	password: string,
	address: string
): Promise<LoginResult> {
	const retryAfter = await ctx.throttle.retryAfter(email, address);
	if (retryAfter > 0) return { ok: false, reason: 'throttled', retryAfter };

	const user = await getUserByEmail(ctx.db.sql, email);
	const valid =
		user && user.active && user.passwordHash
			? await verifyPassword(user.passwordHash, password)
			: await verifyAgainstDummy(password);
	if (!user || !valid) {
		await ctx.throttle.recordFailure(email, address);
		return { ok: false, reason: 'invalid' };
	}
	await ctx.throttle.recordSuccess(email);
	const token = generateSessionToken();
	const session = await createSession(ctx.db.sql, token, user.id);
	return { ok: true, token, session, role: user.role, locale: user.locale };
}

/** Only same-site paths are followed after login; anything else goes to the role's home. */
export function safeRedirect(target: string | null, fallback: string): string {
	// Browsers drop tabs and newlines from URLs, so `/\t/evil.com` would become `//evil.com`.
	if (!target || /\p{Cc}/u.test(target)) return fallback;
	if (!target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
		return fallback;
	}
	return target;
}
