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
 * Check credentials under the login throttle and open a session. Every check first takes an
 * attempt from the account and the client address, so however many requests arrive at once, at
 * most ACCOUNT_FAILURES passwords are checked per account and window. Unknown accounts cost the
 * same time as wrong passwords and count the same.
 */
export async function logIn(
	ctx: AppContext,
	email: string,
	password: string,
	address: string
): Promise<LoginResult> {
	const admission = await ctx.throttle.attempt(email, address);
	if (!admission.allowed) {
		return { ok: false, reason: 'throttled', retryAfter: admission.retryAfter };
	}

	const user = await getUserByEmail(ctx.db.sql, email);
	const valid =
		user && user.active && user.passwordHash
			? await verifyPassword(user.passwordHash, password)
			: await verifyAgainstDummy(password);
	// A failed check keeps its attempt counted.
	if (!user || !valid) return { ok: false, reason: 'invalid' };
	await ctx.throttle.succeeded(email, address);
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
	// A Location header carries ASCII only: let the URL parser percent-encode the rest (it keeps
	// escapes that are there), and make sure the result is still a path on this site.
	const base = 'http://leitstand.invalid';
	const url = new URL(target, base);
	return url.origin === base ? url.pathname + url.search + url.hash : fallback;
}
