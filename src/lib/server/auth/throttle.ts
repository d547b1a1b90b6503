import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Queryable } from '../db/client';

/** Failed logins allowed per account and per client address within the window. */
export const ACCOUNT_FAILURES = 5;
export const ADDRESS_FAILURES = 20;
const WINDOW_SECONDS = 15 * 60;

export interface LoginThrottle {
	/** Seconds until the next attempt is allowed, or 0 when allowed now. */
	retryAfter(email: string, address: string): Promise<number>;
	recordFailure(email: string, address: string): Promise<void>;
	recordSuccess(email: string): Promise<void>;
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

function limiter(sql: Queryable, keyPrefix: string, points: number) {
	return new RateLimiterPostgres({
		storeClient: storeClient(sql),
		storeType: 'pool',
		tableName: 'rate_limits',
		tableCreated: true, // created by sql/0001_init.sql
		keyPrefix,
		points,
		duration: WINDOW_SECONDS,
		// Without this, the store's own "block" semantics would reset the window on every consume.
		blockDuration: 0
	});
}

/** Throttle stored in PostgreSQL so that every node sees the same counts. */
export function createLoginThrottle(sql: Queryable): LoginThrottle {
	const byAccount = limiter(sql, 'login_account', ACCOUNT_FAILURES);
	const byAddress = limiter(sql, 'login_address', ADDRESS_FAILURES);
	const accountKey = (email: string) => email.trim().toLowerCase();

	const waitFor = (res: RateLimiterRes | null, limit: number) =>
		res && res.consumedPoints >= limit ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;

	return {
		async retryAfter(email, address) {
			const [a, b] = await Promise.all([byAccount.get(accountKey(email)), byAddress.get(address)]);
			return Math.max(waitFor(a, ACCOUNT_FAILURES), waitFor(b, ADDRESS_FAILURES));
		},
		async recordFailure(email, address) {
			// consume() rejects with a RateLimiterRes once over the limit; that is expected here.
			const swallowLimit = (e: unknown) => {
				if (!(e instanceof RateLimiterRes)) throw e;
			};
			await Promise.all([
				byAccount.consume(accountKey(email)).catch(swallowLimit),
				byAddress.consume(address).catch(swallowLimit)
			]);
		},
		async recordSuccess(email) {
			await byAccount.delete(accountKey(email));
		}
	};
}
