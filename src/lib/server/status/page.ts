// What every status page load starts from: the snapshot in memory and the page's language.
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { StatusLang } from '$lib/types/status';
import { statusService } from './snapshot';

/** The page's language: `?lang=` (applied by the locale hook), else the visitor's. */
export const pageLang = (): StatusLang => (getLocale() === 'de' ? 'de' : 'en');

/** The node's snapshot; 503 before the first one exists. */
export async function snapshotOr503() {
	const snapshot = await statusService()?.ready();
	if (!snapshot) error(503, { code: 'unavailable', message: m.statuspage_unavailable() });
	return snapshot;
}
