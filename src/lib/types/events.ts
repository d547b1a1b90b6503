/**
 * Who may see an event: everyone, staff (agents, leads, admins), admins only, or one requester
 * and staff.
 */
export type EventAudience = 'public' | 'agents' | 'admins' | `requester:${number}`;

/** One row of the event log as it travels to clients. */
export interface LeitstandEvent<P = Record<string, unknown>> {
	/** Row id, taken at insert: unique and stable, but not the stream order. */
	id: number;
	/**
	 * Place in the stream, assigned after commit: every client sees events in this order, and
	 * `subscribe { since }` takes the position of the last event applied.
	 */
	position: number;
	/** The primary topic (`ticket:42`, `desk`, …); the event is also published to `topics`. */
	topic: string;
	topics: string[];
	type: string;
	audience: EventAudience;
	actorId: number | null;
	/** Who acted, with the name as it was when the event was delivered; null for Leitstand itself. */
	actor: { id: number; name: string } | null;
	payload: P;
	createdAt: string;
}
