// The node's one public status snapshot: everything the status page, its JSON and its feeds show
// (StatusData, the uptime bars, the update texts in both languages), read from the database once
// per change — on `status.changed` from this node's stream reader, coalesced — never per request.
// Each rebuild renders the artefacts (JSON, feeds, and the pages through SvelteKit when the
// production entry provides a renderer), hands them to the status edge and persists them in
// DATA_DIR/status, so they are served while the database is away, also after a restart.
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { latestPosition } from '../events/db';
import { databaseReachable } from '../health';
import * as incidents from '../incidents/db';
import { log } from '../log';
import type { Fanout } from '../realtime/fanout';
import { buildArtefacts } from './artefacts';
import { statusEdge, type EdgeSnapshot } from './edge.js';
import { loadStatus, type StatusData } from './model';
import { computeUptime, uptimeWindowStart } from './uptime';
import type { ComponentUptime } from '$lib/types/status';

export interface StatusSnapshot {
	/** When the data was read from the database. */
	asOf: string;
	/** The stream position the data stands at (at least): pages subscribe from here. */
	position: number;
	data: StatusData;
	/** 90-day uptime per component id. */
	uptime: Record<string, ComponentUptime>;
	/** Every update's text in both languages, by update id (the v2 API has one `body`). */
	bodies: Record<string, { en: string; de: string }>;
}

/** Read the whole public status from the database. */
export async function readSnapshot(db: Database, now = new Date()): Promise<StatusSnapshot> {
	// The position first: the data read after it contains at least what it names.
	const position = await latestPosition(db.sql);
	const data = await loadStatus(db.sql);
	const zone = data.page.time_zone;
	const ids = [
		...new Set(
			[...data.recent, ...data.unresolved, ...data.upcoming, ...data.active].map((i) => i.id)
		)
	].map(Number);
	const [spans, updates] = await Promise.all([
		incidents.statusHistory(db.sql, uptimeWindowStart(zone, now)),
		incidents.listUpdates(db.sql, ids)
	]);
	const uptime = computeUptime({
		components: data.components,
		spans,
		incidents: data.recent.filter((i) => i.scheduled_for === undefined),
		timeZone: zone,
		now
	});
	const bodies: StatusSnapshot['bodies'] = {};
	for (const u of updates) bodies[u.id] = { en: u.bodyEn, de: u.bodyDe };
	return { asOf: data.generatedAt, position, data, uptime, bodies };
}

export interface StatusService {
	/** The newest snapshot (null only before the first read on a node without a persisted one). */
	current(): StatusSnapshot | null;
	/** The current snapshot, after the first read from the database (or its failure). */
	ready(): Promise<StatusSnapshot | null>;
	/** Resolves once the first artefacts are with the edge (or the first read failed). */
	published(): Promise<void>;
	/** Whether the last attempt to reach the database failed. */
	readonly databaseDown: boolean;
	/** Rebuild now (coalesced: calls during a rebuild cause one more, not one each). */
	refresh(): Promise<void>;
	stop(): Promise<void>;
}

const KEY = Symbol.for('leitstand.status-service');
type Registry = { [KEY]?: StatusService };
const registry = globalThis as unknown as Registry;

/** The node's status service, if started. */
export const statusService = (): StatusService | null => registry[KEY] ?? null;

/** Events after which the public status must be read again. */
const REFRESH_ON = new Set(['status.changed', 'admin.settings_changed', 'admin.component_changed']);
const PROBE_MS = 5_000;
/** Failed probes in a row before the node calls its database unreachable. */
const PROBES_TO_DOWN = 2;

const dayIn = (zone: string, at: Date) => DateTime.fromJSDate(at, { zone }).toISODate();

/**
 * Start the node's status service: restore the persisted snapshot (served as stale until the
 * first read), read the database, then follow the stream and a health probe.
 */
