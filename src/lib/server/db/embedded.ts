import { existsSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { connect, type NetConnectOpts } from 'node:net';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedServer {
	/** postgres.js connection options for the socket PGlite is served on. */
	connection: { host: string; port?: number; path?: string };
	stop(): Promise<void>;
}

const SOCKET_NAME = '.s.PGSQL.5432';
// Unix socket paths are limited to about 107 bytes; deeper data dirs fall back to loopback TCP.
const MAX_SOCKET_PATH = 100;
// With loopback TCP there is no socket file to find, so a lock file names the owner and its port.
const LOCK_NAME = 'leitstand.lock';

function socketIsLive(target: NetConnectOpts): Promise<boolean> {
	return new Promise((resolve) => {
		const probe = connect(target);
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

	const lockPath = join(dataDir, LOCK_NAME);
	const inUse = () =>
		new Error(
			`Another Leitstand process is already using the data directory ${dataDir}. ` +
				'Stop it, or set DATA_DIR to another folder.'
		);

	if (useUnixSocket && existsSync(socketPath)) {
		if (await socketIsLive({ path: socketPath })) throw inUse();
		unlinkSync(socketPath); // left behind by a process that did not shut down cleanly
	}
	if (!useUnixSocket && existsSync(lockPath)) {
		if (await lockIsHeld(lockPath)) throw inUse();
		rmSync(lockPath, { force: true });
	}

	// pg_trgm (typo-tolerant search) is compiled separately: it must be loaded on every start.
	const db = await PGlite.create(pgdata, { extensions: { pg_trgm } });
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
		writeFileSync(lockPath, JSON.stringify({ pid: process.pid, host, port: Number(port) }));
	}
	return {
		connection,
		async stop() {
			await server.stop();
			await db.close();
			if (!useUnixSocket) rmSync(lockPath, { force: true });
		}
	};
}

/** A lock is held while its process lives and still serves on the port it wrote down. */
async function lockIsHeld(lockPath: string): Promise<boolean> {
	let lock: { pid?: unknown; host?: unknown; port?: unknown };
	try {
		lock = JSON.parse(readFileSync(lockPath, 'utf8'));
	} catch {
		return false;
	}
	const { pid, host, port } = lock;
	if (typeof pid !== 'number' || typeof host !== 'string' || typeof port !== 'number') return false;
	try {
		process.kill(pid, 0); // signal 0 only checks that the process exists
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
	}
	return socketIsLive({ host, port });
}
