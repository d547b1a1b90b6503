import { describe, expect, it } from 'vitest';
import { computeUptime, dayShade, uptimeWindowStart, windowDays } from './uptime';

const zone = 'Europe/Berlin';
const vpn = { id: 1, isGroup: false, groupId: 10, startDate: '2025-01-01' };
const mail = { id: 2, isGroup: false, groupId: 10, startDate: '2025-01-01' };
const group = { id: 10, isGroup: true, groupId: null, startDate: '2025-01-01' };

const day = (result: ReturnType<typeof computeUptime>, id: number, date: string) =>
	result[id].days.find((d) => d.date === date)!;

describe('uptime window', () => {
	it('has 90 days ending today in the page zone', () => {
		// 23:30 UTC on 1 Jul is already 2 Jul in Berlin.
		const days = windowDays(zone, new Date('2026-07-01T23:30:00Z'));
		expect(days).toHaveLength(90);
		expect(days.at(-1)!.date).toBe('2026-07-02');
		expect(days[0].date).toBe('2026-04-04');
		expect(uptimeWindowStart(zone, new Date('2026-07-01T23:30:00Z')).toISOString()).toBe(
			'2026-04-03T22:00:00.000Z'
		);
	});

	it('knows days of 23 and 25 hours', () => {
		const spring = windowDays(zone, new Date('2026-03-30T12:00:00Z')).find(
			(d) => d.date === '2026-03-29'
		)!;
		const autumn = windowDays(zone, new Date('2026-10-26T12:00:00Z')).find(
			(d) => d.date === '2026-10-25'
		)!;
		expect((spring.end - spring.start) / 3_600_000).toBe(23);
		expect((autumn.end - autumn.start) / 3_600_000).toBe(25);
	});
});

