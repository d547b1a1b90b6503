// Incidents on their own: the maintenance schedule, and replies to linked tickets left over.
// Scheduled maintenance starts and completes itself at its times, through the incident service
// like an agent's update (events, component states, subscribers). Several nodes may run it: each
// step locks the maintenance and is refused once another node has taken it.
import { answerLinkedTickets, runMaintenanceSchedule } from '../incidents/service';
import type { Job } from './runner';

export const maintenanceJob: Job = {
	name: 'maintenance-schedule',
	intervalMs: 30_000,
	run: async ({ db }) => {
		await runMaintenanceSchedule(db);
		// Replies to linked tickets of resolved incidents that a stopped node left unfinished.
		await answerLinkedTickets(db);
	}
};
