// Display names for incident vocabulary, in the current locale.
import { m } from '$lib/paraglide/messages';
import type { AnyIncidentStatus, ComponentStatus, Impact } from '$lib/types/incident';

export const incidentStatusLabel: Record<AnyIncidentStatus, () => string> = {
	investigating: m.incident_status_investigating,
	identified: m.incident_status_identified,
	monitoring: m.incident_status_monitoring,
	resolved: m.incident_status_resolved,
	scheduled: m.incident_status_scheduled,
	in_progress: m.incident_status_in_progress,
	verifying: m.incident_status_verifying,
	completed: m.incident_status_completed
};

export const impactLabel: Record<Impact, () => string> = {
	none: m.incident_impact_none,
	minor: m.incident_impact_minor,
	major: m.incident_impact_major,
	critical: m.incident_impact_critical,
	maintenance: m.incident_impact_maintenance
};

export const componentStatusLabel: Record<ComponentStatus, () => string> = {
	operational: m.incident_component_operational,
	degraded_performance: m.incident_component_degraded_performance,
	partial_outage: m.incident_component_partial_outage,
	major_outage: m.incident_component_major_outage,
	under_maintenance: m.incident_component_under_maintenance
};

/** Tailwind classes per impact: grey for none, amber, orange and red, blue for maintenance. */
export const impactTone: Record<Impact, string> = {
	none: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300',
	minor: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300',
	major: 'bg-orange-100 text-orange-900 dark:bg-orange-950 dark:text-orange-300',
	critical: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300',
	maintenance: 'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300'
};

export const componentTone: Record<ComponentStatus, string> = {
	operational: 'text-emerald-700 dark:text-emerald-400',
	degraded_performance: 'text-amber-700 dark:text-amber-400',
	partial_outage: 'text-orange-700 dark:text-orange-400',
	major_outage: 'text-red-700 dark:text-red-400',
	under_maintenance: 'text-sky-700 dark:text-sky-400'
};

/** Minutes since `iso` as "12 min", "3 h 5 min", "2 d 4 h". */
export function since(iso: string, now: number): string {
	const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
	const days = Math.floor(minutes / 1440);
	const hours = Math.floor((minutes % 1440) / 60);
	const mins = minutes % 60;
	if (days > 0) return hours ? `${days} d ${hours} h` : `${days} d`;
	if (hours > 0) return mins ? `${hours} h ${mins} min` : `${hours} h`;
	return mins > 0 ? `${mins} min` : '< 1 min';
}

/** `iso` as a `datetime-local` value in `zone` ("2026-12-01T09:30"); "" for null. */
export function localInput(iso: string | null | undefined, zone: string): string {
	if (!iso) return '';
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: zone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(new Date(iso));
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
	return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}
