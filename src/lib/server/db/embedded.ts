import { existsSync, mkdirSync, unlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedServer {
	/** postgres.js connection options for the socket PGlite is served on. */
	connection: { host: string; port?: number; path?: string };
	stop(): Promise<void>;
}

const SOCKET_NAME = '.s.PGSQL.5432';
// Unix socket paths are limited to about 107 bytes; deeper data dirs fall back to loopback TCP.
const MAX_SOCKET_PATH = 100;

function socketIsLive(path: string): Promise<boolean> {
	return new Promise((resolve) => {
		const probe = connect(path);
		probe.once('connect', () => {
			probe.destroy();
			resolve(true);
		});
		probe.once('error', () => resolve(false));
	});
}

/**
 * Start PGlite (PostgreSQL in WASM) on `dataDir` and serve it over a Unix socket inside that
 * directory, so postgres.js talks to it exactly as to a server. PGlite has one backend, so the
 * client must use a single connection.
 */
export async function startEmbeddedServer(dataDir: string): Promise<EmbeddedServer> {
	const pgdata = join(dataDir, 'pgdata');
	mkdirSync(pgdata, { recursive: true });
	const socketPath = join(dataDir, SOCKET_NAME);
	const useUnixSocket = socketPath.length <= MAX_SOCKET_PATH && process.platform !== 'win32';

	if (useUnixSocket && existsSync(socketPath)) {
		if (await socketIsLive(socketPath)) {
			throw new Error(
				`Another Leitstand process is already using the data directory ${dataDir}. ` +
					'Stop it, or set DATA_DIR to another folder.'
			);
		}
		unlinkSync(socketPath); // left behind by a process that did not shut down cleanly
	}

	const db = await PGlite.create(pgdata);
	const server = new PGLiteSocketServer(
		useUnixSocket ? { db, path: socketPath } : { db, host: '127.0.0.1', port: 0 }
	);
	await server.start();

	let connection: EmbeddedServer['connection'];
	if (useUnixSocket) {
		connection = { host: 'localhost', path: socketPath };
	} else {
		const [host, port] = server.getServerConn().split(':');
		connection = { host, port: Number(port) };
	}
	return {
		connection,
		async stop() {
			await server.stop();
			await db.close();
		}
	};
}
