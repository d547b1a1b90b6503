// The words for an incident's impact on the wall: the band and the incidents tile say the same.
import { m } from '$lib/paraglide/messages';
import type { WallIncident } from '$lib/types/wall';

export const impactWord: Record<WallIncident['impact'], () => string> = {
	none: m.incident_impact_none,
	minor: m.incident_impact_minor,
	major: m.incident_impact_major,
	critical: m.incident_impact_critical,
	maintenance: m.incident_impact_maintenance
};