describe('computeUptime', () => {
	const now = new Date('2026-08-23T10:00:00Z');
	const base = {
		components: [group, vpn, mail],
		incidents: [],
		timeZone: zone,
		now
	};

	it('counts a major outage fully, a partial outage 30 %, degraded not at all', () => {
		const result = computeUptime({
			...base,
			spans: [
				{ componentId: 1, status: 'operational', from: '2026-01-01T00:00:00Z' },
				// 22 Aug (Berlin, UTC+2): 6 h major outage from 08:00 to 14:00 local.
				{ componentId: 1, status: 'major_outage', from: '2026-08-22T06:00:00Z' },
				{ componentId: 1, status: 'operational', from: '2026-08-22T12:00:00Z' },
				// 21 Aug: 10 h partial outage.
				{ componentId: 1, status: 'partial_outage', from: '2026-08-21T02:00:00Z' },
				{ componentId: 1, status: 'degraded_performance', from: '2026-08-21T12:00:00Z' },
				{ componentId: 1, status: 'operational', from: '2026-08-21T20:00:00Z' },
				{ componentId: 2, status: 'operational', from: '2026-01-01T00:00:00Z' }
			].sort((a, b) => a.from.localeCompare(b.from)) as never
		});
		expect(day(result, 1, '2026-08-22')).toMatchObject({ uptime: 75, major: 360, shade: 'major' });
		expect(day(result, 1, '2026-08-21')).toMatchObject({
			uptime: 87.5,
			partial: 600,
			degraded: 480,
			shade: 'major'
		});
		expect(day(result, 1, '2026-08-20')).toMatchObject({ uptime: 100, shade: 'ok' });
		expect(day(result, 2, '2026-08-22').uptime).toBe(100);
		// The group shows its worst child per day.
		expect(day(result, 10, '2026-08-22').uptime).toBe(75);
		expect(result[1].uptime).toBeGreaterThan(99);
		expect(result[1].uptime).toBeLessThan(100);
	});

	it('has no data before the start date or the first recorded status', () => {
		const result = computeUptime({
			...base,
			components: [{ ...vpn, startDate: '2026-08-10' }, mail],
			spans: [
				{ componentId: 1, status: 'operational', from: '2026-08-01T00:00:00Z' },
				{ componentId: 2, status: 'operational', from: '2026-08-15T10:00:00Z' }
			]
		});
		expect(day(result, 1, '2026-08-09')).toMatchObject({ uptime: null, shade: 'none' });
		expect(day(result, 1, '2026-08-10').uptime).toBe(100);
		expect(day(result, 2, '2026-08-14').uptime).toBeNull();
		// Known from 12:00 local on the 15th: the known part counts.
		expect(day(result, 2, '2026-08-15').uptime).toBe(100);
		expect(result[2].days.filter((d) => d.uptime === null)).toHaveLength(90 - 9);
	});

	it('has no data at all for a component without history', () => {
		const result = computeUptime({ ...base, components: [vpn], spans: [] });
		expect(result[1].uptime).toBeNull();
		expect(result[1].days.every((d) => d.shade === 'none')).toBe(true);
	});

	it('measures the DST days by their real length', () => {
		const spring = computeUptime({
			...base,
			now: new Date('2026-03-30T12:00:00Z'),
			components: [vpn],
			spans: [
				{ componentId: 1, status: 'operational', from: '2026-01-01T00:00:00Z' },
				// 29 Mar has 23 hours: 2.3 h of major outage is 10 %.
				{ componentId: 1, status: 'major_outage', from: '2026-03-29T10:00:00Z' },
				{ componentId: 1, status: 'operational', from: '2026-03-29T12:18:00Z' }
			]
		});
		expect(day(spring, 1, '2026-03-29').uptime).toBe(90);
		const autumn = computeUptime({
			...base,
			now: new Date('2026-10-26T12:00:00Z'),
			components: [vpn],
			spans: [
				{ componentId: 1, status: 'operational', from: '2026-01-01T00:00:00Z' },
				// 25 Oct has 25 hours: 5 h of major outage is 20 %.
				{ componentId: 1, status: 'major_outage', from: '2026-10-25T08:00:00Z' },
				{ componentId: 1, status: 'operational', from: '2026-10-25T13:00:00Z' }
			]
		});
		expect(day(autumn, 1, '2026-10-25').uptime).toBe(80);
	});

	it('counts today only up to now, and incidents on the days they touched', () => {
		const result = computeUptime({
			...base,
			components: [vpn, mail],
			spans: [
				{ componentId: 1, status: 'operational', from: '2026-01-01T00:00:00Z' },
				// Today (23 Aug) from 00:00 local to now (12:00 local): 2 h of 12 in major outage.
				{ componentId: 1, status: 'major_outage', from: '2026-08-23T08:00:00Z' }
			],
			incidents: [
				{
					id: '7',
					name: 'VPN down',
					impact: 'critical',
					started_at: '2026-08-21T20:00:00Z',
					resolved_at: null,
					components: [{ id: '1' }]
				}
			]
		});
		expect(day(result, 1, '2026-08-23').uptime).toBe(83.33);
		expect(day(result, 1, '2026-08-21').incidents.map((i) => i.id)).toEqual(['7']);
		expect(day(result, 1, '2026-08-22').incidents).toHaveLength(1);
		expect(day(result, 1, '2026-08-20').incidents).toHaveLength(0);
		expect(day(result, 2, '2026-08-22').incidents).toHaveLength(0);
	});
});

describe('dayShade', () => {
	it('greys days without data and shades by weighted downtime', () => {
		expect(dayShade({ uptime: null, major: 0, partial: 0, degraded: 0 })).toBe('none');
		expect(dayShade({ uptime: 100, major: 0, partial: 0, degraded: 0 })).toBe('ok');
		expect(dayShade({ uptime: 100, major: 0, partial: 0, degraded: 30 })).toBe('degraded');
		expect(dayShade({ uptime: 99, major: 0, partial: 100, degraded: 0 })).toBe('minor');
		expect(dayShade({ uptime: 90, major: 60, partial: 0, degraded: 0 })).toBe('major');
	});
});
