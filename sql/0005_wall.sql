-- The wall's open work per group (open, unassigned, oldest waiting, at risk) in one index-only
-- scan of the active tickets, instead of reading every active ticket's row once a second.
create index tickets_wall_work_idx on tickets (group_id, status, created_at)
	include (assignee_id, sla_state)
	where status in ('new', 'open', 'pending', 'on_hold');
