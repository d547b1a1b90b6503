import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { getSocketRegistry } from './realtime/io-server.js';

// One registry per process, shared through globalThis so Vite's module copies don't register twice.
const KEY = Symbol.for('leitstand.metrics');

function create() {
	const registry = new Registry();
	collectDefaultMetrics({ register: registry, prefix: 'leitstand_' });
	return {
		registry,
		httpRequests: new Histogram({
			name: 'leitstand_http_request_duration_seconds',
			help: 'HTTP request duration by route and status',
			labelNames: ['method', 'route', 'status'] as const,
			buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
			registers: [registry]
		}),
		eventsDelivered: new Counter({
			name: 'leitstand_events_fanned_out_total',
			help: 'Committed events this node handed to its socket rooms',
			registers: [registry]
		}),
		socketsConnected: new Gauge({
			name: 'leitstand_sockets_connected',
			help: 'Socket.IO clients connected to this node',
			registers: [registry],
			collect() {
				this.set(getSocketRegistry()?.io.engine.clientsCount ?? 0);
			}
		})
	};
}

type Metrics = ReturnType<typeof create>;
const holder = globalThis as unknown as { [KEY]?: Metrics };

export function metrics(): Metrics {
	return (holder[KEY] ??= create());
}
