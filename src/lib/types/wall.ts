// The team-lead wall: its configuration and the figures pushed to every screen showing it.
import type { DeflectionFigures } from './kb';
import type { Level } from './ticket';

export interface WallConfig {
	id: number;
	name: string;
	/** Groups the wall shows; empty = every group. */
	groupIds: number[];
}

export interface WallTokenInfo {
	id: number;
	wallId: number;
	name: string;
	/** First characters of the token, to recognise it. */
	prefix: string;
	createdAt: string;
	lastUsedAt: string | null;
	revokedAt: string | null;
}

/** Open work of a group or a level. "Today" is the organisation's day (its time zone). */
export interface WallFigures {
	/** Active tickets (new, open, pending, on hold). */
	open: number;
	/** Active tickets nobody is assigned to. */
	unassigned: number;
	/** Creation time of the oldest ticket waiting on the helpdesk (new or open); null if none. */
	oldestWaitingSince: string | null;
	/** Active tickets whose SLA warning fired and that have not breached (state `warning`). */
	atRisk: number;
	/** SLA clocks that breached today, of tickets now in these groups (whatever their status). */
	breachedToday: number;
	/** Escalations into these groups today. */
	escalationsToday: number;
}

export interface WallGroup extends WallFigures {
	id: number;
	name: string;
	level: Level;
	area: string;
}

export interface WallLevel extends WallFigures {
	level: Level;
	/** The level's groups on this wall, riskiest first (breached, at risk, oldest waiting). */
	groups: WallGroup[];
}

/** SLA outcomes: a clock counts on the day it breached, or the day it was met in time. */
export interface SlaOutcome {
	met: number;
	total: number;
}

/** One line of the ticker: a recent event worth a glance from across the room. */
export interface WallTickerItem {
	position: number;
	type: 'ticket.created' | 'ticket.escalated' | 'sla.breached' | 'ticket.status_changed';
	number: number;
	/** Ticket title (staff-facing wall). */
	title: string;
	/** The ticket's group now. */
	group: string;
	at: string;
	/** Level the ticket went to (escalations), the metric (breaches) or the new status. */
	detail: string | null;
}

/** An active incident as the wall shows it: how bad, since when. */
export interface WallIncident {
	id: number;
	title: string;
	impact: 'none' | 'minor' | 'major' | 'critical' | 'maintenance';
	status: string;
	startedAt: string;
}

export interface WallSnapshot {
	wallId: number;
	name: string;
	/** Groups the wall shows; empty = every group. */
	groupIds: number[];
	/** When the figures were computed; the wall shows it ("as of 10:42:07"). */
	at: string;
	/** Stream position the figures include. */
	position: number;
	/** IANA zone of "today", and today's date there (YYYY-MM-DD). */
	timeZone: string;
	day: string;
	levels: WallLevel[];
	today: {
		created: number;
		resolved: number;
		/** Median minutes from creation to first public reply, of tickets first answered today. */
		medianFirstResponseMinutes: number | null;
		firstResponses: number;
		sla: SlaOutcome;
	};
	/** SLA outcomes over the last 14 days including today. */
	sla14: SlaOutcome;
	/**
	 * Self-service over the last 14 days (whole organisation): deflection rate and the three
	 * most frequent searches that found nothing.
	 */
	selfService: DeflectionFigures;
	/** Active incidents (declared and not resolved). */
	activeIncidents: number;
	/** The active incidents themselves, most severe first (at most a handful). */
	incidents: WallIncident[];
	charts: {
		/** Start of each hour of today so far (ISO), the x axis of the hourly charts. */
		hours: string[];
		createdPerHour: number[];
		resolvedPerHour: number[];
		/**
		 * Open tickets per level at the end of each hour, the current hour ending now (by the
		 * tickets' current level). Derived backwards from the active tickets: a ticket counts at
		 * time T when it was created by T and is active now or left (resolved, or closed without
		 * resolving) after T.
		 */
		backlogPerHour: Record<Level, number[]>;
		/** The last 14 days, oldest first. */
		slaPerDay: Array<{ day: string } & SlaOutcome>;
	};
	ticker: WallTickerItem[];
}
