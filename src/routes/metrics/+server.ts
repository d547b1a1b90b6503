import { error } from '@sveltejs/kit';
import { timingSafeEqual } from 'node:crypto';
import { app } from '$lib/server/app';
import { metrics } from '$lib/server/metrics';
import type { RequestHandler } from './$types';

/**
 * Prometheus text format, for scrapers that send METRICS_TOKEN as a bearer token. Without a
 * token configured the endpoint does not exist (404): metrics are never public by default.
 */
export const GET: RequestHandler = async ({ request }) => {
	const expected = (await app()).config.metricsToken;
	if (!expected) error(404, { code: 'not_found', message: 'Not found' });
	const given = request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? '';
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	if (a.length !== b.length || !timingSafeEqual(a, b)) {
		error(401, { code: 'unauthorized', message: 'Send METRICS_TOKEN as a bearer token.' });
	}
	const { registry } = metrics();
	return new Response(await registry.metrics(), {
		headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' }
	});
};
