// Request checks every route gets before it runs, as `handle` hooks: cross-site writes, the API's
// media type, and input no route can store (NUL characters, oversized API bodies).
import { isHttpError, json, type Handle, type RequestEvent } from '@sveltejs/kit';
import {
	errorBody,
	isJsonMediaType,
	MAX_BODY_BYTES,
	mediaTypeOf,
	parsedBody
} from '../api/respond';
import { hasNul } from '../validation/fields';
import { m } from '$lib/paraglide/messages';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** What a plain HTML form can send without the page's help; SvelteKit's list (`enctype`). */
const FORM_TYPES = new Set([
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain',
	'application/x-sveltekit-formdata'
]);

/** Where a mail's List-Unsubscribe-Post goes (no Origin; only unsubscribes its token's owner). */
const ONE_CLICK_UNSUBSCRIBE = '/status/unsubscribe';

const isApi = (event: Pick<RequestEvent, 'url'>) => event.url.pathname.startsWith('/api/');
const isWrite = (request: Request) => WRITES.has(request.method);

function apiError(status: number, code: string, message: string, fields?: Record<string, string>) {
	return json(errorBody(code, message, fields), {
		status,
		headers: { 'cache-control': 'no-store' }
	});
}

/** Pages answer in plain text, or as an ActionResult to `use:enhance`, which expects JSON. */
function pageError(event: RequestEvent, status: number, message: string) {
	if (event.request.headers.get('x-sveltekit-action') === 'true') {
		return json({ type: 'error', error: { message, code: 'invalid' } }, { status });
	}
	return new Response(message, {
		status,
		headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
	});
}

/** True when the browser says the request comes from a page of another site. */
function crossSite(request: Request, url: URL): boolean {
	const origin = request.headers.get('origin');
	if (origin !== null) return origin !== url.origin;
	const site = request.headers.get('sec-fetch-site');
	return site !== null && site !== 'same-origin' && site !== 'none';
}

/**
 * Cross-site request forgery. Form posts must come from our own origin: SvelteKit's check,
 * made here instead (svelte.config.js turns SvelteKit's off) so that API clients are answered
 * by the API's rules and in its error shape. API writes need JSON (below), which another site's
 * page can only send through CORS, with an Origin; a session cookie's write must come from us,
 * while token-authenticated scripts need no Origin at all.
 */
export const handleCrossSite: Handle = ({ event, resolve }) => {
	const { request, url } = event;
	if (!isWrite(request)) return resolve(event);
	if (isApi(event)) {
		if (event.locals.auth === 'session' && crossSite(request, url)) {
			return apiError(403, 'forbidden', m.api_error_cross_origin());
		}
		return resolve(event);
	}
	// RFC 8058 one-click unsubscribe: the mail client posts from nowhere; the token is the right.
	if (url.pathname === ONE_CLICK_UNSUBSCRIBE) return resolve(event);
	if (FORM_TYPES.has(mediaTypeOf(request)) && request.headers.get('origin') !== url.origin) {
		const message = m.request_error_cross_site_form();
		if (request.headers.get('accept') === 'application/json') {
			return json({ message }, { status: 403 });
		}
		return new Response(message, { status: 403, headers: { 'content-type': 'text/plain' } });
	}
	return resolve(event);
};

/**
 * API writes carry JSON; anything else (forms, text, no type) is 415 before any route runs. A
 * DELETE without a body has nothing to describe.
 */
export const handleApiMediaType: Handle = ({ event, resolve }) => {
	const { request } = event;
	const carriesBody = request.method !== 'DELETE' || request.body !== null;
	if (isApi(event) && isWrite(request) && carriesBody && !isJsonMediaType(mediaTypeOf(request))) {
		return apiError(415, 'unsupported_media_type', m.api_error_media_type());
	}
	return resolve(event);
};

class TooLarge extends Error {}

/** The body of a copy of the request, at most `limit` bytes (then `TooLarge`). */
async function bodyBytes(request: Request, limit: number): Promise<Buffer> {
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (Number.isFinite(declared) && declared > limit) throw new TooLarge();
	const reader = request.clone().body?.getReader();
	if (!reader) return Buffer.alloc(0);
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > limit) {
				// Not awaited: cancelling one branch of a cloned (teed) body settles only once the
				// route's branch is cancelled too, which never happens here: awaiting hung the request.
				void reader.cancel().catch(() => {});
				throw new TooLarge();
			}
			chunks.push(value);
		}
	} catch (e) {
		// adapter-node's BODY_SIZE_LIMIT surfaces as a stream error with status 413.
		if (e instanceof TooLarge || (e as { status?: number }).status === 413) throw new TooLarge();
		throw e;
	}
	return Buffer.concat(chunks);
}

