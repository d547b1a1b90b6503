/** Who may see an event: everyone, agents (incl. leads and admins), or one requester and agents. */
export type EventAudience = 'public' | 'agents' | `requester:${number}`;

/** One row of the event log as it travels to clients. */
export interface LeitstandEvent<P = Record<string, unknown>> {
	id: number;
	topic: string;
	type: string;
	audience: EventAudience;
	actorId: number | null;
	payload: P;
	createdAt: string;
}