export async function startStatusService(ctx: {
	db: Database;
	fanout: Fanout;
	config: Pick<Config, 'dataDir'>;
}): Promise<StatusService> {
	const { db, fanout } = ctx;
	const edge = statusEdge();
	// Tests on PostgreSQL run without a data folder: nothing is persisted then.
	const dir = ctx.config.dataDir ? join(ctx.config.dataDir, 'status') : null;
	const persisted = edge.snapshot ?? (dir ? edge.restore(dir) : null);
	let current: StatusSnapshot | null = (persisted?.data as StatusSnapshot | undefined) ?? null;
	let running: Promise<void> | null = null;
	let again = false;
	let stopped = false;
	let failures = 0;
	let down = false;
	// The first read and the first publication, each awaited once (also when they fail).
	let firstRead!: () => void;
	const read = new Promise<void>((done) => (firstRead = done));
	let firstPublished!: () => void;
	const published = new Promise<void>((done) => (firstPublished = done));

	function markDown(error: unknown) {
		if (!down)
			log.warn('status: database unreachable, serving the last snapshot', { error: String(error) });
		down = true;
		edge.setDatabaseDown(true);
	}

	async function rebuild() {
		let snapshot: StatusSnapshot;
		try {
			snapshot = await readSnapshot(db);
		} catch (error) {
			failures = PROBES_TO_DOWN;
			markDown(error);
			firstRead();
			firstPublished();
			return;
		}
		failures = 0;
		if (down) log.info('status: database reachable again');
		down = false;
		edge.setDatabaseDown(false);
		// Current first: pages rendered for the artefacts load this snapshot.
		current = snapshot;
		firstRead();
		const entries = await buildArtefacts(snapshot, edge.render);
		if (stopped) return;
		const next: EdgeSnapshot = {
			version: 1,
			asOf: snapshot.asOf,
			position: snapshot.position,
			entries,
			data: snapshot
		};
		edge.publish(next);
		firstPublished();
		log.debug('status: snapshot published', {
			position: snapshot.position,
			entries: entries.length,
			ms: Date.now() - Date.parse(snapshot.asOf)
		});
		if (dir) {
			try {
				edge.persist(dir);
			} catch (error) {
				log.error('status: snapshot could not be written', { error: String(error), dir });
			}
		}
	}

	function refresh(): Promise<void> {
		if (stopped) return Promise.resolve();
		if (running) {
			again = true;
			return running;
		}
		running = (async () => {
			do {
				again = false;
				await rebuild()
					.catch((error: unknown) =>
						log.error('status: rebuilding the snapshot failed', { error: String(error) })
					)
					.finally(() => {
						firstRead();
						firstPublished();
					});
			} while (again && !stopped);
		})().finally(() => (running = null));
		return running;
	}

	const removeSink = fanout.addSink((event) => {
		if (REFRESH_ON.has(event.type)) void refresh();
	});
	// The production entry asks for a rebuild once it can render pages.
	edge.refreshHook = () => void refresh();

	const timer = setInterval(() => {
		void (async () => {
			const probe = await databaseReachable(db);
			if (stopped) return;
			if (!probe.ok) {
				failures++;
				if (failures >= PROBES_TO_DOWN) markDown(probe.error);
				return;
			}
			failures = 0;
			// Back after an outage, or a new day in the page's zone (the bars move on): read again.
			const zone = current?.data.page.time_zone ?? 'UTC';
			if (down || !current || dayIn(zone, new Date(current.asOf)) !== dayIn(zone, new Date())) {
				void refresh();
			}
		})();
	}, PROBE_MS);
	timer.unref();

	void refresh();
	const service: StatusService = {
		current: () => current,
		async ready() {
			// Only the read: pages rendered during a rebuild load this while that rebuild waits.
			await read;
			return current;
		},
		async published() {
			await published;
		},
		get databaseDown() {
			return down;
		},
		refresh,
		async stop() {
			stopped = true;
			clearInterval(timer);
			removeSink();
			edge.refreshHook = null;
			await running;
			edge.reset();
			if (registry[KEY] === service) delete registry[KEY];
		}
	};
	registry[KEY] = service;
	return service;
}
