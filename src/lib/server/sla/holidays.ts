/** Easter Sunday (Gregorian) as [month, day], by the anonymous Gregorian algorithm. */
export function easterSunday(year: number): [number, number] {
	const a = year % 19;
	const b = Math.floor(year / 100);
	const c = year % 100;
	const d = Math.floor(b / 4);
	const e = b % 4;
	const f = Math.floor((b + 8) / 25);
	const g = Math.floor((b - f + 1) / 3);
	const h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4);
	const k = c % 4;
	const l = (32 + 2 * e + 2 * i - h - k) % 7;
	const m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31);
	const day = ((h + l - 7 * m + 114) % 31) + 1;
	return [month, day];
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Public holidays observed in all of Germany in `year`, as "YYYY-MM-DD", sorted. */
export function germanPublicHolidays(year: number): string[] {
	const [month, day] = easterSunday(year);
	const easter = Date.UTC(year, month - 1, day);
	const fromEaster = (days: number) => iso(new Date(easter + days * 86_400_000));
	return [
		`${year}-01-01`, // Neujahr
		fromEaster(-2), // Karfreitag
		fromEaster(1), // Ostermontag
		`${year}-05-01`, // Tag der Arbeit
		fromEaster(39), // Christi Himmelfahrt
		fromEaster(50), // Pfingstmontag
		`${year}-10-03`, // Tag der Deutschen Einheit
		`${year}-12-25`, // 1. Weihnachtstag
		`${year}-12-26` // 2. Weihnachtstag
	].sort();
}
