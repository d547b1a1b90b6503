import { error } from '@sveltejs/kit';
import { timingSafeEqual } from 'node:crypto';
import { metrics } from '$lib/server/metrics';
import type { RequestHandler } from './$types';

/** Prometheus text format. With METRICS_TOKEN set, scrapers must send it as a bearer token. */
export const GET: RequestHandler = async ({ request }) => {
	const expected = process.env.METRICS_TOKEN;
	if (expected) {
		const given = request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
		const a = Buffer.from(given);
		const b = Buffer.from(expected);
		if (a.length !== b.length || !timingSafeEqual(a, b)) {
			error(401, { code: 'unauthorized', message: 'Send METRICS_TOKEN as a bearer token.' });
		}
	}
	const { registry } = metrics();
	return new Response(await registry.metrics(), {
		headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' }
	});
};
