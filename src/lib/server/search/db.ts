// The search conditions shared by the knowledge base and the ticket lists, as SQL fragments over
// the generated `search` columns and trigram indexes of sql/0008_kb.sql. A query reaches the
// database only as a parameter of `websearch_to_tsquery` / `plainto_tsquery`: operators, quotes
// and backslashes are words to them, never syntax, so no input can make a query fail.
import type { TransactionSql } from 'postgres';
import type { Queryable, Sql } from '../db/client';

/**
 * Run searches in a transaction whose statements are planned for the words actually searched.
 * Prepared statements otherwise switch to a generic plan after a few runs, and a generic plan
 * cannot know whether a word is in every tenth row or in none: it walks a whole table for a rare
 * word, or fetches thousands of rows for a common one.
 */
export function withWordPlans<T>(sql: Sql, run: (tx: TransactionSql) => Promise<T>): Promise<T> {
	return sql.begin(async (tx) => {
		await tx`set local plan_cache_mode = force_custom_plan`;
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

/** Ids of tickets matching `query` in title, description, or conversation (notes: staff). */
function matchingIds(sql: Queryable, query: string, internal: boolean) {
	const tsquery = bothLanguages(sql, query);
	return sql`
		select id from tickets where search @@ ${tsquery} or ${query} <% title
		union
		select ticket_id from ticket_comments
		where search @@ ${tsquery} ${internal ? sql`` : sql`and not internal`}`;
}

/**
 * Tickets (alias `t`) matching `query` by a stemmed word of their title, description or
 * conversation (internal notes too when `internal`: staff), or by a title containing something
 * that looks like the query (typos: trigram word similarity). Each branch is a GIN index scan;
 * the ids are joined back: no table is scanned.
 */
export function ticketMatches(sql: Queryable, query: string, internal: boolean) {
	return sql`t.id in (${matchingIds(sql, query, internal)})`;
}

/** Relevance ranks the most recent matches only: a common word must not rank every ticket. */
export const RANKED_MATCHES = 200;

/** The newest RANKED_MATCHES tickets matching `query` (the candidates relevance ranks). */
export function recentTicketMatches(sql: Queryable, query: string, internal: boolean) {
	return sql`t.id in (select id from (${matchingIds(sql, query, internal)}) m
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
