// Test harness: a real, migrated database per test file (PGlite copy, or a fresh database on the
// PostgreSQL server named by TEST_DATABASE_URL) and, on request, a real Socket.IO server.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { inject } from 'vitest';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { startApp, type AppContext } from '../../src/lib/server/app';
import type { Config } from '../../src/lib/server/config';
import { attachGateway, type Gateway } from '../../src/lib/server/realtime/gateway';
import { attachSocketServer } from '../../src/lib/server/realtime/io-server.js';
import { seedDemo } from '../../src/lib/server/seed/demo';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/realtime/events';

process.env.LEITSTAND_SILENT ??= '1';

export const DB_KIND = process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded';

export interface TestApp {
	ctx: AppContext;
	stop(): Promise<void>;
}

/** A freshly migrated database of the kind under test, wrapped in a running app context. */
export async function startTestApp(
	options: { demo?: boolean; incidents?: boolean } = {}
): Promise<TestApp> {
	let databaseUrl: string | undefined;
	let cleanup: () => Promise<void>;
	let dataDir = '';
	const serverUrl = process.env.TEST_DATABASE_URL;
	if (serverUrl) {
		const name = `leitstand_t_${process.pid}_${Date.now().toString(36)}`;
		const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database ${name}`);
		const url = new URL(serverUrl);
		url.pathname = `/${name}`;
		databaseUrl = url.toString();
		cleanup = async () => {
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		};
	} else {
		dataDir = mkdtempSync(join(tmpdir(), 'lst-it-'));
		cpSync(inject('pgliteTemplate'), dataDir, { recursive: true });
		cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
	}
	const config: Config = {
		databaseUrl,
		poolMax: 5,
		dataDir,
		seedDemo: false,
		demoTickets: 0,
		signupDomains: ['example.com'],
		production: false,
		logLevel: 'error',
		// Tests drive the jobs by calling them directly, at the times they choose.
		jobs: false,
		smtpUrl: undefined,
		mailFrom: 'Leitstand <helpdesk@localhost>'
	};
	const ctx = await startApp(config);
	// The demo's status page (components, incidents) only where a test asks for it.
	if (options.demo) await seedDemo(ctx.db, { incidents: options.incidents ?? false });
	return {
		ctx,
		async stop() {
			await ctx.stop();
			await cleanup();
		}
	};
}

export type TestClientSocket = ClientSocket<ServerToClientEvents, ClientToServerEvents>;

export interface TestSocketServer {
	url: string;
	http: HttpServer;
	gateway: Gateway;
	/**
	 * Connect a client; `cookie`/`origin` become handshake headers, `token` and `wallToken` go in
	 * `auth`.
	 */
	connect(options: {
		transport: 'websocket' | 'polling';
		cookie?: string;
		token?: string;
		wallToken?: string;
		origin?: string;
	}): TestClientSocket;
	close(): Promise<void>;
}

/** A real HTTP server with the production Socket.IO setup and gateway, on a random port. */
export async function startSocketServer(ctx: AppContext): Promise<TestSocketServer> {
	const http = createServer((_req, res) => res.writeHead(404).end());
	const io = attachSocketServer(http);
	const { getSocketRegistry } = await import('../../src/lib/server/realtime/io-server.js');
	const gateway = attachGateway(getSocketRegistry()!, ctx);
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
	const clients: TestClientSocket[] = [];
	return {
		url,
		http,
		gateway,
		connect({ transport, cookie, token, wallToken, origin }) {
			const headers: Record<string, string> = {};
			if (cookie) headers.cookie = cookie;
			if (origin) headers.origin = origin;
			const socket: TestClientSocket = connectClient(url, {
				transports: [transport],
				upgrade: false,
				reconnection: false,
				forceNew: true,
				extraHeaders: headers,
				auth: { ...(token ? { token } : {}), ...(wallToken ? { wallToken } : {}) }
			});
			clients.push(socket);
			return socket;
		},
		async close() {
			for (const c of clients) c.close();
			await gateway.stop();
			await io.close();
		}
	};
}

/** Resolve when the socket connects, reject with the server's refusal reason. */
export function connected(socket: TestClientSocket): Promise<void> {
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', (error) => reject(error));
	});
}
