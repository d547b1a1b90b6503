import { DEMO, expect, signIn, test } from './support';

test.describe('HTTP API and probes', () => {
	test('GET /api/me without auth is a 401 JSON error', async ({ request }) => {
		const response = await request.get('/api/me');
		expect(response.status()).toBe(401);
		expect(response.headers()['content-type']).toContain('application/json');
		expect(await response.json()).toEqual({
			error: { code: 'unauthorized', message: expect.any(String) }
		});
	});

	test('GET /api/me with an invalid bearer token is a 401 JSON error', async ({ request }) => {
		const response = await request.get('/api/me', {
			headers: { authorization: 'Bearer not-a-real-token' }
		});
		expect(response.status()).toBe(401);
		expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
	});

	test('GET /api/me with a session returns the user without secrets', async ({ page }) => {
		await signIn(page, DEMO.l1);
		const response = await page.request.get('/api/me');
		expect(response.status()).toBe(200);
		const body = await response.json();
		expect(body).toMatchObject({
			user: { email: DEMO.l1.email, name: DEMO.l1.name, role: 'agent' },
			auth: 'session'
		});
		expect(JSON.stringify(body)).not.toMatch(/hash|password/i);
	});

	test('an unknown API path is a 404', async ({ request }) => {
		const response = await request.get('/api/no-such-endpoint');
		expect(response.status()).toBe(404);
	});

	test('/healthz answers 200 ok', async ({ request }) => {
		const response = await request.get('/healthz');
		expect(response.status()).toBe(200);
		expect(await response.json()).toEqual({ status: 'ok' });
		expect(response.headers()['cache-control']).toBe('no-store');
	});

	test('/readyz answers 200 when the database is reachable', async ({ request }) => {
		const response = await request.get('/readyz');
		expect(response.status()).toBe(200);
		expect(await response.json()).toMatchObject({ status: 'ready' });
	});

	test('pages carry the security headers', async ({ request }) => {
		const response = await request.get('/login');
		expect(response.headers()).toMatchObject({
			'x-content-type-options': 'nosniff',
			'x-frame-options': 'DENY',
			'referrer-policy': 'strict-origin-when-cross-origin'
		});
	});
});

