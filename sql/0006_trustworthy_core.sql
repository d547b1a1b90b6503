-- Experts by area at every level, and an SLA engine whose problems are visible.

-- The escalation path per category: the group that works its tickets at levels 2 and 3 (level 1
-- is `group_id`). Escalation and hand-back by level follow it, never "the first group by name".
alter table categories
	add column level2_group_id integer references groups (id),
	add column level3_group_id integer references groups (id);
-- Where an installation has exactly one group at a level, that group is every category's path.
update categories set level2_group_id = (select min(id) from groups where level = 2)
	where (select count(*) from groups where level = 2) = 1;
update categories set level3_group_id = (select min(id) from groups where level = 3)
	where (select count(*) from groups where level = 3) = 1;

-- What a background job could not do (e.g. a ticket whose clocks failed), for admins to see.
create table job_problems (
	id bigint generated always as identity primary key,
	job text not null,
	ticket_id integer references tickets (id) on delete cascade,
	message text not null,
	created_at timestamptz not null default now()
);

-- Round-robin assignment per member instead of per group: concurrent assignments lock different
-- members (SKIP LOCKED), so intake does not queue behind one group row.
alter table group_members add column last_assigned_at timestamptz;
update group_members m set last_assigned_at = now()
	from groups g where g.id = m.group_id and g.last_assigned_user_id = m.user_id;
