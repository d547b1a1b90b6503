import { error } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { computeWallSnapshot } from '$lib/server/dashboard/service';
import { latestPosition } from '$lib/server/events/db';
import { canManageWalls } from '$lib/server/walls/service';
import * as walls from '$lib/server/walls/db';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

/**
 * A kiosk opens `/wall?token=lsw_…` without a session; staff open their default wall (the first)
 * or `?wall=<id>`. Agents may look too: the wall shows nothing their desk does not.
 */
export const load: PageServerLoad = async (event) => {
	const { db } = await app();
	const { url } = event;
	const token = url.searchParams.get('token');
	const theme = url.searchParams.get('theme') === 'light' ? 'light' : 'dark';

	let wallId: number;
	let me: { name: string; manages: boolean } | null = null;
	if (token !== null) {
		// The token is in the address: keep it out of Referer headers and caches.
		event.setHeaders({ 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
		const found = await walls.validateWallToken(db.sql, token);
		if (!found) error(401, { code: 'wall_token_invalid', message: m.wall_token_invalid() });
		wallId = found.wall.id;
	} else {
		const user = requireRole(event, 'agent', 'lead', 'admin');
		me = { name: user.name, manages: canManageWalls(user) };
		const requested = url.searchParams.get('wall');
		if (requested !== null) {
			if (!/^[1-9]\d{0,8}$/.test(requested))
				error(404, { code: 'not_found', message: 'Not found' });
			wallId = Number(requested);
		} else {
			const [first] = await walls.listWalls(db.sql);
			if (!first) error(404, { code: 'not_found', message: m.wall_error_not_found() });
			wallId = first.id;
		}
	}

	// The position first: the socket then replays from here, so nothing between is missed.
	const position = await latestPosition(db.sql);
	const snapshot = await computeWallSnapshot(db.sql, wallId, new Date(), position);
	if (!snapshot) error(404, { code: 'not_found', message: m.wall_error_not_found() });
	return {
		snapshot,
		position,
		theme,
		/** Only a kiosk's own token, which it already has in its address. */
		wallToken: token,
		me,
		walls: me ? (await walls.listWalls(db.sql)).map((w) => ({ id: w.id, name: w.name })) : []
	};
};
