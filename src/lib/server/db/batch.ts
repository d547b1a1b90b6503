// Group commit for writes that arrive together: during an outage hundreds of people file tickets
// at once, and a transaction per ticket spends most of its time on what every transaction costs
// (its begin and commit, a round trip per statement, the commit's flush to disk). A batcher lets
// those that arrive while others are being written share one transaction.
import type { Database, TxContext } from './client';

export interface Batcher<In, Out> {
	/** Write `input` with whatever else is waiting; resolves once its transaction committed. */
	submit(input: In): Promise<Out>;
}

export interface BatchOptions {
	/** Transactions running at once; what arrives meanwhile waits and goes out together. */
	parallel: number;
	/** Inputs per transaction at most. */
	max: number;
}

/**
 * Whether one input may have caused `error`: a statement the server refused, not the connection
 * or the server going away (SQLSTATE classes 08, 53, 57; postgres.js's own connection errors
 * carry a code that is no SQLSTATE). Those fail every input at once, not each in turn.
 */
function mayBeOneInput(error: unknown): boolean {
	const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
	if (name === 'PostgresError') return typeof code === 'string' && !/^(08|53|57)/.test(code);
	return typeof code !== 'string';
}

/**
 * At most `parallel` transactions of `write` run at once, each for up to `max` inputs: whatever
 * arrives while they run waits and goes out together in the next one. A lone input goes out at
 * once, so nothing waits when there is no crowd. `write` answers for each input in order (an
 * answer, not an exception, for an input it refuses, such as an unknown category). If a shared
 * transaction fails all the same, each of its inputs is written again alone, so that one input
 * that breaks a statement fails only itself; when the database is away, all fail at once.
 */
export function createBatcher<In, Out>(
	db: Database,
	write: (tx: TxContext, inputs: In[]) => Promise<Out[]>,
	options: BatchOptions
): Batcher<In, Out> {
	type Waiting = { input: In; resolve: (out: Out) => void; reject: (error: unknown) => void };
	const waiting: Waiting[] = [];
	let running = 0;

	async function run(batch: Waiting[]): Promise<void> {
		try {
			const inputs = batch.map((w) => w.input);
			const outs = await db.transaction((tx) => write(tx, inputs));
			batch.forEach((w, i) => w.resolve(outs[i]));
		} catch (error) {
			if (batch.length === 1 || !mayBeOneInput(error)) {
				for (const w of batch) w.reject(error);
				return;
			}
			for (const w of batch) await run([w]);
		}
	}

	function pump() {
		while (running < options.parallel && waiting.length > 0) {
			const batch = waiting.splice(0, options.max);
			running++;
			void run(batch).finally(() => {
				running--;
				pump();
			});
		}
	}

	return {
		submit(input) {
			return new Promise<Out>((resolve, reject) => {
				waiting.push({ input, resolve, reject });
				pump();
			});
		}
	};
}
