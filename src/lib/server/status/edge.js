// The status edge: the public status surface (pages, v2 JSON, feeds) as bytes in memory, rendered
// once per change and pre-compressed, answered in front of SvelteKit's request pipeline. Plain JS
// because the production entry (server.js) loads it before the built app exists, to serve the
// snapshot persisted in DATA_DIR/status while the app starts or waits for its database. The app
// (built TypeScript) fills it through the registry on globalThis whenever the snapshot changes.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

const KEY = Symbol.for('leitstand.status-edge');
export const SNAPSHOT_FILE = 'snapshot.json';
/** Languages of the pages and feeds; the first is the default. */
export const EDGE_LANGS = ['en', 'de'];
const LOCALE_COOKIE = 'leitstand_locale';
/** Short enough that an update shows quickly, long enough that a proxy absorbs a surge. */
export const STATUS_CACHE_CONTROL =
	'public, max-age=10, stale-while-revalidate=30, stale-if-error=86400';

/**
 * @typedef {object} EdgeEntryInput
 * @property {string} path URL path with its normalised query (`/status/history?page=2`)
 * @property {string | null} lang the language of a page or feed; null for JSON
 * @property {string} type content type
 * @property {string} body
 * @property {string} [staleBody] what to serve while the data cannot be refreshed (pages, feeds)
 * @property {Record<string, string>} [headers] extra headers (a page's Content-Security-Policy)
 */
/**
 * @typedef {object} EdgeSnapshot
 * @property {number} version
 * @property {string} asOf when the data was read from the database (ISO)
 * @property {number} position stream position of the data
 * @property {EdgeEntryInput[]} entries
 * @property {unknown} [data] the model the entries were made from (the app restores it)
 */
/**
 * @typedef {object} Encoded
 * @property {Buffer} body
 * @property {Buffer} gzip
 * @property {Buffer} br
 * @property {string} etag
 */
/**
 * @typedef {object} EdgeEntry
 * @property {EdgeEntryInput} input
 * @property {Encoded} fresh
 * @property {Encoded | null} stale
 * @property {Map<string, ReturnType<typeof Object>>} prepared answers made ready, by variant
 */
/**
 * @typedef {object} EdgeAnswer
 * @property {number} status
 * @property {Record<string, string>} headers
 * @property {Buffer | null} body
 */

