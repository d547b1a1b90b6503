-- Tickets through three support levels, SLA policies and clocks, email outbox.

-- Business calendars for SLA clocks: IANA zone, weekly hours, holidays (see src/lib/server/sla).
create table business_calendars (
	id integer generated always as identity primary key,
	name text not null unique,
	time_zone text not null,
	week jsonb not null,
	holidays jsonb not null default '[]'::jsonb,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);

-- Routing and assignment settings per group.
alter table groups
	add column auto_assign boolean not null default false,
	add column capacity integer not null default 10 check (capacity between 1 and 1000),
	add column last_assigned_user_id integer references users (id) on delete set null,
	add column lead_id integer references users (id) on delete set null;

-- A category is an area a requester can pick; it routes new tickets to a level-1 group.
create table categories (
	id integer generated always as identity primary key,
	key text not null unique check (key ~ '^[a-z][a-z0-9_-]{1,39}$'),
	name_en text not null,
	name_de text not null,
	group_id integer not null references groups (id),
	active boolean not null default true,
	sort_order integer not null default 0
);

create table sla_policies (
	id integer generated always as identity primary key,
	name text not null unique,
	is_default boolean not null default false,
	-- Share of the target at which a warning fires.
	warn_ratio numeric(4, 3) not null default 0.8 check (warn_ratio > 0 and warn_ratio < 1),
	created_at timestamptz not null default now()
);
create unique index sla_policies_one_default on sla_policies (is_default) where is_default;

create table sla_targets (
	policy_id integer not null references sla_policies (id) on delete cascade,
	priority smallint not null check (priority between 1 and 4),
	first_response_minutes integer not null check (first_response_minutes > 0),
	resolution_minutes integer not null check (resolution_minutes > 0),
	calendar_id integer not null references business_calendars (id),
	primary key (policy_id, priority)
);

create table tickets (
	id integer generated always as identity (start with 1001) primary key,
	requester_id integer not null references users (id),
	title text not null check (length(title) between 1 and 200),
	body text not null check (length(body) <= 20000),
	category_id integer not null references categories (id),
	urgency smallint not null check (urgency between 1 and 3),
	impact smallint not null check (impact between 1 and 3),
	priority smallint not null check (priority between 1 and 4),
	status text not null default 'new'
		check (status in ('new', 'open', 'pending', 'on_hold', 'resolved', 'closed')),
	level smallint not null check (level between 1 and 3),
	group_id integer not null references groups (id),
	assignee_id integer references users (id) on delete set null,
	incident_id integer,
	merged_into_id integer references tickets (id),
	sla_policy_id integer references sla_policies (id),
	version integer not null default 1,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	first_responded_at timestamptz,
	resolved_at timestamptz,
	closed_at timestamptz
);
create index tickets_requester_idx on tickets (requester_id, updated_at desc);
create index tickets_group_open_idx on tickets (group_id, status) where status not in ('resolved', 'closed');
create index tickets_assignee_open_idx on tickets (assignee_id) where status not in ('resolved', 'closed');
create index tickets_level_open_idx on tickets (level, status) where status not in ('resolved', 'closed');
create index tickets_updated_idx on tickets (updated_at desc, id desc);
create index tickets_search_idx on tickets using gin (
	to_tsvector('simple', title || ' ' || body)
);

create table ticket_comments (
	id integer generated always as identity primary key,
	ticket_id integer not null references tickets (id) on delete cascade,
	author_id integer references users (id) on delete set null,
	body text not null check (length(body) between 1 and 20000),
	internal boolean not null default false,
	created_at timestamptz not null default now()
);
create index ticket_comments_ticket_idx on ticket_comments (ticket_id, id);

create table ticket_links (
	ticket_id integer not null references tickets (id) on delete cascade,
	related_id integer not null references tickets (id) on delete cascade,
	created_at timestamptz not null default now(),
	primary key (ticket_id, related_id),
	check (ticket_id < related_id)
);

-- One row per ticket and metric. `running_since` is set while business minutes accrue;
-- `elapsed_minutes` holds what accrued before it. `next_check_at` is when the clock job must look.
create table sla_clocks (
	ticket_id integer not null references tickets (id) on delete cascade,
	metric text not null check (metric in ('first_response', 'resolution')),
	state text not null check (state in ('active', 'paused', 'fulfilled', 'breached')),
	target_minutes integer not null,
	warn_minutes numeric not null,
	calendar_id integer not null references business_calendars (id),
	elapsed_minutes numeric not null default 0,
	running_since timestamptz,
	due_at timestamptz,
	warned_at timestamptz,
	breached_at timestamptz,
	fulfilled_at timestamptz,
	next_check_at timestamptz,
	updated_at timestamptz not null default now(),
	primary key (ticket_id, metric)
);
create index sla_clocks_check_idx on sla_clocks (next_check_at) where next_check_at is not null;
create index sla_clocks_due_idx on sla_clocks (state, due_at);

-- Admin-configured reactions to SLA warnings and breaches.
create table escalation_rules (
	id integer generated always as identity primary key,
	name text not null,
	trigger text not null check (trigger in ('warning', 'breach')),
	metric text check (metric in ('first_response', 'resolution')),
	priorities smallint[] not null default '{1,2,3,4}',
	group_ids integer[] not null default '{}',
	escalate boolean not null default false,
	notify_lead boolean not null default true,
	active boolean not null default true,
	created_at timestamptz not null default now()
);

-- Outgoing mail, written in the ticket's transaction and sent by a job with retries.
create table outbox (
	id bigint generated always as identity primary key,
	kind text not null default 'email',
	recipient text not null,
	subject text not null,
	body text not null,
	ticket_id integer references tickets (id) on delete set null,
	attempts integer not null default 0,
	next_attempt_at timestamptz not null default now(),
	sent_at timestamptz,
	failed_at timestamptz,
	last_error text,
	created_at timestamptz not null default now()
);
create index outbox_pending_idx on outbox (next_attempt_at) where sent_at is null and failed_at is null;

-- Named, single-row settings (e.g. reopen window) that admins change at run time.
create table settings (
	key text primary key,
	value jsonb not null,
	updated_at timestamptz not null default now()
);
insert into settings (key, value) values ('reopen_days', '7'::jsonb), ('auto_close_days', '7'::jsonb);
