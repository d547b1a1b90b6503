import { json } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guard';
import * as incidents from '$lib/server/incidents/db';
import { matchIncidents } from '$lib/server/incidents/match';
import { getLocale } from '$lib/paraglide/runtime';
import type { AffectedOffer } from '$lib/types/incident';
import type { RequestHandler } from './$types';

/**
 * Active incidents a new ticket matches, while the requester types: `?q=` (title and
 * description, at most 500 characters used) and `?categoryId=`. Public wording only.
 */
export const GET: RequestHandler = async (event) => {
	const me = requireUser(event);
	const q = (event.url.searchParams.get('q') ?? '').slice(0, 500);
	const rawCategory = event.url.searchParams.get('categoryId') ?? '';
	const categoryId = /^\d{1,9}$/.test(rawCategory) ? Number(rawCategory) : null;
	const { db } = await app();
	const matched = matchIncidents(await incidents.matchableIncidents(db.sql), q, categoryId);
	const affected = await incidents.affectedAmong(
		db.sql,
		me.id,
		matched.map((x) => x.incident.id)
	);
	const german = getLocale() === 'de';
	const offers: AffectedOffer[] = matched.map(({ incident: i }) => ({
		id: i.id,
		title: i.title,
		impact: i.impact,
		status: i.status,
		startedAt: i.startedAt,
		message: (german ? i.latestDe || i.latestEn : i.latestEn || i.latestDe).slice(0, 300),
		affectedUsers: i.affectedUsers,
		affected: affected.has(i.id)
	}));
	return json({ incidents: offers }, { headers: { 'cache-control': 'no-store' } });
};
