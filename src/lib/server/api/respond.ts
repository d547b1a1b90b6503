// The one wrapper every JSON API endpoint goes through: errors in one shape, bodies read safely.
import { error, isHttpError, json, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { DomainError, parseInput } from '../errors';

/** Largest request body the API reads; a ticket description (20 000 chars) fits many times over. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface ApiErrorBody {
	error: { code: string; message: string; fields?: Record<string, string> };
}

/** Stop the request with `{ error: { code, message, fields? } }` and `status`. */
export function apiError(
	status: number,
	code: string,
	message: string,
	fields?: Record<string, string>
): never {
	error(status, { code, message, ...(fields ? { fields } : {}) });
}

/** The error body as every API client sees it. */
export function errorBody(code: string, message: string, fields?: Record<string, string>) {
	return { error: { code, message, ...(fields ? { fields } : {}) } } satisfies ApiErrorBody;
}

const FALLBACK_CODES: Record<number, string> = {
	400: 'invalid',
	401: 'unauthorized',
	403: 'forbidden',
	404: 'not_found',
	405: 'method_not_allowed',
	409: 'conflict',
	413: 'payload_too_large',
	415: 'unsupported_media_type',
	422: 'invalid',
	429: 'too_many_requests'
};

/** The error code an HTTP status stands for when nothing more specific was said. */
export function errorCodeFor(status: number): string {
	return FALLBACK_CODES[status] ?? (status >= 500 ? 'internal' : 'error');
}

function errorResponse(
	status: number,
	code: string,
	message: string,
	fields?: Record<string, string>
) {
	const headers: Record<string, string> = { 'cache-control': 'no-store' };
	if (status === 401) headers['www-authenticate'] = 'Bearer';
	return json(errorBody(code, message, fields), { status, headers });
}

/**
 * Wrap an endpoint: refused operations (`DomainError`) and SvelteKit HTTP errors (guards,
 * `apiError`) become JSON errors with their status; anything else is a real 500 and propagates
 * to `handleError`, which logs it with a reference id.
 */
export function apiRoute<E extends RequestEvent>(
	handler: (event: E) => Promise<Response> | Response
): (event: E) => Promise<Response> {
	return async (event) => {
		try {
			const response = await handler(event);
			// Ticket data is per user: never let a shared cache keep it.
			if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store');
			return response;
		} catch (e) {
			if (e instanceof DomainError) {
				const fields = Object.keys(e.fields).length > 0 ? e.fields : undefined;
				return errorResponse(e.status, e.code, e.message, fields);
			}
			if (isHttpError(e)) {
				const body = e.body as Partial<App.Error>;
				return errorResponse(
					e.status,
					body.code ?? errorCodeFor(e.status),
					body.message ?? 'Request failed.',
					body.fields
				);
			}
			throw e;
		}
	};
}

/** The `fallback` of an API route: other methods get the error shape and an `Allow` header. */
export function methodNotAllowed(...allowed: string[]) {
	return apiRoute(() =>
		json(errorBody('method_not_allowed', `Use ${allowed.join(' or ')}.`), {
			status: 405,
			headers: { allow: allowed.join(', ') }
		})
	);
}

const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json$/;

/** The request's media type, lower-case and without parameters ("" when there is none). */
export function mediaTypeOf(request: Request): string {
	return (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

/** `application/json` or a `+json` type such as `application/merge-patch+json`. */
export function isJsonMediaType(mediaType: string): boolean {
	return JSON_TYPE.test(mediaType);
}

/**
 * The request body as a JSON object. Requiring `application/json` also keeps cookie-authenticated
 * writes safe from cross-site form posts, which cannot send that content type.
 */
export async function readJson(request: Request): Promise<Record<string, unknown>> {
	if (!isJsonMediaType(mediaTypeOf(request))) {
		apiError(415, 'unsupported_media_type', 'Send the body as application/json.');
	}
	const body = await parsedBody(request);
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		apiError(400, 'invalid_json', 'The request body must be a JSON object.');
	}
	return body as Record<string, unknown>;
}

const parsed = new WeakMap<Request, Promise<unknown>>();

/**
 * The request's body parsed as JSON, read once however often it is asked for (the NUL guard,
 * then the endpoint): a second reader would need a copy of the stream (`clone`), which tees it on
 * every request. Fails with the API's errors: 413 past MAX_BODY_BYTES, 400 `invalid_json`.
 */
export function parsedBody(request: Request): Promise<unknown> {
	let body = parsed.get(request);
	if (!body) {
		body = parseBody(request);
		body.catch(() => {}); // its readers see the error; unread, it is no one's
		parsed.set(request, body);
	}
	return body;
}

async function parseBody(request: Request): Promise<unknown> {
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) tooLarge();
	const text = await readText(request);
	if (!text.trim()) apiError(400, 'invalid_json', 'The request body is empty.');
	try {
		return JSON.parse(text);
	} catch {
		apiError(400, 'invalid_json', 'The request body is not valid JSON.');
	}
}

/**
 * The request body, read as JSON and validated with `schema`: the schema the OpenAPI document
 * shows for the endpoint (a strict one, so a typo never passes as "no change").
 */
export async function readBody<S extends z.ZodType>(
	request: Request,
	schema: S
): Promise<z.output<S>> {
	return parseInput(schema, await readJson(request));
}

function tooLarge(): never {
	apiError(413, 'payload_too_large', `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KB.`);
}

/** Read at most MAX_BODY_BYTES, also when no Content-Length was sent (chunked uploads). */
async function readText(request: Request): Promise<string> {
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > MAX_BODY_BYTES) {
				await reader.cancel().catch(() => {});
				tooLarge();
			}
			chunks.push(value);
		}
	} catch (e) {
		if (isHttpError(e)) throw e;
		// adapter-node's own BODY_SIZE_LIMIT surfaces as a stream error with status 413.
		if ((e as { status?: number }).status === 413) tooLarge();
		apiError(400, 'invalid_json', 'The request body could not be read.');
	}
	const bytes = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		apiError(400, 'invalid_json', 'The request body is not valid UTF-8.');
	}
}
