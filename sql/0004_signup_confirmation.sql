-- Self sign-up: an account is created only once the owner of the address opens the link mailed
-- to it and chooses a password. Only the SHA-256 of the link's token is stored; a request is
-- used once (`used_at`) and expires.
create table signup_requests (
	id integer generated always as identity primary key,
	token_hash text not null unique,
	email text not null,
	name text not null,
	created_at timestamptz not null default now(),
	expires_at timestamptz not null,
	used_at timestamptz
);
create index signup_requests_email_idx on signup_requests (lower(email));
create index signup_requests_expires_idx on signup_requests (expires_at);
