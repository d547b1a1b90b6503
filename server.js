// Production entry: one HTTP server on one port serving SvelteKit and Socket.IO.
// It only wires; all logic is TypeScript under src/lib/server, built by Vite into build/.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { attachSocketServer } from './src/lib/server/realtime/io-server.js';
import { serveAsset, statusEdge } from './src/lib/server/status/edge.js';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';

// Without ORIGIN or PROTOCOL_HEADER, adapter-node assumes every request came over https, so over
// plain http (`npm start` on localhost) SvelteKit refused each form POST as cross-site. This
// server only speaks http (TLS ends at a proxy, which sets ORIGIN or PROTOCOL_HEADER): say so.
// The header is always overwritten, so a client cannot choose it.
const CONNECTION_PROTO = 'x-leitstand-connection-proto';
if (!process.env.ORIGIN && !process.env.PROTOCOL_HEADER) {
	process.env.PROTOCOL_HEADER = CONNECTION_PROTO;
}
const deriveProtocol = process.env.PROTOCOL_HEADER === CONNECTION_PROTO;

// The public status surface (pages, /api/v2, feeds) is answered from memory in front of SvelteKit
// (src/lib/server/status/edge.js). It starts with the snapshot persisted in DATA_DIR/status, so it
// answers while the app starts and while it waits for an unreachable database.
const edge = statusEdge();
edge.restore(resolve(process.env.DATA_DIR ?? './data', 'status'));
// The app renders the status pages through this server once per change; such requests carry
// this process's secret and go past the edge to SvelteKit.
const RENDER_HEADER = 'x-leitstand-render';
const renderSecret = randomBytes(16).toString('hex');
// STATUS_EDGE=0 sends the status surface through SvelteKit too (for comparison: bench:status).
const edgeOn = process.env.STATUS_EDGE !== '0';
// What still works without the database: static assets, health, and the status surface.
const WITHOUT_DATABASE =
	/^\/(?:_app\/|status|api\/v2\/|healthz|readyz|metrics|favicon|robots\.txt)/;

/** @type {import('node:http').RequestListener | undefined} */
let kitHandler;
// Engine.IO takes over the listeners present when it attaches and forwards every non-socket
// request to them, so SvelteKit's handler must be a listener before Socket.IO attaches.
const server = createServer((req, res) => {
	if (deriveProtocol) req.headers[CONNECTION_PROTO] = 'http';
	const rendering = req.headers[RENDER_HEADER] === renderSecret;
	if (edgeOn && !rendering && edge.handle(req, res)) return;
	if (kitHandler && !(edge.databaseDown && !WITHOUT_DATABASE.test(req.url ?? '/'))) {
		return kitHandler(req, res);
	}
	// The status pages' styles and scripts, while SvelteKit is not there yet.
	if (!kitHandler && serveAsset(req, res, resolve('build/client'))) return;
	const message = edge.databaseDown
		? 'Leitstand cannot reach its database at the moment and keeps trying. The status page at /status still answers.'
		: 'Starting up';
	res
		.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '10' })
		.end(message);
});
attachSocketServer(server);

function listen() {
	server.listen(port, host, () => {
		const shown = host === '0.0.0.0' ? 'localhost' : host;
		console.log(`Leitstand is listening on http://${shown}:${port}`);
	});
}

// Importing the handler runs the app's init hook: database, migrations, demo data, gateway.
const starting = import('./build/handler.js');
let waiting;
// Listen once the app is up, or earlier when it is waiting for its database (the edge answers).
const first = await Promise.race([
	starting.then(
		() => 'ready',
		() => 'failed'
	),
	new Promise((done) => {
		waiting = setInterval(() => edge.databaseDown && done('waiting'), 100);
	})
]);
clearInterval(waiting);
if (first === 'waiting') {
	console.log('Leitstand is waiting for its database; serving the last status snapshot meanwhile');
	listen();
}
try {
	({ handler: kitHandler } = await starting);
} catch (error) {
	console.error(`\nLeitstand failed to start: ${error instanceof Error ? error.message : error}\n`);
	process.exit(1);
}
if (first !== 'waiting') listen();

// From now on the app renders the status pages once per change, through SvelteKit itself.
const renderHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
edge.render = async (path) => {
	const response = await fetch(
		`http://${renderHost.includes(':') ? `[${renderHost}]` : renderHost}:${port}${path}`,
		{
			headers: { [RENDER_HEADER]: renderSecret, 'accept-encoding': 'identity' }
		}
	);
	return {
		status: response.status,
		headers: Object.fromEntries(response.headers),
		body: await response.text()
	};
};
server.once('listening', () => edge.refreshHook?.());
if (server.listening) edge.refreshHook?.();

let stopping = false;
function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	console.log(`${signal} received, shutting down`);
	server.close();
	const ctx = globalThis[Symbol.for('leitstand.app')];
	Promise.resolve(ctx)
		.then((c) => c?.stop())
		.catch(() => {})
		.finally(() => process.exit(0));
	setTimeout(() => process.exit(0), 8000).unref();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
