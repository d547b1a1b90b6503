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
		slaClockLag: new Gauge({
			name: 'leitstand_sla_clock_lag_seconds',
			help: 'How late the oldest due SLA check is when the clock job runs',
			registers: [registry]
		}),
		slaClockFailures: new Counter({
			name: 'leitstand_sla_clock_failures_total',
			help: 'Tickets whose SLA clocks failed to evaluate (skipped, retried later)',
			registers: [registry]
		}),
		dbQueries: new Counter({
			name: 'leitstand_db_queries_total',
			help: 'SQL statements this node sent to the database',
			registers: [registry]
		}),
		eventsPublished: new Counter({
			name: 'leitstand_events_published_total',
			help: 'Events this node gave a stream position (only one node publishes at a time)',
			registers: [registry]
		}),
		streamPosition: new Gauge({
			name: 'leitstand_stream_position',
			help: 'Newest stream position this node has fanned out',
			registers: [registry]
		}),
		streamFailures: new Counter({
			name: 'leitstand_stream_failures_total',
			help: 'Failed publish or fan-out rounds (retried; nothing is skipped)',
			labelNames: ['stage'] as const,
			registers: [registry]
		}),
		replayHeldEvents: new Counter({
			name: 'leitstand_replay_held_events_total',
			help: 'Live events held back while a subscriber replay was read, then sent in order',
			registers: [registry]
		}),
		socketsRevoked: new Counter({
			name: 'leitstand_sockets_revoked_total',
			help: 'Sockets cut off because their session, token or role ended or changed',
			registers: [registry]
		}),
		wallComputations: new Counter({
			name: 'leitstand_wall_computations_total',
			help: 'Wall figure computations (one per burst of changes and wall, not per screen)',
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
