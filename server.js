// Production entry: one HTTP server on one port serving SvelteKit and Socket.IO.
// It only wires; all logic is TypeScript under src/lib/server, built by Vite into build/.
import { createServer } from 'node:http';
import { attachSocketServer } from './src/lib/server/realtime/io-server.js';

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

/** @type {import('node:http').RequestListener | undefined} */
let kitHandler;
// Engine.IO takes over the listeners present when it attaches and forwards every non-socket
// request to them, so SvelteKit's handler must be a listener before Socket.IO attaches.
const server = createServer((req, res) => {
	if (deriveProtocol) req.headers[CONNECTION_PROTO] = 'http';
	if (kitHandler) return kitHandler(req, res);
	res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '2' }).end('Starting up');
});
attachSocketServer(server);

try {
	// Importing the handler runs the app's init hook: database, migrations, demo data, gateway.
	({ handler: kitHandler } = await import('./build/handler.js'));
} catch (error) {
	console.error(`\nLeitstand failed to start: ${error instanceof Error ? error.message : error}\n`);
	process.exit(1);
}

server.listen(port, host, () => {
	const shown = host === '0.0.0.0' ? 'localhost' : host;
	console.log(`Leitstand is listening on http://${shown}:${port}`);
});

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
