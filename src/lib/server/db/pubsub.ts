import { EventEmitter } from 'node:events';
import type postgres from 'postgres';

export type Listener = (payload: string) => void;

/**
 * Cross-node notifications. On PostgreSQL: NOTIFY inside the writing transaction, which the server
 * delivers to every node after commit and in commit order. Embedded PGlite has one process and one
 * backend (NOTIFY does not cross its connections), so an in-process emitter fires after commit.
 */
export interface PubSub {
	/** Queue a notification as part of a transaction; it is delivered only if that commits. */
	notify(
		tx: Pick<TxContext, 'sql' | 'afterCommit'>,
		channel: string,
		payload: string
	): Promise<void>;
	/** Notify every node now, outside any transaction (ephemeral news such as presence). */
	publish(channel: string, payload: string): Promise<void>;
	/**
	 * Listen on `channel`. `onListen` runs whenever listening (re)starts — after a lost connection
	 * came back, notifications sent meanwhile are gone, so callers catch up from the table there.
	 */
	subscribe(
		channel: string,
		listener: Listener,
		onListen?: () => void
	): Promise<() => Promise<void>>;
	close(): Promise<void>;
}

/** A running transaction, hooks that run after it commits, and its notification channel. */
export interface TxContext {
	sql: postgres.TransactionSql;
	afterCommit(fn: () => void): void;
	/** Notify every node's subscribers of `channel` once this transaction commits. */
	notify(channel: string, payload: string): Promise<void>;
}

export function postgresPubSub(sql: postgres.Sql): PubSub {
	const unlisteners = new Set<() => Promise<void>>();
	return {
		async notify(tx, channel, payload) {
			await tx.sql`select pg_notify(${channel}, ${payload})`;
		},
		async publish(channel, payload) {
			await sql`select pg_notify(${channel}, ${payload})`;
		},
		async subscribe(channel, listener, onListen) {
			const { unlisten } = await sql.listen(channel, listener, onListen);
			unlisteners.add(unlisten);
			return async () => {
				unlisteners.delete(unlisten);
				await unlisten();
			};
		},
		async close() {
			await Promise.all([...unlisteners].map((u) => u().catch(() => {})));
			unlisteners.clear();
		}
	};
}

export function inProcessPubSub(): PubSub {
	const emitter = new EventEmitter();
	emitter.setMaxListeners(0);
	return {
		async notify(tx, channel, payload) {
			tx.afterCommit(() => emitter.emit(channel, payload));
		},
		async publish(channel, payload) {
			emitter.emit(channel, payload);
		},
		async subscribe(channel, listener, onListen) {
			emitter.on(channel, listener);
			onListen?.();
			return async () => {
				emitter.off(channel, listener);
			};
		},
		async close() {
			emitter.removeAllListeners();
		}
	};
}
