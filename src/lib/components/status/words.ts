// The status page's words in the page's language (chosen per page, not per visitor's cookie, so
// the server, the hydrated page and the cached copy all read the same). Statuspage's wording in
// English; in German the Sie form and the glossary Störung, Teilausfall, Wartung, Behoben.
import { m } from '$lib/paraglide/messages';
import type { AnyIncidentStatus, ComponentStatus, Impact } from '$lib/types/incident';
import type { StatusLang } from '$lib/types/status';

type Lang = { locale: StatusLang };

const COMPONENT: Record<ComponentStatus, (i: object, o: Lang) => string> = {
	operational: m.statuspage_component_operational,
	degraded_performance: m.statuspage_component_degraded_performance,
	partial_outage: m.statuspage_component_partial_outage,
	major_outage: m.statuspage_component_major_outage,
	under_maintenance: m.statuspage_component_under_maintenance
};

const INCIDENT: Record<AnyIncidentStatus, (i: object, o: Lang) => string> = {
	investigating: m.statuspage_incident_investigating,
	identified: m.statuspage_incident_identified,
	monitoring: m.statuspage_incident_monitoring,
	resolved: m.statuspage_incident_resolved,
	scheduled: m.statuspage_incident_scheduled,
	in_progress: m.statuspage_incident_in_progress,
	verifying: m.statuspage_incident_verifying,
	completed: m.statuspage_incident_completed
};

const IMPACT: Record<Impact, (i: object, o: Lang) => string> = {
	none: m.statuspage_impact_none,
	minor: m.statuspage_impact_minor,
	major: m.statuspage_impact_major,
	critical: m.statuspage_impact_critical,
	maintenance: m.statuspage_impact_maintenance
};

/** Statuspage's overall descriptions (`status.description`) in the page's language. */
const OVERALL: Record<string, (i: object, o: Lang) => string> = {
	'All Systems Operational': m.statuspage_overall_operational,
	'Partially Degraded Service': m.statuspage_overall_degraded,
	'Minor Service Outage': m.statuspage_overall_minor,
	'Partial System Outage': m.statuspage_overall_partial,
	'Major System Outage': m.statuspage_overall_major,
	'Service Under Maintenance': m.statuspage_overall_maintenance
};

export const componentWord = (s: ComponentStatus, lang: StatusLang) =>
	COMPONENT[s]({}, { locale: lang });
export const incidentWord = (s: AnyIncidentStatus, lang: StatusLang) =>
	INCIDENT[s]({}, { locale: lang });
export const impactWord = (i: Impact, lang: StatusLang) => IMPACT[i]({}, { locale: lang });
export const overallWord = (description: string, lang: StatusLang) =>
	OVERALL[description]?.({}, { locale: lang }) ?? description;

/** "22 Aug 2026: 75 % uptime, 1 incident" — a day of the bars, as its button is named. */
export function dayLabel(
	day: { uptime: number | null; incidents: unknown[] },
	date: string,
	lang: StatusLang
): string {
	const o = { locale: lang };
	const uptime =
		day.uptime === null
			? m.statuspage_day_nodata({}, o)
			: m.statuspage_uptime({ percent: formatPercent(day.uptime, lang) }, o);
	const n = day.incidents.length;
	const incidents =
		n === 0
			? m.statuspage_day_incidents_none({}, o)
			: n === 1
				? m.statuspage_day_incidents_one({}, o)
				: m.statuspage_day_incidents_many({ count: n }, o);
	return `${date}: ${uptime}, ${incidents}`;
}

// Formatters are costly to build and the bars name 90 days per component: one per language.
const percentFormats = new Map<StatusLang, Intl.NumberFormat>();
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** "99.95" / "99,95"; whole numbers without decimals. */
export function formatPercent(value: number, lang: StatusLang): string {
	let format = percentFormats.get(lang);
	if (!format) {
		format = new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
			maximumFractionDigits: 2
		});
		percentFormats.set(lang, format);
	}
	return format.format(value);
}

/** "2 h 15 min" for the minutes of a day. */
export function minutesWord(minutes: number): string {
	const h = Math.floor(minutes / 60);
	const min = Math.round(minutes % 60);
	if (h === 0) return `${min} min`;
	return min ? `${h} h ${min} min` : `${h} h`;
}

/** "22 Aug 2026" / "22. Aug. 2026" for a calendar day (YYYY-MM-DD). */
export function dayName(ymd: string, lang: StatusLang, weekday = false): string {
	const key = `${lang}${weekday ? 'w' : ''}`;
	let format = dayFormats.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
			...(weekday ? { weekday: 'short' as const } : {}),
			day: 'numeric',
			month: 'short',
			year: 'numeric',
			timeZone: 'UTC'
		});
		dayFormats.set(key, format);
	}
	return format.format(new Date(`${ymd}T12:00:00Z`));
}
