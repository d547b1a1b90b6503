// What a person typed into a search box, made safe and small before it reaches the database.
// Pure: the SQL that uses it (search/db.ts) never builds a tsquery from text; PostgreSQL's own
// `websearch_to_tsquery` / `plainto_tsquery` parse it, so operators and quotes are just words.

/** Longer queries are cut: nobody searches with more, and every query stays cheap. */
export const MAX_QUERY_LENGTH = 200;
/** "Any of the words" uses at most this many words (a pasted paragraph stays one query). */
export const MAX_QUERY_WORDS = 24;

// Controls (NUL included), bidi controls, and Unicode line separators: spaces to a search.
const NOISE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
// A word for "any of the words": letters and digits, with inner hyphens or dots (e-mail, 2.4).
const WORD = /[\p{L}\p{N}]+(?:[-.][\p{L}\p{N}]+)*/gu;

/**
 * The query to search with: any value (a missing or repeated parameter too) becomes a string
 * without control characters, whitespace collapsed, at most MAX_QUERY_LENGTH characters (cut
 * at a space where there is one, and never inside a surrogate pair).
 */
export function normaliseQuery(raw: unknown): string {
	if (typeof raw !== 'string') return '';
	const text = raw.replace(NOISE, ' ').replace(/\s+/gu, ' ').trim();
	if (text.length <= MAX_QUERY_LENGTH) return text;
	let cut = text.slice(0, MAX_QUERY_LENGTH);
	if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
	const space = cut.lastIndexOf(' ');
	return (space > MAX_QUERY_LENGTH / 2 ? cut.slice(0, space) : cut).trim();
}

/** The distinct words of a normalised query, lower-cased, in order, at most MAX_QUERY_WORDS. */
export function queryWords(query: string): string[] {
	const words = new Set<string>();
	for (const [word] of query.toLowerCase().matchAll(WORD)) {
		words.add(word);
		if (words.size === MAX_QUERY_WORDS) break;
	}
	return [...words];
}

/** Words for typo correction: runs of 3–40 letters, lower-cased, distinct (at most `max`). */
export function letterWords(text: string, max = 5000): string[] {
	const words = new Set<string>();
	for (const [word] of text.toLowerCase().matchAll(/\p{L}+/gu)) {
		if (word.length >= 3 && word.length <= 40) words.add(word);
		if (words.size === max) break;
	}
	return [...words];
}

/** The query with corrected words put in (case-insensitively); the rest stays as typed. */
export function correctQuery(query: string, corrections: ReadonlyMap<string, string>): string {
	return query.replace(/\p{L}+/gu, (word) => corrections.get(word.toLowerCase()) ?? word);
}

/** True when a query has something to search for (at least one letter or digit). */
export const isSearchable = (query: string) => /[\p{L}\p{N}]/u.test(query);

/** A ticket number as people type it ("1042", "#1042"), else null. */
export function ticketNumberQuery(query: string): number | null {
	const match = /^#?(\d{1,9})$/.exec(query.trim());
	return match ? Number(match[1]) : null;
}

/**
 * A snippet from `ts_headline` with its match markers (U+0002 … U+0003, characters no stored
 * text can hold) as parts, so pages render the highlights without inserting HTML.
 */
export function snippetParts(marked: string): Array<{ text: string; hit: boolean }> {
	const parts: Array<{ text: string; hit: boolean }> = [];
	for (const [i, piece] of marked.replaceAll('\u0003', '\u0002').split('\u0002').entries()) {
		if (piece) parts.push({ text: piece, hit: i % 2 === 1 });
	}
	return parts;
}
