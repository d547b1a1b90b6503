import postgres from 'postgres';
import { log } from '../log';
import { metrics } from '../metrics';
import { startEmbeddedServer, type EmbeddedServer } from './embedded';
import { inProcessPubSub, postgresPubSub, type PubSub, type TxContext } from './pubsub';

export type Sql = postgres.Sql;
/** Anything that runs a query: the pool or a transaction. db modules accept this. */
export type Queryable = postgres.Sql | postgres.TransactionSql;
export type { TxContext };

export interface Database {
	sql: Sql;
	pubsub: PubSub;
	kind: 'postgres' | 'embedded';
	/** Run `fn` in one transaction; after-commit hooks (in-process notifications) run on success. */
	transaction<T>(fn: (tx: TxContext) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}

export interface OpenOptions {
	databaseUrl?: string;
	dataDir: string;
	poolMax?: number;
}

const common = {
	onnotice: () => {},
	// Counted on request (LEITSTAND_COUNT_QUERIES=1, the benchmarks) so that they can see the
	// database work per event and per page: postgres.js takes a stack trace for every query while
	// `debug` is set, a few microseconds each, and a tenth of the time of a new ticket.
	...(process.env.LEITSTAND_COUNT_QUERIES === '1'
		? { debug: () => metrics().dbQueries.inc() }
		: {}),
	// Integer ids from `bigint` columns (events.id) arrive as JS numbers; they stay far below 2^53.
	types: {
		bigint: {
			to: 20,
			from: [20],
			serialize: (x: number | bigint) => x.toString(),
			parse: (x: string) => Number(x)
		}
	},
	connection: { application_name: 'leitstand' }
} satisfies postgres.Options<Record<string, postgres.PostgresType>>;

/** Open the database: PostgreSQL when a URL is given, otherwise embedded PGlite in `dataDir`. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
	let embedded: EmbeddedServer | undefined;
	let sql: Sql;
	if (options.databaseUrl) {
		sql = postgres(options.databaseUrl, { ...common, max: options.poolMax ?? 10 });
	} else {
		embedded = await startEmbeddedServer(options.dataDir);
		sql = postgres({
			...common,
			...embedded.connection,
			user: 'postgres',
			database: 'postgres',
			max: 1 // PGlite has a single backend: more connections break concurrent transactions
		});
	}
	const pubsub = embedded ? inProcessPubSub() : postgresPubSub(sql);

	const database: Database = {
		sql,
		pubsub,
		kind: embedded ? 'embedded' : 'postgres',
		async transaction<T>(fn: (tx: TxContext) => Promise<T>): Promise<T> {
			const hooks: Array<() => void> = [];
			// PostgreSQL delivers one of identical notifications of a transaction anyway: send it once.
			const notified = new Set<string>();
			const result = await sql.begin((txSql) => {
				const base = { sql: txSql, afterCommit: (h: () => void) => void hooks.push(h) };
				return fn({
					...base,
					notify: async (channel, payload) => {
						const key = `${channel}\u0000${payload}`;
						if (notified.has(key)) return;
						notified.add(key);
						await pubsub.notify(base, channel, payload);
					}
				});
			});
			for (const hook of hooks) {
				try {
					hook();
				} catch (error) {
					log.error('after-commit hook failed', { error: String(error) });
				}
			}
			return result as T;
		},
		async close() {
			await pubsub.close();
			await sql.end({ timeout: 5 });
			await embedded?.stop();
		}
	};
	return database;
}
