// What team leads and admins change about walls: which groups each wall shows, and the read-only
// kiosk tokens that open one. Each change is validated, runs in one transaction and appends an
// `admin.wall_changed` event (the audit trail); a token's secret is never written to it.
import { z } from 'zod';
import type { Database, TxContext } from '../db/client';
import { groupLevels } from '../admin/db';
import { identityChanged } from '../auth/identity';
import { hasRole } from '../auth/roles';
import {
	DomainError,
	forbidden,
	invalid as refusedFields,
	notFound as missing,
	parseInput
} from '../errors';
import { appendEvent } from '../events/writer';
import { MAX_DB_ID, singleLine } from '../validation/fields';
import * as walls from './db';
import { m } from '$lib/paraglide/messages';
import type { SessionUser } from '$lib/types/user';
import type { WallConfig } from '$lib/types/wall';

/** Who may manage walls and their tokens. */
export const WALL_MANAGERS = ['lead', 'admin'] as const;

export function canManageWalls(user: SessionUser | null): boolean {
	return hasRole(user, WALL_MANAGERS);
}

function assertManager(actor: SessionUser) {
	if (!canManageWalls(actor)) throw forbidden(m.wall_error_forbidden());
}

const invalid = (fields: Record<string, string>) => refusedFields(fields, m.wall_error_fields());
const notFound = () => missing(m.wall_error_not_found());
const parse = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> => {
	try {
		return parseInput(schema, input);
	} catch (error) {
		// The same field messages, with the walls page's summary.
		if (error instanceof DomainError) throw invalid(error.fields);
		throw error;
	}
};

const wallId = z.coerce
	.number({ error: () => m.wall_error_choose() })
	.int({ error: () => m.wall_error_choose() })
	.min(1, { error: () => m.wall_error_choose() })
	.max(MAX_DB_ID, { error: () => m.wall_error_choose() });
const groupIds = z
	.array(wallId, { error: () => m.wall_error_choose() })
	.max(200, { error: () => m.wall_error_choose() })
	.transform((ids) => [...new Set(ids)].sort((a, b) => a - b));
const wallName = singleLine(100, () => m.wall_field_name());
const tokenName = singleLine(100, () => m.wall_field_token_name());

type WallChange = 'created' | 'updated' | 'deleted' | 'token_created' | 'token_revoked';

/** Run `change` in one transaction and record it as `admin.wall_changed`. */
function audited<T>(
	db: Database,
	actor: SessionUser,
	change: (tx: TxContext) => Promise<{
		result: T;
		payload: { wallId: number; change: WallChange } & Record<string, unknown>;
	}>
): Promise<T> {
	return db.transaction(async (tx) => {
		const { result, payload } = await change(tx);
		await appendEvent(tx, {
			topic: 'admin',
			type: 'admin.wall_changed',
			audience: 'admins',
			actorId: actor.id,
			payload
		});
		return result;
	});
}

async function assertGroupsExist(tx: TxContext, ids: number[]) {
	const found = await groupLevels(tx.sql, ids);
	if (ids.some((g) => !found.has(g))) throw invalid({ groupIds: m.wall_error_group_unknown() });
}

async function assertNameFree(tx: TxContext, name: string, exceptId: number | null) {
	const taken = (await walls.listWalls(tx.sql)).some(
		(w) => w.id !== exceptId && w.name.toLowerCase() === name.toLowerCase()
	);
	if (taken) throw invalid({ name: m.wall_error_name_taken() });
}

async function existingWall(tx: TxContext, id: number): Promise<WallConfig> {
	const wall = await walls.getWall(tx.sql, id);
	if (!wall) throw notFound();
	return wall;
}

export interface WallInput {
	name: string;
	/** Groups to show; none = every group. */
	groupIds?: Array<number | string>;
}

/** A new wall showing `groupIds` (none: every group). */
export async function createWall(
	db: Database,
	actor: SessionUser,
	input: WallInput
): Promise<WallConfig> {
	assertManager(actor);
	const data = parse(z.object({ name: wallName, groupIds: groupIds.default([]) }), input);
	return audited(db, actor, async (tx) => {
		await assertNameFree(tx, data.name, null);
		await assertGroupsExist(tx, data.groupIds);
		const wall = await walls.insertWall(tx.sql, { ...data, createdBy: actor.id });
		return {
			result: wall,
			payload: { wallId: wall.id, change: 'created', name: wall.name, groupIds: wall.groupIds }
		};
	});
}

/** Rename a wall and choose the groups it shows (none = every group), in one change. */
export async function updateWall(
	db: Database,
	actor: SessionUser,
	id: number | string,
	input: WallInput
): Promise<WallConfig> {
	assertManager(actor);
	const data = parse(z.object({ id: wallId, name: wallName, groupIds: groupIds.default([]) }), {
		id,
		...input
	});
	return audited(db, actor, async (tx) => {
		const wall = await existingWall(tx, data.id);
		await assertNameFree(tx, data.name, wall.id);
		await assertGroupsExist(tx, data.groupIds);
		const saved = (await walls.updateWall(tx.sql, wall.id, data))!;
		return {
			result: saved,
			payload: {
				wallId: wall.id,
				change: 'updated',
				from: { name: wall.name, groupIds: wall.groupIds },
				to: { name: saved.name, groupIds: saved.groupIds }
			}
		};
	});
}

/** Delete a wall and its tokens (their screens are cut off). One wall always remains. */
export async function deleteWall(db: Database, actor: SessionUser, id: number | string) {
	assertManager(actor);
	const data = parse(z.object({ id: wallId }), { id });
	return audited(db, actor, async (tx) => {
		const wall = await existingWall(tx, data.id);
		if ((await walls.listWalls(tx.sql)).length <= 1) {
			throw new DomainError(409, 'conflict', m.wall_error_last_wall());
		}
		await walls.deleteWall(tx.sql, wall.id);
		return { result: undefined, payload: { wallId: wall.id, change: 'deleted', name: wall.name } };
	});
}

/** A kiosk token for one wall. The plain token is returned here once and never stored. */
export async function createWallToken(
	db: Database,
	actor: SessionUser,
	input: { wallId: number | string; name: string }
): Promise<{ id: number; token: string; wall: WallConfig }> {
	assertManager(actor);
	const data = parse(z.object({ wallId, name: tokenName }), input);
	return audited(db, actor, async (tx) => {
		const wall = await existingWall(tx, data.wallId);
		const { id, token } = await walls.insertWallToken(tx.sql, {
			wallId: wall.id,
			name: data.name,
			createdBy: actor.id
		});
		return {
			result: { id, token, wall },
			payload: {
				wallId: wall.id,
				change: 'token_created',
				tokenId: id,
				name: data.name,
				prefix: token.slice(0, 10)
			}
		};
	});
}

/** Revoke a kiosk token; screens using it are disconnected within seconds. */
export async function revokeWallToken(db: Database, actor: SessionUser, id: number | string) {
	assertManager(actor);
	const data = parse(z.object({ id: wallId }), { id });
	return audited(db, actor, async (tx) => {
		const token = (await walls.listWallTokens(tx.sql)).find((t) => t.id === data.id);
		if (!token) throw notFound();
		if (!(await walls.revokeWallToken(tx.sql, token.id))) {
			throw new DomainError(409, 'conflict', m.wall_error_token_revoked());
		}
		// Its screens are cut off at once, on every node.
		await identityChanged(tx);
		return {
			result: undefined,
			payload: {
				wallId: token.wallId,
				change: 'token_revoked',
				tokenId: token.id,
				name: token.name
			}
		};
	});
}
