// Pushes wall figures to the screens of this node. Figures are computed once per burst of
// changes (at most once a second) per wall that has a screen here, never per screen or per event,
// and go out as one message per wall.
import type { Server, Socket } from 'socket.io';
import type { AppContext } from '../app';
import { computeWallSnapshot } from '../dashboard/service';
import { log } from '../log';
import { metrics } from '../metrics';
import type { LeitstandEvent } from '$lib/types/events';
import type { WallSnapshot } from '$lib/types/wall';

/** At most one computation per wall per this interval. */
export const WALL_INTERVAL_MS = 1000;
/** Recompute even without changes this often: ages grow, and "today" ends at midnight. */
const REFRESH_MS = 30_000;

export interface WallHub {
	follow(socket: Socket, wallId: number): void;
	unfollow(socket: Socket, wallId: number): void;
	unfollowAll(socket: Socket): void;
	onEvent(event: LeitstandEvent): void;
	stop(): Promise<void>;
}

/** Event types that can move a wall figure. */
const MOVES_FIGURES = /^(ticket|sla|queue|incident|status)\./;

export function startWallHub(io: Server, ctx: AppContext): WallHub {
	const screens = new Map<number, Set<Socket>>();
	const latest = new Map<number, WallSnapshot>();
	/** Walls whose figures may have changed since they were last computed. */
	const dirty = new Set<number>();
	let computing: Promise<void> | null = null;
	let stopped = false;

	async function computeAll() {
		const now = new Date();
		for (const wallId of [...screens.keys()]) {
			if (stopped) return;
			const last = latest.get(wallId);
			const stale = !last || now.getTime() - Date.parse(last.at) >= REFRESH_MS;
			if (!dirty.has(wallId) && !stale) continue;
			dirty.delete(wallId);
			const position = ctx.fanout.position;
			try {
				const snapshot = await computeWallSnapshot(ctx.db.sql, wallId, now, position);
				metrics().wallComputations.inc();
				if (!snapshot) continue; // the wall was deleted; its screens learn it from the page
				latest.set(wallId, snapshot);
				const ids = [...(screens.get(wallId) ?? [])].map((s) => s.id);
				if (ids.length > 0) io.to(ids).emit('wall', snapshot);
			} catch (error) {
				dirty.add(wallId);
				log.warn('wall figures failed', { wallId, error: String(error) });
			}
		}
	}

	function tick() {
		if (computing || stopped) return;
		computing = computeAll().finally(() => (computing = null));
	}

	const timer = setInterval(tick, WALL_INTERVAL_MS);
	timer.unref();

	return {
		follow(socket, wallId) {
			let set = screens.get(wallId);
			if (!set) screens.set(wallId, (set = new Set()));
			set.add(socket);
			const last = latest.get(wallId);
			if (last && !dirty.has(wallId)) socket.emit('wall', last);
			else {
				dirty.add(wallId);
				tick();
			}
		},
		unfollow(socket, wallId) {
			const set = screens.get(wallId);
			set?.delete(socket);
			if (set?.size === 0) {
				screens.delete(wallId);
				latest.delete(wallId);
			}
		},
		unfollowAll(socket) {
			for (const wallId of [...screens.keys()]) this.unfollow(socket, wallId);
		},
		onEvent(event) {
			if (!MOVES_FIGURES.test(event.type)) return;
			for (const wallId of screens.keys()) dirty.add(wallId);
		},
		async stop() {
			stopped = true;
			clearInterval(timer);
			await computing;
		}
	};
}
