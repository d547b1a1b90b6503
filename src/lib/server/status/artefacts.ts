// What the status edge serves, made once per snapshot: the Statuspage v2 JSON documents, the
// Atom and RSS feeds (with the `feed` library) and the pages, rendered by SvelteKit itself when
// the production entry gives a renderer. Pages and feeds also get a "stale" variant that says how
// old they are, served while the database is away.
import { Feed } from 'feed';
import { incidentWord } from '$lib/components/status/words';
import { timeFormat } from '$lib/format/time';
import { m } from '$lib/paraglide/messages';
import type { V2Incident } from '$lib/types/incident';
import { STATUS_LANGS, type StatusLang } from '$lib/types/status';
import { baseUrl } from '../http/base-url';
import { log } from '../log';
import type { EdgeEntryInput } from './edge.js';
import { v2Components, v2Summary } from './model';
import type { StatusSnapshot } from './snapshot';
import { historyPages, snapshotIncidents } from './view';

export type Renderer = (
	path: string
) => Promise<{ status: number; headers: Record<string, string>; body: string }>;

const JSON_TYPE = 'application/json; charset=utf-8';
const isMaintenance = (i: V2Incident) => i.scheduled_for !== undefined;

/** The v2 documents by path, exactly as Statuspage nests them. */
export function v2Documents(s: StatusSnapshot): Record<string, unknown> {
	const page = s.data.page;
	const recent = s.data.recent;
	return {
		'/api/v2/summary.json': v2Summary(s.data),
		'/api/v2/status.json': { page, status: s.data.status },
		'/api/v2/components.json': { page, components: v2Components(s.data) },
		'/api/v2/incidents.json': { page, incidents: recent.filter((i) => !isMaintenance(i)) },
		'/api/v2/incidents/unresolved.json': { page, incidents: s.data.unresolved },
		'/api/v2/scheduled-maintenances.json': {
			page,
			scheduled_maintenances: recent.filter(isMaintenance)
		},
		'/api/v2/scheduled-maintenances/upcoming.json': {
			page,
			scheduled_maintenances: s.data.upcoming
		},
		'/api/v2/scheduled-maintenances/active.json': { page, scheduled_maintenances: s.data.active }
	};
}

export const V2_PATHS = [
	'/api/v2/summary.json',
	'/api/v2/status.json',
	'/api/v2/components.json',
	'/api/v2/incidents.json',
	'/api/v2/incidents/unresolved.json',
	'/api/v2/scheduled-maintenances.json',
	'/api/v2/scheduled-maintenances/upcoming.json',
	'/api/v2/scheduled-maintenances/active.json'
] as const;

/** "23 Aug 2026, 10:42 CEST" / "23. Aug. 2026, 10:42 MESZ": the data's time, with its zone. */
const asOfText = (s: StatusSnapshot, lang: StatusLang) =>
	timeFormat(lang, s.data.page.time_zone).withZone(s.asOf);

/** Atom or RSS of every incident and maintenance update in the snapshot, newest first. */
export function statusFeed(
	s: StatusSnapshot,
	lang: StatusLang,
	format: 'atom' | 'rss',
	options: { stale?: boolean } = {}
): string {
	const base = baseUrl();
	const o = { locale: lang };
	const name = s.data.page.name;
	const feed = new Feed({
		title: options.stale ? m.statuspage_feed_stale({ name, time: asOfText(s, lang) }, o) : name,
		description: m.statuspage_title({}, o),
		id: `${base}/status?lang=${lang}`,
		link: `${base}/status?lang=${lang}`,
		language: lang,
		updated: new Date(s.data.page.updated_at),
		generator: 'Leitstand',
		copyright: name,
		feedLinks: {
			atom: `${base}/status/feed.atom?lang=${lang}`,
			rss: `${base}/status/feed.rss?lang=${lang}`
		}
	});
	const items: Array<{ date: Date; add: () => void }> = [];
	for (const incident of snapshotIncidents(s).values()) {
		for (const u of incident.incident_updates) {
			const b = s.bodies[u.id];
			const body = (lang === 'de' ? b?.de || b?.en : b?.en || b?.de) || u.body;
			const link = `${base}/status/incidents/${incident.id}?lang=${lang}#update-${u.id}`;
			const date = new Date(u.display_at);
			items.push({
				date,
				add: () =>
					feed.addItem({
						title: m.statuspage_feed_entry(
							{ incident: incident.name, status: incidentWord(u.status, lang) },
							o
						),
						id: link,
						link,
						description: body,
						content: body,
						date,
						published: date
					})
			});
		}
	}
	items.sort((a, b) => b.date.getTime() - a.date.getTime());
	for (const item of items) item.add();
	return format === 'atom' ? feed.atom1() : feed.rss2();
}

