-- Incidents, scheduled maintenance, the components they affect, and who is told about them.
-- See src/lib/server/incidents (what agents do) and src/lib/server/status (what the public sees).

-- Components and component groups in one list, as Statuspage has them: a group is a component
-- with `is_group`, its children name it in `group_id`. Two levels only; a group's status is its
-- worst child's (computed, never stored).
create table components (
	id integer generated always as identity primary key,
	name text not null check (length(name) between 1 and 100),
	description text not null default '' check (length(description) <= 500),
	is_group boolean not null default false,
	group_id integer references components (id) on delete restrict,
	position integer not null default 0,
	status text not null default 'operational'
		check (status in ('operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance')),
	only_show_if_degraded boolean not null default false,
	showcase boolean not null default true,
	start_date date not null default current_date,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	check (not (is_group and group_id is not null))
);
create unique index components_name_idx on components (lower(name));
create index components_group_idx on components (group_id, position);

-- Every status a component has been in, from when: the 90-day uptime bars are computed from it.
create table component_status_history (
	id bigint generated always as identity primary key,
	component_id integer not null references components (id) on delete cascade,
	status text not null,
	incident_id integer,
	at timestamptz not null default now()
);
create index component_status_history_idx on component_status_history (component_id, at);

-- Incidents and scheduled maintenance share one table (as on Statuspage): a maintenance has
-- `kind = 'maintenance'`, its own statuses and its window.
create table incidents (
	id integer generated always as identity primary key,
	kind text not null default 'incident' check (kind in ('incident', 'maintenance')),
	title text not null check (length(title) between 1 and 200),
	impact text not null default 'minor' check (impact in ('none', 'minor', 'major', 'critical', 'maintenance')),
	status text not null,
	created_by integer references users (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	started_at timestamptz not null default now(),
	monitoring_at timestamptz,
	resolved_at timestamptz,
	scheduled_for timestamptz,
	scheduled_until timestamptz,
	-- Maintenance moves itself to in_progress at scheduled_for and to completed at scheduled_until.
	auto_transition boolean not null default true,
	reminded_at timestamptz,
	postmortem text check (length(postmortem) <= 50000),
	postmortem_published_at timestamptz,
	version integer not null default 1,
	check (
		(kind = 'incident' and status in ('investigating', 'identified', 'monitoring', 'resolved'))
		or (kind = 'maintenance' and status in ('scheduled', 'in_progress', 'verifying', 'completed')
			and scheduled_for is not null and scheduled_until is not null and scheduled_until > scheduled_for)
	)
);
create index incidents_open_idx on incidents (kind, started_at desc) where resolved_at is null;
create index incidents_recent_idx on incidents (started_at desc, id desc);
create index incidents_due_maintenance_idx on incidents (scheduled_for, scheduled_until)
	where kind = 'maintenance' and status in ('scheduled', 'in_progress', 'verifying');

-- The public timeline: each update says the status it moved to and what changed, in German and/or
-- English (at least one), and optionally when the next update comes.
create table incident_updates (
	id integer generated always as identity primary key,
	incident_id integer not null references incidents (id) on delete cascade,
	status text not null,
	body_en text not null default '' check (length(body_en) <= 10000),
	body_de text not null default '' check (length(body_de) <= 10000),
	author_id integer references users (id) on delete set null,
	created_at timestamptz not null default now(),
	display_at timestamptz not null default now(),
	next_update_at timestamptz,
	check (length(body_en) > 0 or length(body_de) > 0)
);
create index incident_updates_idx on incident_updates (incident_id, display_at desc, id desc);
create index incident_updates_recent_idx on incident_updates (display_at desc, id desc);

-- Component status changes an update made (Statuspage's `affected_components`).
create table incident_update_components (
	update_id integer not null references incident_updates (id) on delete cascade,
	component_id integer not null references components (id) on delete cascade,
	old_status text not null,
	new_status text not null,
	primary key (update_id, component_id)
);

-- Components an incident affects (declared, or touched by any of its updates).
create table incident_components (
	incident_id integer not null references incidents (id) on delete cascade,
	component_id integer not null references components (id) on delete cascade,
	primary key (incident_id, component_id)
);
create index incident_components_component_idx on incident_components (component_id);

-- Internal notes of the incident team; never public.
create table incident_notes (
	id integer generated always as identity primary key,
	incident_id integer not null references incidents (id) on delete cascade,
	author_id integer references users (id) on delete set null,
	body text not null check (length(body) between 1 and 10000),
	created_at timestamptz not null default now()
);
create index incident_notes_idx on incident_notes (incident_id, id);

-- Reusable texts for declaring, updating and resolving, in both languages.
create table incident_templates (
	id integer generated always as identity primary key,
	name text not null check (length(name) between 1 and 100),
	purpose text not null check (purpose in ('incident', 'maintenance', 'ticket_reply')),
	status text,
	title text not null default '' check (length(title) <= 200),
	body_en text not null default '' check (length(body_en) <= 10000),
	body_de text not null default '' check (length(body_de) <= 10000),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create unique index incident_templates_name_idx on incident_templates (lower(name));

-- Tickets link to an incident (the "me too" flood); requesters can say "I am affected too"
-- without filing a ticket.
alter table tickets add constraint tickets_incident_fk
	foreign key (incident_id) references incidents (id) on delete set null;
create index tickets_incident_idx on tickets (incident_id) where incident_id is not null;

-- Resolving an incident can answer every linked ticket (and resolve it). The request is written
-- with the resolution; the replies go out afterwards, ticket by ticket, under a lease so that a
-- node that dies midway is taken over by another, and each answered ticket is remembered.
create table incident_ticket_replies (
	incident_id integer primary key references incidents (id) on delete cascade,
	body text not null check (length(body) between 1 and 20000),
	resolve boolean not null,
	requested_by integer references users (id) on delete set null,
	created_at timestamptz not null default now(),
	leased_until timestamptz,
	done_at timestamptz,
	answered integer not null default 0,
	failed integer[] not null default '{}'
);
create index incident_ticket_replies_pending_idx on incident_ticket_replies (created_at)
	where done_at is null;
create table incident_ticket_replied (
	incident_id integer not null references incidents (id) on delete cascade,
	ticket_id integer not null references tickets (id) on delete cascade,
	primary key (incident_id, ticket_id)
);

create table incident_affected (
	incident_id integer not null references incidents (id) on delete cascade,
	user_id integer not null references users (id) on delete cascade,
	created_at timestamptz not null default now(),
	primary key (incident_id, user_id)
);

-- Subscribers to status updates: a confirmed email address (double opt-in) or a webhook endpoint,
-- for the whole page or for some components. Tokens are stored hashed.
create table status_subscribers (
	id integer generated always as identity primary key,
	kind text not null check (kind in ('email', 'webhook')),
	email text check (length(email) <= 254),
	url text check (length(url) <= 2000),
	-- Standard Webhooks secret ("whsec_…"), shown once to whoever registers the webhook.
	secret text,
	language text not null default 'en' check (language in ('en', 'de')),
	confirm_token_hash text unique,
	-- Not secret beyond its owner: it is in every mail, and it only unsubscribes.
	unsubscribe_token text not null unique,
	user_id integer references users (id) on delete cascade,
	created_at timestamptz not null default now(),
	confirmed_at timestamptz,
	disabled_at timestamptz,
	check ((kind = 'email' and email is not null) or (kind = 'webhook' and url is not null and secret is not null))
);
create unique index status_subscribers_email_idx on status_subscribers (lower(email)) where kind = 'email';
create unique index status_subscribers_url_idx on status_subscribers (url) where kind = 'webhook';

create table status_subscriber_components (
	subscriber_id integer not null references status_subscribers (id) on delete cascade,
	component_id integer not null references components (id) on delete cascade,
	primary key (subscriber_id, component_id)
);

-- Webhook deliveries go through the outbox like mail: the outbox row is the delivery, with its
-- attempts; this log keeps each attempt's answer for the admin's delivery log.
-- Kept when the subscriber goes (the mail log stays); pending rows are cancelled then.
alter table outbox add column subscriber_id integer references status_subscribers (id) on delete set null;
alter table outbox add column headers jsonb;
create table webhook_attempts (
	id bigint generated always as identity primary key,
	outbox_id bigint not null references outbox (id) on delete cascade,
	subscriber_id integer not null references status_subscribers (id) on delete cascade,
	at timestamptz not null default now(),
	status_code integer,
	error text,
	duration_ms integer
);
create index webhook_attempts_idx on webhook_attempts (subscriber_id, at desc);