/**
 * The path of a string (key or value) holding a NUL, e.g. `title` or `targets.0.name`. Walks with
 * its own stack, not recursion: however deep a body nests, it cannot slip past unchecked.
 */
function nulPath(root: unknown): string | null {
	// Each visited value remembers its parent and key; the path is built only when a NUL is found.
	const seen: Array<{ parent: number; key: string }> = [{ parent: -1, key: '' }];
	const pathOf = (node: number, last?: string) => {
		const keys = last === undefined ? [] : [last];
		for (let n = node; n > 0; n = seen[n].parent) keys.push(seen[n].key);
		return keys.reverse().join('.') || 'body';
	};
	const stack: Array<[unknown, number]> = [[root, 0]];
	while (stack.length > 0) {
		const [value, node] = stack.pop()!;
		if (typeof value === 'string') {
			if (hasNul(value)) return pathOf(node);
			continue;
		}
		if (!value || typeof value !== 'object') continue;
		const entries = Array.isArray(value)
			? value.map((item, i) => [String(i), item] as const)
			: Object.entries(value);
		for (const [key, item] of entries) {
			if (hasNul(key)) return pathOf(node, key);
			seen.push({ parent: node, key });
			stack.push([item, seen.length - 1]);
		}
	}
	return null;
}

function firstNulEntry(entries: Iterable<[string, FormDataEntryValue]>): string | null {
	for (const [key, value] of entries) {
		const text = typeof value === 'string' ? value : value.name;
		if (hasNul(key) || hasNul(text)) return key;
	}
	return null;
}

/** The field of the request body that holds a NUL, or null. Unreadable bodies are the route's. */
async function nulInBody(request: Request, limit: number): Promise<string | null> {
	const type = mediaTypeOf(request);
	if (isJsonMediaType(type)) {
		const text = (await bodyBytes(request, limit)).toString('utf8');
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch {
			return null; // the route answers with its own "not valid JSON"
		}
		return nulPath(parsed);
	}
	if (type === 'application/x-www-form-urlencoded') {
		return firstNulEntry(new URLSearchParams((await bodyBytes(request, limit)).toString('utf8')));
	}
	if (type === 'multipart/form-data') {
		const bytes = await bodyBytes(request, limit);
		const headers = { 'content-type': request.headers.get('content-type') ?? '' };
		try {
			return firstNulEntry(await new Response(new Uint8Array(bytes), { headers }).formData());
		} catch {
			return null; // malformed: the route's own formData() reports it
		}
	}
	return null;
}

/** Field names are shown back to the client: without control characters, and short. */
const shown = (field: string) => field.replace(/\p{Cc}/gu, '\ufffd').slice(0, 100) || '?';

/**
 * PostgreSQL cannot store NUL in text, so a NUL anywhere in a query parameter or in a form or
 * JSON body is refused here with a 400 naming the field, before any route, login included,
 * hands it to the database. API bodies are also held to MAX_BODY_BYTES (413) here.
 */
export const handleRequestInput: Handle = async ({ event, resolve }) => {
	const api = isApi(event);
	let field: string | null = null;
	for (const [key, value] of event.url.searchParams) {
		if (hasNul(key) || hasNul(value)) {
			field = key;
			break;
		}
	}
	const tooLarge = () =>
		api
			? apiError(413, 'payload_too_large', m.api_error_too_large({ kb: MAX_BODY_BYTES / 1024 }))
			: pageError(event, 413, m.request_error_too_large());
	if (field === null && isWrite(event.request) && event.request.body) {
		if (api && isJsonMediaType(mediaTypeOf(event.request))) {
			// Read once, for this check and the endpoint alike: no copy of the stream.
			try {
				field = nulPath(await parsedBody(event.request));
			} catch (e) {
				if (isHttpError(e) && e.status === 413) return tooLarge();
				return resolve(event); // not JSON: the endpoint answers with its own error
			}
		} else {
			try {
				field = await nulInBody(event.request, api ? MAX_BODY_BYTES : Infinity);
			} catch (e) {
				// A body that cannot be read at all (the client went away) is the route's to report.
				if (!(e instanceof TooLarge)) return resolve(event);
				return tooLarge();
			}
		}
	}
	if (field === null) return resolve(event);
	const name = shown(field);
	return api
		? apiError(400, 'invalid', m.request_error_fields(), { [name]: m.request_error_nul() })
		: pageError(event, 400, m.request_error_nul_in({ field: name }));
};
