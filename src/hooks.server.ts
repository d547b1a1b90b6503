import { json, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { errorCodeFor } from '$lib/server/api/respond';
import { app, startApp } from '$lib/server/app';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { validateApiToken } from '$lib/server/auth/tokens';
import { handleApiMediaType, handleCrossSite, handleRequestInput } from '$lib/server/http/guards';
import { inLocale, inRequestLocale } from '$lib/server/i18n';
import { log } from '$lib/server/log';
import { metrics } from '$lib/server/metrics';
import { attachGateway } from '$lib/server/realtime/gateway';
import { isStatusSurface } from '$lib/server/status/surface';
import { getSocketRegistry } from '$lib/server/realtime/io-server.js';
import { paraglideMiddleware } from '$lib/paraglide/server';

export const init: ServerInit = async () => {
	const ctx = await startApp();
	const sockets = getSocketRegistry();
	if (sockets) attachGateway(sockets, ctx);
};

/** Who is asking: a session cookie, or `Authorization: Bearer <api token>`. */
const handleAuth: Handle = async ({ event, resolve }) => {
	const { db } = await app();
	event.locals.user = null;
	event.locals.sessionId = null;
	event.locals.auth = null;
	// The public status surface is the same for everyone (so it can be cached) and must answer
	// while the database is away: it reads no credentials.
	if (isStatusSurface(event.url.pathname)) return resolve(event);

	// /metrics has its own bearer secret (METRICS_TOKEN), not an API token.
	const bearer =
		event.url.pathname !== '/metrics' &&
		event.request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
	if (bearer) {
		const user = await validateApiToken(db.sql, bearer);
		if (!user) {
			return json(
				{ error: { code: 'unauthorized', message: 'Invalid or revoked API token.' } },
				{ status: 401, headers: { 'www-authenticate': 'Bearer' } }
			);
		}
		event.locals.user = user;
		event.locals.auth = 'token';
		return resolve(event);
	}

	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const result = await validateSessionToken(db.sql, token);
		if (result) {
			event.locals.user = result.user;
			event.locals.sessionId = result.session.id;
			event.locals.auth = 'session';
			if (result.renewed)
				setSessionCookie(event.cookies, event.url, token, result.session.expiresAt);
		} else {
			deleteSessionCookie(event.cookies, event.url); // expired, revoked or forged
		}
	}
	return resolve(event);
};

/**
 * Locale: the user's setting (kept in the locale cookie), else Accept-Language, else English.
 * The API always answers in English: its messages are documented as "for humans, in English".
 */
const handlePageI18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		const api = event.url.pathname.startsWith('/api/');
		// Status pages may name their language (`?lang=de`): links and cached copies stay in it.
		const asked = isStatusSurface(event.url.pathname) && event.url.searchParams.get('lang');
		const pageLang = asked === 'en' || asked === 'de' ? asked : null;
		const lang = api ? 'en' : (pageLang ?? locale);
		const answer = () =>
			resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', lang) });
		return api || pageLang ? inLocale(lang, answer) : answer();
	});

// The API answers in English and renders no page: Paraglide's middleware, which copies every
// request (body included) to hand it on, has nothing to do there.
const handleI18n: Handle = (input) =>
	input.event.url.pathname.startsWith('/api/')
		? inRequestLocale('en', input.event.url.origin, () => input.resolve(input.event))
		: handlePageI18n(input);

/** API errors always have the shape `{ error: { code, message, fields? } }`. */
const handleApiErrors: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (!event.url.pathname.startsWith('/api/') || response.ok) return response;
	if (!response.headers.get('content-type')?.includes('application/json')) return response;
	const body = await response
		.clone()
		.json()
		.catch(() => null);
	if (!body || typeof body !== 'object' || 'error' in body) return response;
	const { message, code, fields } = body as App.Error;
	const headers = new Headers(response.headers);
	headers.delete('content-length');
	return json(
		{
			error: {
				code: code ?? errorCodeFor(response.status),
				message,
				...(fields ? { fields } : {})
			}
		},
		{ status: response.status, headers }
	);
};

const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	// A page may ask for less (the kiosk wall: its URL carries a token).
	if (!response.headers.has('referrer-policy')) {
		response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	}
	if (!event.url.pathname.startsWith('/wall')) response.headers.set('x-frame-options', 'DENY');
	return response;
};

/** Request duration per route (the route id, not the raw path, to keep label cardinality low). */
const handleMetrics: Handle = async ({ event, resolve }) => {
	const end = metrics().httpRequests.startTimer({ method: event.request.method });
	const response = await resolve(event);
	end({ route: event.route.id ?? 'unmatched', status: String(response.status) });
	return response;
};

// The request checks run after authentication (cookie writes differ from token writes) and
// inside the locale, so their answers are in the user's language.
export const handle = sequence(
	handleMetrics,
	handleSecurityHeaders,
	handleApiErrors,
	handleAuth,
	handleI18n,
	handleCrossSite,
	handleApiMediaType,
	handleRequestInput
);

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message: 'Not found', code: 'not_found' };
	// The client's mistake (a body over BODY_SIZE_LIMIT, a malformed form): answered, not logged.
	if (status < 500) return { message, code: errorCodeFor(status) };
	const id = crypto.randomUUID();
	log.error('unhandled error', {
		id,
		path: event.url.pathname,
		status,
		error: error instanceof Error ? (error.stack ?? error.message) : String(error)
	});
	return {
		message: status >= 500 ? `Internal error (reference ${id})` : message,
		code: 'internal'
	};
};
