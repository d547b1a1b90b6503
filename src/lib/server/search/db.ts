// The search conditions shared by the knowledge base and the ticket lists, as SQL fragments over
// the generated `search` columns and trigram indexes of sql/0008_kb.sql. A query reaches the
// database only as a parameter of `websearch_to_tsquery` / `plainto_tsquery`: operators, quotes
// and backslashes are words to them, never syntax, so no input can make a query fail.
import type { TransactionSql } from 'postgres';
import type { Queryable, Sql } from '../db/client';

/**
 * Run searches in a transaction whose statements are planned for the words actually searched,
 * from the indexes. Prepared statements otherwise switch to a generic plan after a few runs, and
 * a generic plan cannot know whether a word is in every tenth row or in none: it walks a whole
 * table for a rare word, or fetches thousands of rows for a common one. And for a common word
 * the planner prefers one pass over the table, pricing a row's text-search and trigram test
 * like an integer comparison: measured on 10,000 articles, "vpn" (in a quarter of them) took
 * 53 ms that way and 28 ms from the GIN indexes (bench:kb). Search reads indexes only.
 */
export function withWordPlans<T>(sql: Sql, run: (tx: TransactionSql) => Promise<T>): Promise<T> {
	return sql.begin(async (tx) => {
		await tx`select set_config('plan_cache_mode', 'force_custom_plan', true),
			set_config('enable_seqscan', 'off', true)`;
		return run(tx);
	}) as Promise<T>;
}

export type SearchConfig = 'german' | 'english';

/** Every word (web-search syntax: "quoted phrase", -not, or), stemmed with `config`. */
export function allWords(sql: Queryable, config: SearchConfig, query: string) {
	return config === 'german'
		? sql`websearch_to_tsquery('german', ${query})`
		: sql`websearch_to_tsquery('english', ${query})`;
}

/**
 * Any of the words (suggestions while someone types a sentence): one `plainto_tsquery` per word,
 * joined with `||` by the `kb_tsquery_any` aggregate. An initplan: evaluated once per query.
 */
export function anyWord(sql: Queryable, config: SearchConfig, words: string[]) {
	return config === 'german'
		? sql`(select kb_tsquery_any(plainto_tsquery('german', w)) from unnest(${words}::text[]) w)`
		: sql`(select kb_tsquery_any(plainto_tsquery('english', w)) from unnest(${words}::text[]) w)`;
}

/** A query in both languages (tickets have no language of their own: both stemmers index them). */
export function bothLanguages(sql: Queryable, query: string) {
	return sql`(${allWords(sql, 'german', query)} || ${allWords(sql, 'english', query)})`;
}

/** Relevance ranks the most recent matches only: a common word must not rank every ticket. */
export const RANKED_MATCHES = 200;
/** The newest tickets walked by id for a word's newest matches before the GIN index is asked. */
export const RECENT_WINDOW = 5000;

/**
 * Ids of tickets matching `query` by a stemmed word of their title, description or conversation
 * (internal notes: staff only); then, only when those are fewer than RANKED_MATCHES, titles that
 * merely look like the query (typos): next to hundreds of real matches they would rank last
 * anyway, and testing titles' trigrams is the dearest step. Every branch reads a GIN index.
 */
function matchingIds(sql: Queryable, query: string, internal: boolean) {
	const tsquery = bothLanguages(sql, query);
	return sql`
		with found as (
			select id from tickets where search @@ ${tsquery}
			union
			select ticket_id from ticket_comments
			where search @@ ${tsquery} ${internal ? sql`` : sql`and not internal`}
		)
		select id from found
		union
		select id from tickets
		where (select count(*) from found) < ${RANKED_MATCHES} and ${query} <% title`;
}

/**
 * The newest RANKED_MATCHES tickets matching `query` (as `matchingIds`): the candidates relevance
 * ranks. Asking the GIN index for a common word fetches thousands of rows only to keep the
 * newest 200, and walking all tickets backwards by id for a rare one reads the whole table; the
 * planner picks between the two from estimates that can be several times off. So both happen,
 * each bounded: the newest RECENT_WINDOW tickets are walked first (at most that many rows), and
 * only when they hold fewer than RANKED_MATCHES matches are older ones asked from the index (a
 * word that rare has few). `id + 0` keeps an ordering from choosing the walk.
 */
function recentMatchingIds(sql: Queryable, query: string, internal: boolean) {
	const tsquery = bothLanguages(sql, query);
	const notes = internal ? sql`` : sql`and not internal`;
	const N = RANKED_MATCHES;
	return sql`
		with bound as (
			select coalesce(max(id), 0) - ${RECENT_WINDOW} as floor from tickets
		), recent as (
			(select id from tickets
				where id > (select floor from bound) and search @@ ${tsquery}
				order by id desc limit ${N})
			union
			(select ticket_id from ticket_comments
				where ticket_id > (select floor from bound) and search @@ ${tsquery} ${notes}
				group by ticket_id order by ticket_id desc limit ${N})
		), found as (
			select id from recent
			union
			(select id from tickets
				where (select count(*) from recent) < ${N}
					and id <= (select floor from bound) and search @@ ${tsquery}
				order by id + 0 desc limit ${N})
			union
			(select ticket_id from ticket_comments
				where (select count(*) from recent) < ${N}
					and ticket_id <= (select floor from bound) and search @@ ${tsquery} ${notes}
				group by ticket_id order by ticket_id + 0 desc limit ${N})
		)
		select id from found
		union
		(select id from tickets
			where (select count(*) from found) < ${N} and ${query} <% title
			order by id + 0 desc limit ${N})`;
}

/** Tickets (alias `t`) matching `query` (see `matchingIds`). */
export function ticketMatches(sql: Queryable, query: string, internal: boolean) {
	return sql`t.id in (${matchingIds(sql, query, internal)})`;
}

/** The newest RANKED_MATCHES tickets matching `query`: the candidates relevance ranks. */
export function recentTicketMatches(sql: Queryable, query: string, internal: boolean) {
	return sql`t.id in (select id from (${recentMatchingIds(sql, query, internal)}) m
		order by id desc limit ${RANKED_MATCHES})`;
}

/** How well a matching ticket (alias `t`) fits `query`: title over description over conversation. */
export function ticketRank(sql: Queryable, query: string, internal: boolean) {
	const tsquery = bothLanguages(sql, query);
	return sql`(ts_rank(t.search, ${tsquery}, 1) + 0.1 * word_similarity(${query}, t.title)
		+ 0.5 * coalesce((select max(ts_rank(c.search, ${tsquery}, 1)) from ticket_comments c
			where c.ticket_id = t.id and c.search @@ ${tsquery}
			${internal ? sql`` : sql`and not c.internal`}), 0))`;
}
