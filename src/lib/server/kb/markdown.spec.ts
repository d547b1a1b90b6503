import { describe, expect, it } from 'vitest';
import { markdownToText, renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
	it('renders the usual markdown, headings below the page title', () => {
		const html = renderMarkdown(
			'## Steps\n\n# Setup\n\n1. Open **Settings**\n2. Choose `VPN`\n\n| a | b |\n|:--|--:|\n| 1 | 2 |'
		);
		expect(html).toContain('<h2>Setup</h2>');
		expect(html).toContain('<h2>Steps</h2>');
		expect(html).toContain('<strong>Settings</strong>');
		expect(html).toContain('<code>VPN</code>');
		expect(html).toContain('<td style="text-align:right">2</td>');
	});

	it('never passes script, event handlers or raw HTML through', () => {
		const html = renderMarkdown(
			[
				'<script>alert(1)</script>',
				'<img src=x onerror=alert(1)>',
				'<a href="javascript:alert(1)">x</a>',
				'<iframe src="https://evil.example"></iframe>',
				'<svg onload=alert(1)>',
				'<p style="background:url(javascript:alert(1))">x</p>'
			].join('\n\n')
		);
		expect(html).not.toMatch(/<(script|img|iframe|svg|p style)\b/i);
		expect(html).not.toMatch(/<a [^>]*href="javascript/i);
		// No element carries an event handler or a style (the text may mention them, escaped).
		expect(html).not.toMatch(/<[a-z][^>]*\s(on[a-z]+|style)=/i);
		// Shown as text instead, escaped.
		expect(html).toContain('&lt;script&gt;');
	});

	it('drops javascript:, vbscript: and data: links, keeps http(s), mailto and relative ones', () => {
		const html = renderMarkdown(
			[
				'[a](javascript:alert(1))',
				'[b](JaVaScRiPt:alert(1))',
				'[c](java\tscript:alert(1))',
				'[d](vbscript:msgbox(1))',
				'[e](data:text/html;base64,PHNjcmlwdD4=)',
				'[f](https://example.com/x)',
				'[g](mailto:help@example.com)',
				'[h](/kb/vpn-einrichten)',
				'![i](javascript:alert(1))',
				'![j](http://insecure.example/a.png)',
				'![k](https://example.com/a.png)'
			].join('\n\n')
		);
		// Refused links stay visible as the text that was typed, never as a link or an image.
		expect(html).not.toMatch(/(href|src)="(javascript|vbscript|data):/i);
		const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
		expect(hrefs).toEqual([
			'https://example.com/x',
			'mailto:help@example.com',
			'/kb/vpn-einrichten'
		]);
		expect(html).toContain('href="https://example.com/x" rel="nofollow noopener noreferrer"');
		expect(html).toContain('href="/kb/vpn-einrichten"');
		expect(html).not.toContain('insecure.example');
		expect(html).toContain('<img src="https://example.com/a.png" alt="k" loading="lazy" />');
	});
});

describe('markdownToText', () => {
	it('keeps the words, one block per line, without markup', () => {
		expect(
			markdownToText(
				'# VPN\n\nOpen **FortiClient** and [sign in](https://x.example).\n\n```\nping 10.0.0.1\n```\n\n- one\n- two'
			)
		).toBe('VPN\nOpen FortiClient and sign in.\nping 10.0.0.1\none\ntwo');
	});
	it('keeps script text as words, never as markup', () => {
		expect(markdownToText('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
	});
});
