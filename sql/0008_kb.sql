-- Knowledge base: articles in German and English with revisions and votes, the search log that
-- measures deflection, and full-text search (stemmed per language, ranked, typo-tolerant) for
-- articles and tickets alike. Runs on PostgreSQL 15+ and on PGlite (which loads pg_trgm itself).

-- Trigram similarity for typo tolerance ("Druker" finds "Drucker"). Trusted since PostgreSQL 13:
-- a database owner may create it without superuser rights.
create extension if not exists pg_trgm;

-- Any of the words: `||` of one `plainto_tsquery` per word, so a query is never built as text.
create aggregate kb_tsquery_any (tsquery) (sfunc = tsquery_or, stype = tsquery);

-- ───────────────────────── articles ─────────────────────────

create table kb_articles (
	id integer generated always as identity primary key,
	-- The address: /kb/<slug>. Lower-case words joined by hyphens, at least one letter (a slug
	-- never looks like an id).
	slug text not null unique
		check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and slug ~ '[a-z]' and length(slug) <= 120),
	title text not null check (length(title) between 1 and 200),
	-- Markdown as written; rendered through a sanitiser on the way out (src/lib/server/kb).
	body text not null check (length(body) between 1 and 50000),
	-- The rendered body as plain text: what search indexes and snippets quote (no markup).
	plain text not null,
	language text not null check (language in ('de', 'en')),
	category_id integer not null references categories (id),
	visibility text not null default 'public' check (visibility in ('public', 'internal')),
	status text not null default 'draft' check (status in ('draft', 'review', 'published')),
	-- Bumped by every change: a stale edit is refused (409), as with tickets.
	version integer not null default 1,
	author_id integer references users (id) on delete set null,
	-- The resolved ticket it was written from, if any.
	source_ticket_id integer references tickets (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	published_at timestamptz,
	views integer not null default 0,
	helpful integer not null default 0,
	unhelpful integer not null default 0,
	-- Title above body, stemmed in the article's own language.
	search tsvector generated always as (
		case language
			when 'de' then setweight(to_tsvector('german'::regconfig, title), 'A')
				|| setweight(to_tsvector('german'::regconfig, plain), 'B')
			else setweight(to_tsvector('english'::regconfig, title), 'A')
				|| setweight(to_tsvector('english'::regconfig, plain), 'B')
		end
	) stored
);
create index kb_articles_search_idx on kb_articles using gin (search);
create index kb_articles_title_trgm_idx on kb_articles using gin (title gin_trgm_ops);
-- The public list by category, and the related articles of one category.
create index kb_articles_category_idx on kb_articles (category_id, status, visibility);
-- The desk's list: newest changes first; the review queue.
create index kb_articles_updated_idx on kb_articles (updated_at desc, id desc);
create index kb_articles_review_idx on kb_articles (updated_at) where status = 'review';

-- Every saved change: what the article was after it, who made it and which fields changed.
create table kb_article_revisions (
	id integer generated always as identity primary key,
	article_id integer not null references kb_articles (id) on delete cascade,
	version integer not null,
	editor_id integer references users (id) on delete set null,
	title text not null,
	body text not null,
	language text not null,
	category_id integer not null,
	visibility text not null,
	status text not null,
	-- Names of the fields this revision changed (`created` for the first).
	changed text[] not null,
	-- Why, when the editor said (a reviewer's reason for sending it back, say).
	note text,
	created_at timestamptz not null default now(),
	unique (article_id, version)
);

-- The words the articles use (from titles and text, lower-cased): a query word that is in no
-- article is corrected to the most similar one here ("pasword" → "password") when a search finds
-- nothing as typed. Grows with the articles; a stale word costs nothing but a useless guess.
create table kb_terms (
	term text primary key check (length(term) between 3 and 40)
);
create index kb_terms_trgm_idx on kb_terms using gin (term gin_trgm_ops);

-- One vote per signed-in person and article (they may change it); anonymous votes only count.
create table kb_votes (
	article_id integer not null references kb_articles (id) on delete cascade,
	user_id integer not null references users (id) on delete cascade,
	helpful boolean not null,
	created_at timestamptz not null default now(),
	primary key (article_id, user_id)
);

-- ───────────────────────── the search log ─────────────────────────

-- What people searched for, how many articles they found, and whether an article solved their
-- problem before they opened a ticket ("deflected"). One row per search session: live typing
-- updates its session's row while the query grows, instead of logging every keystroke.
create table kb_searches (
	id bigint generated always as identity primary key,
	query text not null check (length(query) between 1 and 200),
	source text not null check (source in ('kb', 'portal', 'desk', 'api')),
	results integer not null check (results >= 0),
	deflected boolean not null default false,
	article_id integer references kb_articles (id) on delete set null,
	user_id integer references users (id) on delete set null,
	session_key text check (length(session_key) <= 64),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create index kb_searches_created_idx on kb_searches (created_at);
create index kb_searches_misses_idx on kb_searches (created_at) where results = 0;
create index kb_searches_deflected_idx on kb_searches (created_at) where deflected;
create index kb_searches_session_idx on kb_searches (session_key, id) where session_key is not null;

-- ───────────────────────── ticket search ─────────────────────────
-- Tickets carry no language of their own: both stemmers index them, and a query is matched in
-- both. Title (A) above description (B) on the ticket; each reply and note on its own comment row
-- (comments are only ever inserted: no row is rewritten to keep an index current). Internal notes
-- are searched for staff only.

alter table tickets add column search tsvector generated always as (
	setweight(to_tsvector('german'::regconfig, title), 'A')
		|| setweight(to_tsvector('english'::regconfig, title), 'A')
		|| setweight(to_tsvector('german'::regconfig, body), 'B')
		|| setweight(to_tsvector('english'::regconfig, body), 'B')
) stored;
create index tickets_fts_idx on tickets using gin (search);
create index tickets_title_trgm_idx on tickets using gin (title gin_trgm_ops);
-- The `simple` index it replaces served `to_tsvector('simple', …)`, which nothing asks for now.
drop index if exists tickets_search_idx;

alter table ticket_comments add column search tsvector generated always as (
	to_tsvector('german'::regconfig, body) || to_tsvector('english'::regconfig, body)
) stored;
create index ticket_comments_fts_idx on ticket_comments using gin (search);
