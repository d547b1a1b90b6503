// Plain JavaScript on purpose: the production entry (server.js) and the Vite dev plugin import it
// before any TypeScript is built. It only creates the Socket.IO server and registers it on
// globalThis; the gateway (handshake auth, rooms, handlers) is attached by the app's init hook.
import { Server } from 'socket.io';

const KEY = Symbol.for('leitstand.io');

/**
 * @typedef {{ io: import('socket.io').Server, ready: Promise<void>, markReady: () => void }} SocketRegistry
 */

/**
 * Create the Socket.IO server on an HTTP server. Engine.IO takes over the server's existing
 * `request` listeners and only passes on requests outside `/socket.io/`, so the SvelteKit handler
 * must already be a listener (or a late-bound one) when this runs.
 * @param {import('node:http').Server} httpServer
 * @returns {import('socket.io').Server}
 */
export function attachSocketServer(httpServer) {
	const io = new Server(httpServer, {
		path: '/socket.io/',
		serveClient: false,
		// Same-origin app: no CORS headers; the gateway checks the Origin header itself.
		cors: undefined,
		pingInterval: 20_000,
		pingTimeout: 20_000,
		maxHttpBufferSize: 64 * 1024
	});
	/** @type {() => void} */
	let markReady = () => {};
	const ready = new Promise((resolve) => (markReady = () => resolve(undefined)));
	// Hold handshakes until the app has attached the gateway (in dev that happens on first request).
	io.use((_socket, next) => {
		ready.then(() => next());
	});
	/** @type {Record<symbol, SocketRegistry | undefined>} */ (/** @type {unknown} */ (globalThis))[
		KEY
	] = { io, ready, markReady };
	return io;
}

/** @returns {SocketRegistry | undefined} */
export function getSocketRegistry() {
	return /** @type {Record<symbol, SocketRegistry | undefined>} */ (
		/** @type {unknown} */ (globalThis)
	)[KEY];
}
