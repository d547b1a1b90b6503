// Article markdown → HTML that is safe to insert, and → plain text for search and snippets.
// Two locks: markdown-it never passes raw HTML through (`html: false`) and refuses
// `javascript:`, `vbscript:`, `file:` and `data:` links; then sanitize-html keeps only the tags,
// attributes and URL schemes listed here, whatever the renderer produced.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

// The page's own heading is the title (h1): an article's `#` headings become h2.
const belowTitle: NonNullable<typeof md.renderer.rules.heading_open> = (
	tokens,
	idx,
	options,
	_env,
	self
) => {
	if (tokens[idx].tag === 'h1') tokens[idx].tag = 'h2';
	return self.renderToken(tokens, idx, options);
};
md.renderer.rules.heading_open = belowTitle;
md.renderer.rules.heading_close = belowTitle;

const SANITISE: sanitizeHtml.IOptions = {
	allowedTags: [
		'h2',
		'h3',
		'h4',
		'h5',
		'h6',
		'p',
		'br',
		'hr',
		'strong',
		'em',
		's',
		'code',
		'pre',
		'kbd',
		'blockquote',
		'ul',
		'ol',
		'li',
		'a',
		'img',
		'table',
		'thead',
		'tbody',
		'tr',
		'th',
		'td'
	],
	allowedAttributes: {
		a: ['href', 'title', 'rel'],
		img: ['src', 'alt', 'title', 'loading'],
		ol: ['start'],
		th: ['style'],
		td: ['style'],
		code: ['class']
	},
	allowedClasses: { code: [/^language-[\w-]{1,30}$/] },
	allowedStyles: { '*': { 'text-align': [/^(left|right|center)$/] } },
	// Relative links (another article: /kb/…) and these schemes; nothing else survives.
	allowedSchemes: ['http', 'https', 'mailto'],
	allowedSchemesByTag: { img: ['https'] },
	allowProtocolRelative: false,
	disallowedTagsMode: 'discard',
	// An image whose address was refused is no image.
	exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
	transformTags: {
		// Links leave the helpdesk without telling the other site where from, nor giving it `opener`.
		a: (tagName, attribs) => ({
			tagName,
			attribs: /^https?:/i.test(attribs.href ?? '')
				? { ...attribs, rel: 'nofollow noopener noreferrer' }
				: attribs
		}),
		img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy' } })
	}
};

/** The article body as HTML that may be inserted into a page as it is. */
export function renderMarkdown(markdown: string): string {
	return sanitizeHtml(md.render(markdown), SANITISE);
}

/**
 * The article body as plain text: the words a reader sees (link texts, code, table cells), one
 * block per line, without markup. Search indexes this and snippets quote it.
 */
export function markdownToText(markdown: string): string {
	const lines: string[] = [];
	let line = '';
	const flush = () => {
		if (line.trim()) lines.push(line.replace(/\s+/g, ' ').trim());
		line = '';
	};
	for (const token of md.parse(markdown, {})) {
		if (token.type === 'inline') {
			for (const child of token.children ?? []) {
				if (child.type === 'text' || child.type === 'code_inline') line += child.content;
				else if (child.type === 'image') line += child.content;
				else if (child.type === 'softbreak' || child.type === 'hardbreak') line += ' ';
			}
			line += ' ';
		} else if (token.type === 'fence' || token.type === 'code_block') {
			flush();
			line = token.content;
			flush();
		} else if (token.nesting === -1 && token.block) {
			if (/^(paragraph|heading|td|th|list_item|blockquote)_close$/.test(token.type)) flush();
		}
	}
	flush();
	return lines.join('\n');
}
