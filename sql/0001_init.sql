-- Leitstand foundation: people, groups, sessions, tokens, the event log and login throttling.

create table users (
	id integer generated always as identity primary key,
	email text not null,
	name text not null,
	role text not null check (role in ('requester', 'agent', 'lead', 'admin')),
	password_hash text,
	locale text check (locale in ('en', 'de')),
	active boolean not null default true,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

-- A group works at one support level (1-3) in one area, e.g. "Network" at level 2.
create table groups (
	id integer generated always as identity primary key,
	name text not null unique,
	level smallint not null check (level between 1 and 3),
	area text not null,
	created_at timestamptz not null default now()
);

create table group_members (
	group_id integer not null references groups (id) on delete cascade,
	user_id integer not null references users (id) on delete cascade,
	primary key (group_id, user_id)
);
create index group_members_user_idx on group_members (user_id);

-- Session id = hex SHA-256 of the random token in the cookie; the token itself is never stored.
create table sessions (
	id text primary key,
	user_id integer not null references users (id) on delete cascade,
	expires_at timestamptz not null,
	created_at timestamptz not null default now()
);
create index sessions_user_idx on sessions (user_id);
create index sessions_expires_idx on sessions (expires_at);

-- API tokens act as their user; only the SHA-256 hash is kept, plus a prefix to recognise them.
create table api_tokens (
	id integer generated always as identity primary key,
	user_id integer not null references users (id) on delete cascade,
	name text not null,
	token_hash text not null unique,
	prefix text not null,
	created_at timestamptz not null default now(),
	last_used_at timestamptz,
	revoked_at timestamptz
);
create index api_tokens_user_idx on api_tokens (user_id);

-- The spine: every change appends one row here in the same transaction. It is the audit trail,
-- the ticket history, and what the realtime gateway replays to clients that reconnect.
create table events (
	id bigint generated always as identity primary key,
	topic text not null,
	type text not null,
	audience text not null check (audience ~ '^(public|agents|requester:[0-9]+)$'),
	actor_id integer references users (id) on delete set null,
	payload jsonb not null default '{}'::jsonb,
	created_at timestamptz not null default now()
);
create index events_topic_idx on events (topic, id);
create index events_created_idx on events (created_at);

-- Store of rate-limiter-flexible (login throttling), shared by every node.
create table rate_limits (
	key varchar(255) primary key,
	points integer not null default 0,
	expire bigint
);
