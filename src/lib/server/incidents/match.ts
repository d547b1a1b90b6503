// "I am affected too": which active incidents a new ticket's words (and area) are probably about.
// Pure: the incidents come in with their words; tested without a database.
import { significantWords } from './service';
import type { MatchableIncident } from './db';

/** Does a typed word name the same thing as an incident's word ("drops" ~ "drop", "vpn")? */
function sameWord(a: string, b: string): boolean {
	if (a === b) return true;
	const [short, long] = a.length <= b.length ? [a, b] : [b, a];
	return short.length >= 4 && long.startsWith(short);
}

/**
 * Active incidents that match `text` (a title being typed, with its description), best first:
 * each shared word counts one, the ticket's area being one the incident's tickets are in counts
 * one. Nothing typed and no area: no match.
 */
export function matchIncidents(
	incidents: MatchableIncident[],
	text: string,
	categoryId: number | null,
	limit = 3
): Array<{ incident: MatchableIncident; score: number }> {
	const typed = significantWords(text);
	const scored = incidents.map((incident) => {
		const words = significantWords(incident.text);
		const shared = typed.filter((t) => words.some((w) => sameWord(t, w))).length;
		const area = categoryId !== null && incident.categoryIds.includes(categoryId) ? 1 : 0;
		return { incident, score: shared + area, shared };
	});
	return scored
		.filter((s) => s.shared > 0 || (s.score > 0 && typed.length === 0))
		.sort((a, b) => b.score - a.score || b.incident.startedAt.localeCompare(a.incident.startedAt))
		.slice(0, limit)
		.map(({ incident, score }) => ({ incident, score }));
}