/** The notice a page carries while its data cannot be refreshed; outside the app's markup. */
export function staleBanner(s: StatusSnapshot, lang: StatusLang): string {
	const o = { locale: lang };
	const text = m.statuspage_stale({ time: asOfText(s, lang) }, o);
	const title = m.statuspage_stale_title({}, o);
	return (
		`<div id="status-stale" role="status" class="border-b-2 border-amber-500 bg-amber-50 ` +
		`px-4 py-3 text-center text-amber-950 dark:bg-amber-950 dark:text-amber-50">` +
		`<p><strong>${escapeHtml(title)}.</strong> ${escapeHtml(text)}</p></div>`
	);
}

export function escapeHtml(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);
}

/** The page with the stale notice right after `<body>` (outside the hydrated markup). */
export const withStaleBanner = (html: string, banner: string) =>
	html.replace(/<body[^>]*>/, (tag) => `${tag}${banner}`);

/** Every page the edge holds: paths without the language. */
export function pagePaths(s: StatusSnapshot): string[] {
	const paths = ['/status', '/status/history'];
	for (let page = 2; page <= historyPages(s); page++) paths.push(`/status/history?page=${page}`);
	for (const id of snapshotIncidents(s).keys()) paths.push(`/status/incidents/${id}`);
	return paths;
}

const KEPT_HEADERS = [
	'content-security-policy',
	'x-frame-options',
	'referrer-policy',
	'x-content-type-options'
];

/** All artefacts of a snapshot; pages only with a renderer (the production entry). */
export async function buildArtefacts(
	s: StatusSnapshot,
	render: Renderer | null
): Promise<EdgeEntryInput[]> {
	const entries: EdgeEntryInput[] = [];
	for (const [path, doc] of Object.entries(v2Documents(s))) {
		entries.push({ path, lang: null, type: JSON_TYPE, body: JSON.stringify(doc) });
	}
	for (const lang of STATUS_LANGS) {
		for (const format of ['atom', 'rss'] as const) {
			entries.push({
				path: `/status/feed.${format}`,
				lang,
				type:
					format === 'atom'
						? 'application/atom+xml; charset=utf-8'
						: 'application/rss+xml; charset=utf-8',
				body: statusFeed(s, lang, format),
				staleBody: statusFeed(s, lang, format, { stale: true })
			});
		}
	}
	if (!render) return entries;
	for (const lang of STATUS_LANGS) {
		const banner = staleBanner(s, lang);
		for (const path of pagePaths(s)) {
			const url = `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
			try {
				const page = await render(url);
				if (page.status !== 200) {
					log.warn('status: page not rendered', { path: url, status: page.status });
					continue;
				}
				const headers: Record<string, string> = {};
				for (const name of KEPT_HEADERS) if (page.headers[name]) headers[name] = page.headers[name];
				entries.push({
					path,
					lang,
					type: 'text/html; charset=utf-8',
					body: page.body,
					staleBody: withStaleBanner(page.body, banner),
					headers
				});
			} catch (error) {
				log.error('status: rendering a page failed', { path: url, error: String(error) });
			}
		}
	}
	return entries;
}
