import { describe, expect, it } from 'vitest';
import { safeRedirect } from './login';

describe('safeRedirect', () => {
	it.each([
		['/desk', '/desk'],
		['/desk?q=VPN&queue=l2', '/desk?q=VPN&queue=l2'],
		['/portal/🙂', '/portal/%F0%9F%99%82'],
		['/desk?q=Łódź', '/desk?q=%C5%81%C3%B3d%C5%BA'],
		['/desk?q=%C5%81', '/desk?q=%C5%81'],
		['/a#b', '/a#b']
	])('keeps a path on this site: %s → %s', (target, expected) => {
		expect(safeRedirect(target, '/home')).toBe(expected);
	});

	it.each([
		null,
		'',
		'https://evil.example/',
		'//evil.example',
		'/\\evil.example',
		'/\t/evil.example',
		'javascript:alert(1)',
		'desk'
	])('falls back for %s', (target) => {
		expect(safeRedirect(target, '/home')).toBe('/home');
	});

	it('yields only characters a Location header may carry', () => {
		for (const target of ['/ü', '/𝄞?x=€', '/a b']) {
			expect(safeRedirect(target, '/home')).toMatch(/^[\x21-\x7e]+$/);
		}
	});
});
