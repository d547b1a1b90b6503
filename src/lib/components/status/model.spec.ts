import { describe, expect, it } from 'vitest';
import type { V2Component, V2Incident, V2Summary } from '$lib/types/incident';
import { applySummary, applyUpdate, componentRows, pastDays, type StatusPageModel } from './model';

const component = (id: string, extra: Partial<V2Component> = {}): V2Component => ({
	id,
	name: `C${id}`,
	status: 'operational',
	created_at: '2026-01-01T00:00:00Z',
	updated_at: '2026-01-01T00:00:00Z',
	position: 0,
	description: null,
	showcase: true,
	start_date: '2026-01-01',
	group_id: null,
	page_id: 'p',
	group: false,
	only_show_if_degraded: false,
	...extra
});

const incident = (id: string, started: string, extra: Partial<V2Incident> = {}): V2Incident => ({
	id,
	name: `I${id}`,
	status: 'investigating',
	created_at: started,
	updated_at: started,
	monitoring_at: null,
	resolved_at: null,
	impact: 'minor',
	shortlink: `http://x/status/incidents/${id}`,
	started_at: started,
	page_id: 'p',
	incident_updates: [],
	components: [],
	...extra
});

describe('componentRows', () => {
	it('nests children under their group and hides what only shows when degraded', () => {
		const rows = componentRows(
			[
				component('1', { group: true, components: ['2', '3'] }),
				component('2', { group_id: '1' }),
				component('3', { group_id: '1', only_show_if_degraded: true }),
				component('4', { only_show_if_degraded: true, status: 'major_outage' }),
				component('5', { group: true, components: [] })
			],
			{}
		);
		expect(rows.map((r) => [r.id, r.children.map((c) => c.id)])).toEqual([
			['1', ['2']],
			['4', []]
		]);
	});
});

describe('pastDays', () => {
	it('lists 15 days in the zone, today first, with what started on each', () => {
		const days = pastDays(
			[incident('1', '2026-03-28T23:30:00Z'), incident('2', '2026-03-10T10:00:00Z')],
			'Europe/Berlin',
			new Date('2026-03-30T10:00:00Z')
		);
		expect(days).toHaveLength(15);
		expect(days[0].date).toBe('2026-03-30');
		// 23:30 UTC on 28 Mar is 29 Mar in Berlin (the day the clocks change).
		expect(days.find((d) => d.date === '2026-03-29')!.incidents.map((i) => i.id)).toEqual(['1']);
		expect(days.flatMap((d) => d.incidents).map((i) => i.id)).toEqual(['1']);
	});
});

describe('live changes', () => {
	const model: StatusPageModel = {
		lang: 'de',
		zone: 'Europe/Berlin',
		name: 'Status',
		status: { indicator: 'minor', description: 'Minor Service Outage' },
		updatedAt: '2026-03-30T09:00:00Z',
		asOf: '2026-03-30T09:00:00Z',
		position: 10,
		components: [],
		incidents: [incident('1', '2026-03-30T08:00:00Z')],
		active: [],
		upcoming: [],
		past: [{ date: '2026-03-30', incidents: [incident('1', '2026-03-30T08:00:00Z')] }],
		subscribable: []
	};

	it('adds an update in the page language, and keeps a resolved incident under its day', () => {
		const updated = applyUpdate(model, {
			id: 7,
			incidentId: 1,
			status: 'resolved',
			bodyEn: 'Fixed.',
			bodyDe: 'Behoben.',
			createdAt: '2026-03-30T09:30:00Z',
			displayAt: '2026-03-30T09:30:00Z'
		});
		expect(updated.past[0].incidents[0].incident_updates[0].body).toBe('Behoben.');
		const summary: V2Summary = {
			page: {
				id: 'p',
				name: 'Status',
				url: 'http://x/status',
				time_zone: 'Europe/Berlin',
				updated_at: '2026-03-30T09:30:00Z'
			},
			components: [component('9')],
			incidents: [incident('2', '2026-03-30T09:20:00Z')],
			scheduled_maintenances: [],
			status: { indicator: 'minor', description: 'Minor Service Outage' }
		};
		const next = applySummary(updated, summary, {}, 12);
		expect(next.position).toBe(12);
		expect(next.incidents.map((i) => i.id)).toEqual(['2']);
		expect(next.past[0].incidents.map((i) => [i.id, i.status])).toEqual([
			['2', 'investigating'],
			['1', 'resolved']
		]);
		expect(next.components.map((c) => c.id)).toEqual(['9']);
	});
});
