import { describe, expect, it } from 'vitest';
import { dbId, emailAddress, hasNul, MAX_DB_ID, multiLine, singleLine } from './fields';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) =>
	schema.safeParse(value).success;

describe('singleLine', () => {
	const title = singleLine(20, 'Title');

	it('trims and keeps ordinary text, accents and emoji', () => {
		expect(title.parse('  Drucker im 3. OG 🖨️ ')).toBe('Drucker im 3. OG 🖨️');
	});

	it.each([
		['NUL', 'a\u0000b'],
		['LF', 'a\nb'],
		['CR', 'a\rb'],
		['tab', 'a\tb'],
		['bell', 'a\u0007b'],
		['DEL', 'a\u007fb'],
		['C1 NEL', 'a\u0085b'],
		['line separator', 'a\u2028b'],
		['RLO', 'a\u202eb'],
		['LRE', 'a\u202ab'],
		['FSI', 'a\u2068b'],
		['PDI', 'a\u2069b']
	])('refuses %s', (_name, value) => {
		const result = title.safeParse(value);
		expect(result.success).toBe(false);
		expect(result.error?.issues[0].message).toContain('Title');
	});

	it('refuses empty and too long values with messages naming the field', () => {
		expect(title.safeParse('   ').error?.issues[0].message).toBe('Title is required.');
		expect(title.safeParse('x'.repeat(21)).error?.issues[0].message).toBe(
			'Title must be at most 20 characters.'
		);
		expect(ok(title, 'x'.repeat(20))).toBe(true);
	});
});

describe('multiLine', () => {
	const body = multiLine(100, () => 'Description');

	it('keeps tabs and line breaks inside the text', () => {
		expect(body.parse('\nLine 1\r\n\tLine 2\n')).toBe('Line 1\r\n\tLine 2');
	});

	it.each([['a\u0000b'], ['a\u0007b'], ['a\u001b[31m'], ['a\u000cb'], ['a\u007fb']])(
		'refuses %j',
		(value) => {
			expect(body.safeParse(value).error?.issues[0].message).toContain('Description');
		}
	);
});

describe('dbId', () => {
	it('accepts 1 … 2147483647 and nothing else', () => {
		const id = dbId('Group');
		expect(id.parse(1)).toBe(1);
		expect(id.parse(MAX_DB_ID)).toBe(MAX_DB_ID);
		for (const bad of [
			0,
			-1,
			1.5,
			MAX_DB_ID + 1,
			99_999_999_999,
			Number.NaN,
			Infinity,
			'5',
			null
		]) {
			expect(ok(id, bad), String(bad)).toBe(false);
		}
		expect(id.safeParse(MAX_DB_ID + 1).error?.issues[0].message).toBe(
			'Group must be a whole number from 1 to 2147483647.'
		);
	});

	it('reads digit strings from forms, with an optional message of its own', () => {
		const id = dbId(undefined, { fromForm: true, error: () => 'Choose one.' });
		expect(id.parse('42')).toBe(42);
		for (const bad of ['', 'abc', '1e3', '0x10', '2147483648', '-3']) {
			expect(id.safeParse(bad).error?.issues[0].message, bad).toBe('Choose one.');
		}
	});
});

describe('emailAddress', () => {
	it('lower-cases and checks the address', () => {
		const email = emailAddress('Email');
		expect(email.parse(' Ana@Example.COM ')).toBe('ana@example.com');
		for (const bad of ['ana', 'ana@example.com\r\nBcc: x@y.z', 'a\u0000@example.com', '']) {
			expect(ok(email, bad), JSON.stringify(bad)).toBe(false);
		}
	});
});

describe('hasNul', () => {
	it('finds NUL anywhere', () => {
		expect(hasNul('abc')).toBe(false);
		expect(hasNul('\u0000')).toBe(true);
		expect(hasNul('x\u0000')).toBe(true);
	});
});