/** @param {Buffer} body */
function etagOf(body) {
	return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** @type {Map<string, Encoded>} compressed bodies by etag, kept across publications */
let encodedCache = new Map();

/** @param {string} text @returns {Encoded} */
function encode(text) {
	const body = Buffer.from(text, 'utf8');
	const etag = etagOf(body);
	const known = encodedCache.get(etag);
	if (known) return known;
	return {
		body,
		etag,
		gzip: gzipSync(body, { level: 9 }),
		br: brotliCompressSync(body, {
			params: {
				[zlib.BROTLI_PARAM_QUALITY]: 9,
				[zlib.BROTLI_PARAM_SIZE_HINT]: body.length
			}
		})
	};
}

const NO_QUERY = new URLSearchParams();
/** The answer to a CORS preflight (a marker, then its headers). */
const PREFLIGHT = Symbol('preflight');
const PREFLIGHT_HEADERS = {
	'access-control-allow-origin': '*',
	'access-control-allow-methods': 'GET, HEAD, OPTIONS',
	'access-control-allow-headers': 'If-None-Match, If-Modified-Since, Accept-Language',
	'access-control-max-age': '86400',
	'cache-control': STATUS_CACHE_CONTROL
};

/** @param {string | null} lang @param {string} path */
const entryKey = (path, lang) => (lang ? `${path}|${lang}` : path);

/**
 * @param {string | undefined} header
 * @returns {string | null}
 */
function preferredLang(header) {
	if (!header) return null;
	const ranked = header
		.split(',')
		.map((part) => {
			const [tag, ...params] = part.trim().toLowerCase().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			return { lang: tag.split('-')[0], q: q ? Number(q.slice(2)) : 1 };
		})
		.filter((x) => x.q > 0 && EDGE_LANGS.includes(x.lang))
		.sort((a, b) => b.q - a.q);
	return ranked[0]?.lang ?? null;
}

/** @param {string | undefined} cookie */
function cookieLang(cookie) {
	if (!cookie) return null;
	const match = cookie.match(new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([a-z]{2})`));
	return match && EDGE_LANGS.includes(match[1]) ? match[1] : null;
}

/**
 * The page's language: `?lang=`, else the language cookie (a signed-in user's choice), else
 * Accept-Language, else English.
 * @param {URLSearchParams} query
 * @param {Record<string, string | string[] | undefined>} headers
 */
export function chooseLang(query, headers) {
	const asked = query.get('lang');
	if (asked && EDGE_LANGS.includes(asked)) return { lang: asked, explicit: true };
	const cookie = headers.cookie;
	const fromCookie = cookieLang(Array.isArray(cookie) ? cookie.join('; ') : cookie);
	const accept = headers['accept-language'];
	const lang =
		fromCookie ?? preferredLang(Array.isArray(accept) ? accept.join(',') : accept) ?? EDGE_LANGS[0];
	return { lang, explicit: false };
}

/** @param {string | undefined} header @param {string} etag */
function matches(header, etag) {
	if (!header) return false;
	const bare = etag.slice(1, -1);
	return header.split(',').some((raw) => {
		const tag = raw.trim().replace(/^W\//, '');
		return tag === '*' || tag === etag || tag === `"${bare}-br"` || tag === `"${bare}-gz"`;
	});
}

/** @param {string | undefined} header @param {string} coding */
function accepts(header, coding) {
	if (!header) return false;
	return header.split(',').some((part) => {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		return name === coding && (!q || Number(q.slice(2)) > 0);
	});
}

function createEdge() {
	/** @type {Map<string, EdgeEntry>} */
	let entries = new Map();
	/** @type {Set<string>} */
	let paths = new Set();
	let asOf = '';
	let position = 0;
	/** @type {EdgeSnapshot | null} */
	let snapshot = null;
	let stale = false;
	let databaseDown = false;
	/** @type {string | null} */
	let since = null;

	/** @param {EdgeEntry} entry */
	function variant(entry) {
		if (!stale || entry.input.staleBody === undefined) return entry.fresh;
		entry.stale ??= encode(entry.input.staleBody);
		return entry.stale;
	}

	/**
	 * The entry a request asks for, with its headers and body prepared once per variant (fresh or
	 * stale, encoding, language named or negotiated): a request costs a lookup, not a build.
	 * @param {string} method @param {string} rawUrl
	 * @param {Record<string, string | string[] | undefined>} headers
	 */
	function find(method, rawUrl, headers) {
		if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') return null;
		const q = rawUrl.indexOf('?');
		const pathname = q < 0 ? rawUrl : rawUrl.slice(0, q);
		const query = q < 0 ? NO_QUERY : new URLSearchParams(rawUrl.slice(q + 1));
		const page = query.get('page');
		const path =
			page && page !== '1' && /^[1-9][0-9]{0,3}$/.test(page)
				? `${pathname}?page=${page}`
				: pathname;
		if (!paths.has(path)) return null;
		if (method === 'OPTIONS') return PREFLIGHT;
		let entry = entries.get(path);
		let lang = null;
		let explicit = true;
		if (!entry) {
			({ lang, explicit } = chooseLang(query, headers));
			entry = entries.get(entryKey(path, lang));
			if (!entry) return null;
		}
		const encoded = variant(entry);
		const acceptEncoding = headers['accept-encoding'];
		const ae = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '');
		const coding = accepts(ae, 'br') ? 'br' : accepts(ae, 'gzip') ? 'gzip' : null;
		const key = `${encoded.etag}|${coding}|${explicit ? 1 : 0}|${stale ? 1 : 0}`;
		let prepared = entry.prepared.get(key);
		if (!prepared) {
			prepared = prepare(entry, encoded, coding, lang, explicit);
			entry.prepared.set(key, prepared);
		}
		const ifNoneMatch = headers['if-none-match'];
		const notModified = matches(
			Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : ifNoneMatch,
			encoded.etag
		);
		return { prepared, notModified, head: method === 'HEAD' };
	}

	/**
	 * @param {EdgeEntry} entry @param {Encoded} encoded @param {'br' | 'gzip' | null} coding
	 * @param {string | null} lang @param {boolean} explicit
	 */
	function prepare(entry, encoded, coding, lang, explicit) {
		const bare = encoded.etag.slice(1, -1);
		const etag =
			coding === 'br' ? `"${bare}-br"` : coding === 'gzip' ? `"${bare}-gz"` : encoded.etag;
		const vary = ['Accept-Encoding'];
		if (lang !== null && !explicit) vary.push('Accept-Language', 'Cookie');
		/** @type {Record<string, string>} */
		const common = {
			...(entry.input.headers ?? {}),
			'cache-control': STATUS_CACHE_CONTROL,
			etag,
			vary: vary.join(', '),
			'last-modified': new Date(asOf).toUTCString(),
			'access-control-allow-origin': '*',
			'access-control-expose-headers': 'ETag, Last-Modified, X-Status-As-Of, X-Status-Stale',
			'x-content-type-options': 'nosniff',
			'x-status-as-of': asOf
		};
		if (entry.input.lang !== null) common['content-language'] = entry.input.lang;
		if (stale) {
			common['x-status-stale'] = '1';
			common.warning = `110 leitstand "Response is stale: data as of ${asOf}"`;
		}
		const body = coding === 'br' ? encoded.br : coding === 'gzip' ? encoded.gzip : encoded.body;
		/** @type {Record<string, string>} */
		const ok = { ...common, 'content-type': entry.input.type };
		if (coding) ok['content-encoding'] = coding;
		ok['content-length'] = String(body.length);
		// A 304 carries the validators and caching headers, not the body's description.
		const notModified = common;
		return {
			ok,
			notModified,
			okRaw: Object.entries(ok).flat(),
			notModifiedRaw: Object.entries(notModified).flat(),
			body
		};
	}

	const edge = {
		/** Renders a page through SvelteKit (set by the production entry); null elsewhere. */
		/** @type {((path: string) => Promise<{ status: number, headers: Record<string, string>, body: string }>) | null} */
		render: null,
		/** Asks the app for a rebuild (set by the app; the production entry calls it). */
		/** @type {(() => void) | null} */
		refreshHook: null,

		get asOf() {
			return asOf;
		},
		get position() {
			return position;
		},
		/** The data could not be refreshed from the database: answers say how old they are. */
		get stale() {
			return stale;
		},
		/** Known to be without its database (set by the app or while the app waits for it). */
		get databaseDown() {
			return databaseDown;
		},
		/** Since when the database has been away (ISO), or null. */
		get downSince() {
			return since;
		},
		/** The snapshot last published or restored. */
		get snapshot() {
			return snapshot;
		},
		/** @param {boolean} down */
		setDatabaseDown(down) {
			if (down && !databaseDown) since = new Date().toISOString();
			if (!down) since = null;
			databaseDown = down;
			// Back up: stale until the app publishes what it read from the database again.
			if (down) stale = true;
		},

		/** Replace everything served with `next` (all entries at once). @param {EdgeSnapshot} next */
		publish(next) {
			/** @type {Map<string, EdgeEntry>} */
			const fresh = new Map();
			/** @type {Map<string, Encoded>} */
			const cache = new Map();
			for (const input of next.entries) {
				const encoded = encode(input.body);
				cache.set(encoded.etag, encoded);
				fresh.set(entryKey(input.path, input.lang), {
					input,
					fresh: encoded,
					stale: null,
					prepared: new Map()
				});
			}
			encodedCache = cache;
			entries = fresh;
			paths = new Set(next.entries.map((e) => e.path));
			asOf = next.asOf;
			position = next.position;
			snapshot = next;
			stale = false;
		},

		/** Forget everything (a node's app stopped). */
		reset() {
			entries = new Map();
			paths = new Set();
			encodedCache = new Map();
			snapshot = null;
			asOf = '';
			position = 0;
			stale = false;
			databaseDown = false;
			since = null;
		},

		/** Write the snapshot to `dir` atomically (a new file renamed over the old). @param {string} dir */
		persist(dir) {
			if (!snapshot) return;
			mkdirSync(dir, { recursive: true });
			const file = join(dir, SNAPSHOT_FILE);
			const temporary = `${file}.${process.pid}.tmp`;
			writeFileSync(temporary, JSON.stringify(snapshot));
			renameSync(temporary, file);
		},

		/**
		 * Read the snapshot persisted in `dir`, if any, and serve it as stale until the app
		 * publishes a fresh one. @param {string} dir @returns {EdgeSnapshot | null}
		 */
		restore(dir) {
			let parsed;
			try {
				parsed = JSON.parse(readFileSync(join(dir, SNAPSHOT_FILE), 'utf8'));
			} catch {
				return null;
			}
			if (!parsed || parsed.version !== 1 || !Array.isArray(parsed.entries)) return null;
			edge.publish(parsed);
			stale = true;
			return parsed;
		},

		/**
		 * The answer to a request for a status path, or null when the edge does not hold it (the
		 * app answers). @param {string} method @param {string} rawUrl
		 * @param {Record<string, string | string[] | undefined>} headers @returns {EdgeAnswer | null}
		 */
		answer(method, rawUrl, headers) {
			const found = find(method, rawUrl, headers);
			if (!found) return null;
			if (found === PREFLIGHT) return { status: 204, headers: PREFLIGHT_HEADERS, body: null };
			const { prepared, notModified, head } = found;
			if (notModified) return { status: 304, headers: prepared.notModified, body: null };
			return { status: 200, headers: prepared.ok, body: head ? null : prepared.body };
		},

		/**
		 * Answer a Node request from memory; false when the app must answer it.
		 * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
		 */
		handle(req, res) {
			const url = req.url ?? '/';
			if (!url.startsWith('/status') && !url.startsWith('/api/v2/')) return false;
			const found = find(req.method ?? 'GET', url, req.headers);
			if (!found) return false;
			if (found === PREFLIGHT) {
				res.writeHead(204, PREFLIGHT_HEADERS).end();
				return true;
			}
			const { prepared, notModified, head } = found;
			if (notModified) res.writeHead(304, prepared.notModifiedRaw).end();
			else res.writeHead(200, prepared.okRaw).end(head ? undefined : prepared.body);
			return true;
		}
	};
	return edge;
}

/** @typedef {ReturnType<typeof createEdge>} StatusEdge */

/** This process's status edge (one, whichever bundle asks). @returns {StatusEdge} */
export function statusEdge() {
	const registry = /** @type {Record<symbol, StatusEdge | undefined>} */ (
		/** @type {unknown} */ (globalThis)
	);
	return (registry[KEY] ??= createEdge());
}

const ASSET_TYPES = /** @type {Record<string, string>} */ ({
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.json': 'application/json; charset=utf-8',
	'.woff2': 'font/woff2',
	'.png': 'image/png'
});

/**
 * The built client files the status pages load (`/_app/…`, the icon), for while SvelteKit's own
 * handler is not there yet (the app waits for its database). False when it is not such a file.
 * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
 * @param {string} root the build's client folder
 */
export function serveAsset(req, res, root) {
	const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
	if (!path.startsWith('/_app/') && path !== '/favicon.svg') return false;
	const file = normalize(join(root, path));
	const type = ASSET_TYPES[extname(file)];
	if (!type || !file.startsWith(root + sep)) return false;
	try {
		if (!statSync(file).isFile()) return false;
		const body = readFileSync(file);
		res.writeHead(200, {
			'content-type': type,
			'content-length': String(body.length),
			'cache-control': path.startsWith('/_app/immutable/')
				? 'public, max-age=31536000, immutable'
				: 'public, max-age=60'
		});
		res.end(req.method === 'HEAD' ? undefined : body);
		return true;
	} catch {
		return false;
	}
}
