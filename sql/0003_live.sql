-- The live core: a commit-ordered event stream, queue topics, the desk's read model, walls.

-- Stream order. `id` is taken at insert, so a long transaction can commit an event after events
-- with higher ids. `position` is assigned after commit by the publisher (one at a time, under an
-- advisory lock) in the order it finds committed events: every client sees one order, and a
-- position once handed out is never followed by a lower one.
alter table events
	add column position bigint,
	add column topics text[];
update events set position = id, topics = array[topic];
alter table events alter column topics set not null;
create unique index events_position_key on events (position);
create index events_unpublished_idx on events (id) where position is null;
-- Replay: "what happened on these topics after position P".
create index events_topics_idx on events using gin (topics);

-- Admin audit events are for admins only.
alter table events drop constraint events_audience_check;
alter table events add constraint events_audience_check
	check (audience ~ '^(public|agents|admins|requester:[0-9]+)$');

-- The desk's read model: each ticket's next SLA due time and state, kept by a trigger in the
-- same transaction as every clock change, so queues sort and count from indexes instead of
-- aggregating every queued ticket's clocks on each load.
alter table tickets
	add column sla_due_at timestamptz,
	add column sla_state text not null default 'ok'
		check (sla_state in ('ok', 'warning', 'breached', 'paused'));

create function tickets_sla_read_model() returns trigger language plpgsql as $$
begin
	update tickets t set sla_due_at = s.due_at, sla_state = s.state
	from (
		select
			min(k.due_at) filter (where k.fulfilled_at is null and k.running_since is not null) as due_at,
			case
				when bool_or(k.breached_at is not null and k.fulfilled_at is null) then 'breached'
				when bool_or(k.warned_at is not null and k.fulfilled_at is null) then 'warning'
				when bool_and(k.running_since is null) then 'paused'
				else 'ok'
			end as state
		from sla_clocks k where k.ticket_id = new.ticket_id
	) s
	where t.id = new.ticket_id
		and (t.sla_due_at is distinct from s.due_at or t.sla_state is distinct from s.state);
	return null;
end $$;
create trigger sla_clocks_read_model after insert or update on sla_clocks
	for each row execute function tickets_sla_read_model();

-- Existing tickets: let the trigger compute their read model once.
update sla_clocks set updated_at = updated_at;

-- One partial index per kind of queue, in the queue's order (SLA due first, then priority).
drop index tickets_group_open_idx;
drop index tickets_assignee_open_idx;
drop index tickets_level_open_idx;
create index tickets_queue_level_idx on tickets (level, sla_due_at, priority, id)
	where status in ('new', 'open', 'pending', 'on_hold');
create index tickets_queue_group_idx on tickets (group_id, sla_due_at, priority, id)
	where status in ('new', 'open', 'pending', 'on_hold');
create index tickets_queue_assignee_idx on tickets (assignee_id, sla_due_at, priority, id)
	where status in ('new', 'open', 'pending', 'on_hold');
create index tickets_queue_unassigned_idx on tickets (sla_due_at, priority, id)
	where status in ('new', 'open', 'pending', 'on_hold') and assignee_id is null;
create index tickets_queue_sla_idx on tickets (sla_state, sla_due_at, priority, id)
	where status in ('new', 'open', 'pending', 'on_hold') and sla_state in ('warning', 'breached');
-- The wall's "today" figures.
create index tickets_created_idx on tickets (created_at);
create index tickets_resolved_idx on tickets (resolved_at) where resolved_at is not null;
create index tickets_first_response_idx on tickets (first_responded_at)
	where first_responded_at is not null;
create index sla_clocks_breached_idx on sla_clocks (breached_at) where breached_at is not null;
create index sla_clocks_fulfilled_idx on sla_clocks (fulfilled_at) where fulfilled_at is not null;
create index events_type_created_idx on events (type, created_at);

-- The organisation's time zone: what "today" means on the wall, and how dates are shown.
insert into settings (key, value) values ('time_zone', '"Europe/Berlin"'::jsonb)
	on conflict (key) do nothing;

-- Wall configurations: which groups a wall shows. No groups = every group.
create table walls (
	id integer generated always as identity primary key,
	name text not null unique check (length(name) between 1 and 100),
	group_ids integer[] not null default '{}',
	created_by integer references users (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
insert into walls (name) values ('All groups');

-- Read-only kiosk tokens for one wall; only the SHA-256 hash is kept.
create table wall_tokens (
	id integer generated always as identity primary key,
	wall_id integer not null references walls (id) on delete cascade,
	name text not null check (length(name) between 1 and 100),
	token_hash text not null unique,
	prefix text not null,
	created_by integer references users (id) on delete set null,
	created_at timestamptz not null default now(),
	last_used_at timestamptz,
	revoked_at timestamptz
);
create index wall_tokens_wall_idx on wall_tokens (wall_id);

-- Queue tab counts: one index-only pass over the active tickets, not over the table.
create index tickets_queue_counts_idx on tickets (level, sla_state, group_id, assignee_id)
	where status in ('new', 'open', 'pending', 'on_hold');
