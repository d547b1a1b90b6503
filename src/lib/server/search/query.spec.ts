import { describe, expect, it } from 'vitest';
import {
	correctQuery,
	isSearchable,
	letterWords,
	MAX_QUERY_LENGTH,
	MAX_QUERY_WORDS,
	normaliseQuery,
	queryWords,
	snippetParts,
	ticketNumberQuery
} from './query';

describe('normaliseQuery', () => {
	it('collapses whitespace and drops control characters, NUL included', () => {
		expect(normaliseQuery('  VPN \n\t bricht\u0000ab\u202e ')).toBe('VPN bricht ab');
	});
	it('keeps tsquery syntax as plain text for the database to parse', () => {
		expect(normaliseQuery('a & b | !c :* <-> "x" \\')).toBe('a & b | !c :* <-> "x" \\');
	});
	it('turns anything but a string into the empty query', () => {
		expect(normaliseQuery(undefined)).toBe('');
		expect(normaliseQuery(['vpn'])).toBe('');
		expect(normaliseQuery(42)).toBe('');
	});
	it('cuts very long queries at a space, within the limit', () => {
		const q = normaliseQuery('drucker '.repeat(2000));
		expect(q.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
		expect(q.endsWith('drucker')).toBe(true);
		expect(normaliseQuery('x'.repeat(10_000))).toHaveLength(MAX_QUERY_LENGTH);
	});
	it('never cuts a surrogate pair in half', () => {
		const q = normaliseQuery('a' + '🙂'.repeat(150));
		expect(q.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
		expect(/[\ud800-\udbff]$/.test(q)).toBe(false);
	});
});

describe('queryWords', () => {
	it('lists distinct words, lower-cased, keeping inner hyphens and dots', () => {
		expect(queryWords('E-Mail-Postfach voll, VPN vpn 2.4 GHz!')).toEqual([
			'e-mail-postfach',
			'voll',
			'vpn',
			'2.4',
			'ghz'
		]);
	});
	it('has no words for punctuation and operators', () => {
		expect(queryWords('& | ! :* <-> " \\')).toEqual([]);
		expect(isSearchable('& | !')).toBe(false);
		expect(isSearchable('Ä')).toBe(true);
	});
	it('stops at the word limit', () => {
		const many = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
		expect(queryWords(many)).toHaveLength(MAX_QUERY_WORDS);
	});
});

describe('ticketNumberQuery', () => {
	it('reads "1042" and "#1042", nothing else', () => {
		expect(ticketNumberQuery('1042')).toBe(1042);
		expect(ticketNumberQuery(' #1042 ')).toBe(1042);
		expect(ticketNumberQuery('1042 vpn')).toBeNull();
		expect(ticketNumberQuery('1234567890')).toBeNull();
	});
});

describe('snippetParts', () => {
	it('splits ts_headline markers into highlighted parts', () => {
		expect(snippetParts('Der \u0002Drucker\u0003 im \u0002Flur\u0003.')).toEqual([
			{ text: 'Der ', hit: false },
			{ text: 'Drucker', hit: true },
			{ text: ' im ', hit: false },
			{ text: 'Flur', hit: true },
			{ text: '.', hit: false }
		]);
		expect(snippetParts('<b>no markers</b>')).toEqual([{ text: '<b>no markers</b>', hit: false }]);
	});
});

describe('typo corrections', () => {
	it('collects letter words for the lexicon', () => {
		expect(letterWords('Das E-Mail-Postfach ist voll, VPN 2.4 ok!')).toEqual([
			'das',
			'mail',
			'postfach',
			'ist',
			'voll',
			'vpn'
		]);
	});
	it('puts corrections into the query, keeping the rest as typed', () => {
		expect(
			correctQuery(
				'"Pasword" reset -Druker',
				new Map([
					['pasword', 'password'],
					['druker', 'drucker']
				])
			)
		).toBe('"password" reset -drucker');
	});
});
