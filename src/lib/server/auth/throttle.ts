import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Queryable } from '../db/client';

/** Password checks allowed per account and per client address within the window. */
export const ACCOUNT_FAILURES = 5;
export const ADDRESS_FAILURES = 20;
const WINDOW_SECONDS = 15 * 60;

/** Sign-up mails per address, and sign-ups per client address, within an hour. */
export const SIGNUP_PER_EMAIL = 3;
export const SIGNUP_PER_ADDRESS = 10;
const SIGNUP_WINDOW_SECONDS = 60 * 60;

export type Admission = { allowed: true } | { allowed: false; retryAfter: number };

export interface LoginThrottle {
	/**
	 * Take one attempt for the account and the client address *before* the password is checked.
	 * The count is one atomic upsert per key, so parallel requests cannot all slip under the limit.
	 */
	attempt(email: string, address: string): Promise<Admission>;
	/** The password was right: the account starts afresh and the address gets its attempt back. */
	succeeded(email: string, address: string): Promise<void>;
}

export interface SignupThrottle {
	/** Count one sign-up for the address being signed up and for the client address. */
	attempt(email: string, address: string): Promise<Admission>;
}

/** rate-limiter-flexible speaks node-postgres' `query({ text, values })`; adapt postgres.js. */
function storeClient(sql: Queryable) {
	return {
		query: async ({ text, values }: { text: string; values?: unknown[] }) => {
			const rows = await sql.unsafe(text, (values ?? []) as never[]);
			return { rows, rowCount: rows.length };
		}
	};
}

function limiter(sql: Queryable, keyPrefix: string, points: number, duration: number) {
	return new RateLimiterPostgres({
		storeClient: storeClient(sql),
		storeType: 'pool',
		tableName: 'rate_limits',
		tableCreated: true, // created by sql/0001_init.sql
		keyPrefix,
		points,
		duration,
		// Without this, the store's own "block" semantics would reset the window on every consume.
		blockDuration: 0
	});
}

/** Keys longer than the key column allows (with the prefix) are stored as their hash. */
function fit(key: string): string {
	if (key.length <= 200) return key;
	return `sha256:${encodeHexLowerCase(sha256(new TextEncoder().encode(key)))}`;
}

/** Emails ignore case and surrounding space. */
const emailKey = (email: string) => fit(email.trim().toLowerCase());
const addressKey = (address: string) => fit(address);

/** Consume one point; the limiter rejects with a RateLimiterRes once the points are used up. */
async function take(l: RateLimiterPostgres, key: string): Promise<Admission> {
	try {
		await l.consume(key);
		return { allowed: true };
	} catch (e) {
		if (!(e instanceof RateLimiterRes)) throw e;
		return { allowed: false, retryAfter: Math.max(1, Math.ceil(e.msBeforeNext / 1000)) };
	}
}

/** Throttle stored in PostgreSQL so that every node sees the same counts. */
export function createLoginThrottle(sql: Queryable): LoginThrottle {
	const byAccount = limiter(sql, 'login_account', ACCOUNT_FAILURES, WINDOW_SECONDS);
	const byAddress = limiter(sql, 'login_address', ADDRESS_FAILURES, WINDOW_SECONDS);

	return {
		async attempt(email, address) {
			const fromAddress = await take(byAddress, addressKey(address));
			// A blocked address does not use up the account's attempts.
			if (!fromAddress.allowed) return fromAddress;
			const forAccount = await take(byAccount, emailKey(email));
			// Nor does a blocked account use up the address's: its password was never checked.
			if (!forAccount.allowed) await byAddress.reward(addressKey(address));
			return forAccount;
		},
		async succeeded(email, address) {
			await Promise.all([byAccount.delete(emailKey(email)), byAddress.reward(addressKey(address))]);
		}
	};
}

const mailThrottles = new Map<string, WeakMap<Queryable, SignupThrottle>>();

/**
 * A throttle for forms that send mail to an address someone types (sign-up, status
 * subscriptions): `perEmail` mails per typed address and `perAddress` per client address within
 * `windowSeconds`, kept in PostgreSQL so every node sees the same counts.
 */
function mailThrottle(
	sql: Queryable,
	name: string,
	perEmail: number,
	perAddress: number,
	windowSeconds: number
): SignupThrottle {
	const byDatabase = mailThrottles.get(name) ?? new WeakMap<Queryable, SignupThrottle>();
	mailThrottles.set(name, byDatabase);
	let throttle = byDatabase.get(sql);
	if (!throttle) {
		const byEmail = limiter(sql, `${name}_email`, perEmail, windowSeconds);
		const byAddress = limiter(sql, `${name}_address`, perAddress, windowSeconds);
		throttle = {
			async attempt(email, address) {
				const fromAddress = await take(byAddress, addressKey(address));
				if (!fromAddress.allowed) return fromAddress;
				return take(byEmail, emailKey(email));
			}
		};
		byDatabase.set(sql, throttle);
	}
	return throttle;
}

/** The sign-up throttle on `sql`'s database (same table and rules on every node). */
export const signupThrottle = (sql: Queryable) =>
	mailThrottle(sql, 'signup', SIGNUP_PER_EMAIL, SIGNUP_PER_ADDRESS, SIGNUP_WINDOW_SECONDS);

/** Status subscriptions per typed address and per client address within an hour. */
export const SUBSCRIBE_PER_EMAIL = 3;
export const SUBSCRIBE_PER_ADDRESS = 10;

/** The status-subscription throttle on `sql`'s database. */
export const subscribeThrottle = (sql: Queryable) =>
	mailThrottle(sql, 'subscribe', SUBSCRIBE_PER_EMAIL, SUBSCRIBE_PER_ADDRESS, 60 * 60);