test.describe('ticket REST API over HTTP', () => {
	const ticket = {
		title: 'E2E: <b>VPN</b> drops every 10 minutes',
		body: 'Since this morning, from home. <script>alert(1)</script>',
		urgency: 2,
		impact: 2
	};

	test('a requester with a session creates, lists, reads and comments on a ticket', async ({
		page
	}) => {
		await signIn(page, DEMO.user);
		const categories = await page.request.get('/api/categories');
		expect(categories.status()).toBe(200);
		const network = (await categories.json()).data.find(
			(c: { key: string }) => c.key === 'network'
		);
		expect(network).toMatchObject({ id: expect.any(Number), name: expect.any(String) });

		const created = await page.request.post('/api/tickets', {
			data: { ...ticket, categoryId: network.id }
		});
		expect(created.status()).toBe(201);
		const detail = await created.json();
		expect(detail).toMatchObject({ ...ticket, requester: { name: DEMO.user.name }, priority: 3 });
		expect(created.headers()['location']).toBe(`/api/tickets/${detail.number}`);

		const list = await page.request.get('/api/tickets?limit=200');
		expect(list.status()).toBe(200);
		const page1 = await list.json();
		expect(page1.data.map((s: { number: number }) => s.number)).toContain(detail.number);
		for (const s of page1.data) expect(s.requester.name).toBe(DEMO.user.name);

		const read = await page.request.get(created.headers()['location']);
		expect(read.status()).toBe(200);
		expect(await read.json()).toMatchObject({ number: detail.number, ...ticket });

		const reply = await page.request.post(`/api/tickets/${detail.number}/comments`, {
			data: { body: 'It happens on Wi-Fi and on cable.' }
		});
		expect(reply.status()).toBe(201);
		const { id, ticket: after } = await reply.json();
		expect(after.comments).toContainEqual(
			expect.objectContaining({ id, body: 'It happens on Wi-Fi and on cable.', internal: false })
		);

		const note = await page.request.post(`/api/tickets/${detail.number}/comments`, {
			data: { body: 'secret', internal: true }
		});
		expect(note.status()).toBe(403);
		expect(await note.json()).toMatchObject({ error: { code: 'forbidden' } });
		const patch = await page.request.patch(`/api/tickets/${detail.number}`, {
			data: { version: after.version, priority: 1 }
		});
		expect(patch.status()).toBe(403);
	});

	test('an agent escalates over HTTP; a stale PATCH is a 409 with the current ticket', async ({
		page
	}) => {
		await signIn(page, DEMO.l1);
		const categories = (await (await page.request.get('/api/categories')).json()).data;
		const created = await (
			await page.request.post('/api/tickets', {
				data: { ...ticket, title: 'E2E: escalate me', categoryId: categories[0].id }
			})
		).json();
		const number = created.number as number;
		const note = await page.request.post(`/api/tickets/${number}/comments`, {
			data: { body: 'E2E internal note', internal: true }
		});
		expect(note.status()).toBe(201);

		const down = await page.request.post(`/api/tickets/${number}/escalate`, {
			data: { level: 1, reason: 'Wrong way' }
		});
		expect(down.status()).toBe(422);
		expect((await down.json()).error.fields).toHaveProperty('level');

		const up = await page.request.post(`/api/tickets/${number}/escalate`, {
			data: { level: 2, reason: 'Needs the network team', version: created.version }
		});
		expect(up.status()).toBe(200);
		const escalated = await up.json();
		expect(escalated.level).toBe(2);

		const stale = await page.request.patch(`/api/tickets/${number}`, {
			data: { version: created.version, priority: 1 }
		});
		expect(stale.status()).toBe(409);
		const conflict = await stale.json();
		expect(conflict.error.code).toBe('conflict');
		expect(conflict.current).toMatchObject({ number, version: escalated.version, level: 2 });

		const back = await page.request.post(`/api/tickets/${number}/hand-back`, {
			data: { level: 1, reason: 'Fixed upstream' }
		});
		expect(back.status()).toBe(200);
		expect((await back.json()).level).toBe(1);
	});

	test('every ticket endpoint is a 401 JSON error without auth', async ({ request }) => {
		const calls = [
			request.get('/api/tickets'),
			request.post('/api/tickets', { data: {} }),
			request.get('/api/tickets/1'),
			request.patch('/api/tickets/1', { data: { version: 1 } }),
			request.post('/api/tickets/1/comments', { data: { body: 'x' } }),
			request.post('/api/tickets/1/escalate', { data: { level: 2, reason: 'x' } }),
			request.post('/api/tickets/1/hand-back', { data: { level: 1, reason: 'x' } }),
			request.get('/api/categories')
		];
		for (const response of await Promise.all(calls)) {
			expect(response.status(), response.url()).toBe(401);
			expect(await response.json()).toEqual({
				error: { code: 'unauthorized', message: expect.any(String) }
			});
		}
	});

	test('malformed requests get the error shape, never a 500', async ({ page }) => {
		await signIn(page, DEMO.user);
		const raw = (data: string, contentType = 'application/json') =>
			page.request.post('/api/tickets', { data, headers: { 'content-type': contentType } });
		const badJson = await raw('{"title": ');
		expect(badJson.status()).toBe(400);
		expect((await badJson.json()).error.code).toBe('invalid_json');
		const xml = await raw('<ticket/>', 'application/xml');
		expect(xml.status()).toBe(415);
		expect((await xml.json()).error.code).toBe('unsupported_media_type');
		const huge = await raw(
			JSON.stringify({
				title: 'x'.repeat(1024 * 1024),
				body: 'b',
				categoryId: 1,
				urgency: 1,
				impact: 1
			})
		);
		expect(huge.status()).toBe(413);
		expect((await huge.json()).error.code).toBe('payload_too_large');
		const notANumber = await page.request.get('/api/tickets/abc');
		expect(notANumber.status()).toBe(404);
		expect(await notANumber.json()).toMatchObject({ error: { code: 'not_found' } });
		const badLimit = await page.request.get('/api/tickets?limit=1000');
		expect(badLimit.status()).toBe(400);
		expect((await badLimit.json()).error.fields).toHaveProperty('limit');
	});

	test('/api/openapi.json is OpenAPI 3.1 and lists every endpoint; /api/docs renders it', async ({
		request,
		page
	}) => {
		const response = await request.get('/api/openapi.json');
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toContain('application/json');
		const doc = JSON.parse(await response.text());
		expect(doc.openapi).toBe('3.1.0');
		expect(Object.keys(doc.paths)).toEqual(
			expect.arrayContaining([
				'/api/tickets',
				'/api/tickets/{number}',
				'/api/tickets/{number}/comments',
				'/api/tickets/{number}/escalate',
				'/api/tickets/{number}/hand-back',
				'/api/categories',
				'/api/openapi.json'
			])
		);
		expect(Object.keys(doc.paths['/api/tickets'])).toEqual(['get', 'post']);
		expect(Object.keys(doc.paths['/api/tickets/{number}'])).toEqual(
			expect.arrayContaining(['get', 'patch'])
		);
		expect(doc.components.securitySchemes).toMatchObject({
			bearerAuth: { type: 'http', scheme: 'bearer' },
			cookieAuth: { type: 'apiKey', in: 'cookie' }
		});

		await page.goto('/api/docs');
		await expect(page.getByRole('heading', { level: 1, name: 'API reference' })).toBeVisible();
		for (const path of Object.keys(doc.paths)) {
			await expect(page.locator('nav[aria-label="Operations"]')).toContainText(path);
		}
	});
});
