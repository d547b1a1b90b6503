import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import { adminAction } from '$lib/server/admin/actions';
import { formValues } from '$lib/server/forms';
import * as admin from '$lib/server/admin/db';
import { formatIntervals, WEEKDAYS } from '$lib/server/admin/parse';
import * as service from '$lib/server/admin/service';
import * as sla from '$lib/server/sla/db';
import type { Weekday } from '$lib/server/sla/calendar';
import { timeFormat } from '$lib/format/time';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const { db } = await app();
	const [calendars, usage] = await Promise.all([
		sla.listCalendars(db.sql),
		admin.calendarUsage(db.sql)
	]);
	const wanted = Number(event.url.searchParams.get('id'));
	const selected = calendars.find((c) => c.id === wanted) ?? calendars[0] ?? null;
	// This year is the calendar's own: on New Year's Eve the year may already have turned there.
	const year = Number(timeFormat('en', selected?.calendar.timeZone).day(Date.now()).slice(0, 4));
	return {
		calendars: calendars.map((c) => ({ id: c.id, name: c.name, usedBy: usage.get(c.id) ?? [] })),
		selected: selected && {
			id: selected.id,
			name: selected.name,
			timeZone: selected.calendar.timeZone,
			week: Object.fromEntries(
				WEEKDAYS.map((d) => [d, formatIntervals(selected.calendar.week[d])])
			) as Record<Weekday, string>,
			holidays: [...selected.calendar.holidays].sort()
		},
		years: [year, year + 1, year + 2],
		timeZones: Intl.supportedValuesOf('timeZone')
	};
};

/** Save the submitted calendar, optionally adding Germany's public holidays of one year. */
async function save(event: RequestEvent, withHolidays: boolean) {
	const actor = requireRole(event, 'admin');
	const form = await event.request.formData();
	const values = formValues(form);
	const year = withHolidays ? values.year : null;
	return adminAction(values.id ? `calendar:${values.id}` : 'create', values, async () => {
		const saved = await service.saveCalendar((await app()).db, actor, {
			id: values.id,
			name: values.name ?? '',
			timeZone: values.timeZone ?? '',
			week: Object.fromEntries(WEEKDAYS.map((d) => [d, values[`week.${d}`] ?? ''])),
			holidays: values.holidays ?? '',
			addGermanHolidaysFor: year
		});
		if (withHolidays)
			return m.admin_calendar_holidays_added({ count: saved.added, year: year ?? '' });
		return values.id ? m.admin_saved() : m.admin_calendar_created({ name: values.name ?? '' });
	});
}

export const actions: Actions = {
	save: (event) => save(event, false),
	holidays: (event) => save(event, true)
};
