// Requests through the application's real `handle` (src/hooks.server.ts: authentication from a
// real session cookie or API token, locale, request guards, API error shape) into a real route
// handler or form action, on the database under test. What SvelteKit itself adds around them
// (routing, page rendering) is left out: `resolve` calls the route given.
import {
	isActionFailure,
	isHttpError,
	isRedirect,
	type RequestEvent,
	type ResolveOptions
} from '@sveltejs/kit';
// @ts-expect-error -- SvelteKit ships this entry point without type declarations
import { with_request_store } from '@sveltejs/kit/internal/server';
import { handle } from '../../src/hooks.server';

export const ORIGIN = 'http://127.0.0.1:4173';

/** SvelteKit's request store, which its `sequence` reads; internal, so not typed. */
const withRequestStore = with_request_store as <T>(
	store: { event: RequestEvent; state: object },
	fn: () => T
) => T;

/** A route handler, a wrapped action (`action`) or load (`page`). */
export type Route = (event: never) => Response | Promise<Response>;

export interface Answer {
	status: number;
	headers: Headers;
	text: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
	/** Cookies the route set, by name. */
	cookies: Map<string, string>;
}

export interface Call {
	method?: string;
	path: string;
	params?: Record<string, string>;
	json?: unknown;
	/** A urlencoded form (object) or a multipart one (FormData). */
	form?: Record<string, string> | FormData;
	raw?: BodyInit;
	headers?: Record<string, string>;
	/** The session token to send as the session cookie. */
	session?: string;
	/** An API token, sent as `Authorization: Bearer`. */
	token?: string;
	/** The Origin header; forms default to this site's origin, like a browser. */
	origin?: string | null;
	address?: string;
}

/** Send one request through `handle` to `route`. */
export async function send(route: Route, call: Call): Promise<Answer> {
	const url = new URL(call.path, ORIGIN);
	const headers = new Headers(call.headers);
	let body: BodyInit | undefined = call.raw;
	if (call.json !== undefined) {
		body = JSON.stringify(call.json);
		if (!headers.has('content-type')) headers.set('content-type', 'application/json');
	} else if (call.form instanceof FormData) {
		body = call.form;
	} else if (call.form) {
		body = new URLSearchParams(call.form);
	}
	const origin = call.origin === undefined ? (call.form ? ORIGIN : null) : call.origin;
	if (origin) headers.set('origin', origin);
	if (call.session) headers.set('cookie', `leitstand_session=${call.session}`);
	if (call.token) headers.set('authorization', `Bearer ${call.token}`);
	const request = new Request(url, {
		method: call.method ?? (body === undefined ? 'GET' : 'POST'),
		headers,
		body,
		...(body instanceof ReadableStream ? { duplex: 'half' } : {})
	} as RequestInit);

	const jar = new Map<string, string>();
	const sent = new Map(
		(request.headers.get('cookie') ?? '')
			.split(';')
			.map((c) => c.trim().split('='))
			.filter(([name]) => name)
			.map(([name, ...rest]) => [name, rest.join('=')] as [string, string])
	);
	const event = {
		request,
		url,
		params: call.params ?? {},
		route: { id: null },
		locals: {},
		cookies: {
			get: (name: string) => sent.get(name),
			getAll: () => [...sent].map(([name, value]) => ({ name, value })),
			set: (name: string, value: string) => void jar.set(name, value),
			delete: (name: string) => void jar.set(name, ''),
			serialize: () => ''
		},
		fetch,
		getClientAddress: () => call.address ?? '127.0.0.1',
		platform: undefined,
		setHeaders() {},
		isDataRequest: false,
		isSubRequest: false,
		isRemoteRequest: false
	} as unknown as RequestEvent;

	// SvelteKit answers an endpoint's thrown HTTP error or redirect itself.
	const resolve = async (e: RequestEvent, _opts?: ResolveOptions) => {
		try {
			return await route(e as never);
		} catch (error) {
			if (isHttpError(error)) return Response.json(error.body, { status: error.status });
			if (isRedirect(error)) {
				return new Response(null, { status: error.status, headers: { location: error.location } });
			}
			throw error;
		}
	};
	// Outside SvelteKit's server, `sequence` needs the request store SvelteKit would set up.
	const state = { tracing: { record_span: ({ fn }: { fn: (span: object) => unknown }) => fn({}) } };
	const response = await withRequestStore({ event, state }, () => handle({ event, resolve }));
	const text = await response.text();
	let parsed: unknown = null;
	if (response.headers.get('content-type')?.includes('application/json')) parsed = JSON.parse(text);
	return { status: response.status, headers: response.headers, text, body: parsed, cookies: jar };
}

/**
 * A form action as SvelteKit answers `use:enhance`: failures with their status and data,
 * redirects and HTTP errors with theirs, anything unexpected as the 500 it would become.
 */
export function action(run: (event: never) => unknown): Route {
	return async (event: never) => {
		try {
			const result = await run(event);
			if (isActionFailure(result)) {
				return Response.json({ type: 'failure', data: result.data }, { status: result.status });
			}
			return Response.json({ type: 'success', data: result ?? null });
		} catch (e) {
			if (isRedirect(e))
				return new Response(null, { status: e.status, headers: { location: e.location } });
			if (isHttpError(e)) return Response.json(e.body, { status: e.status });
			return new Response(e instanceof Error ? e.message : String(e), { status: 500 });
		}
	};
}

/** A page's `load` as a route: its data as JSON, or its redirect or error status. */
export function page(load: (event: never) => unknown): Route {
	return action(load);
}
