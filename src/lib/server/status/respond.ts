// The status surface's answers through SvelteKit (development, tests, and anything the edge in
// front did not answer): the same bytes and headers as the edge, from the same artefacts.
import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { statusEdge } from './edge.js';
import { statusService } from './snapshot';

export async function fromEdge(event: RequestEvent): Promise<Response> {
	await statusService()?.published();
	const headers: Record<string, string> = {};
	event.request.headers.forEach((value, name) => (headers[name] = value));
	const answer = statusEdge().answer(
		event.request.method,
		event.url.pathname + event.url.search,
		headers
	);
	if (!answer) error(503, { code: 'unavailable', message: m.statuspage_unavailable() });
	return new Response(answer.body ? new Uint8Array(answer.body) : null, {
		status: answer.status,
		headers: answer.headers
	});
}

/** The handlers of one status document: GET (SvelteKit answers HEAD with it) and the preflight. */
export const statusDocument = { GET: fromEdge, OPTIONS: fromEdge };
