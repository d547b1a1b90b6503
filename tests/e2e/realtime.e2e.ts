import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { BASE_URL, DEMO, SESSION_COOKIE, expect, sessionToken, signIn, test } from './support';

type Transport = 'websocket' | 'polling';
type Outcome = { connected: true; socket: Socket } | { connected: false; message: string };

/** Open a socket from the Node test process and settle on the first connect or connect_error. */
function openSocket(options: Partial<ManagerOptions & SocketOptions>): Promise<Outcome> {
	const socket = io(BASE_URL, { reconnection: false, timeout: 10_000, ...options });
	return new Promise((resolve) => {
		socket.once('connect', () => resolve({ connected: true, socket }));
		socket.once('connect_error', (error) => {
			socket.close();
			resolve({ connected: false, message: error.message });
		});
	});
}

const sockets: Socket[] = [];
test.afterEach(() => {
	for (const socket of sockets.splice(0)) socket.close();
});

test.describe('realtime gateway', () => {
	test('the desk shows the live indicator as connected', async ({ page }) => {
		await signIn(page, DEMO.l1);
		const indicator = page.getByTestId('live-indicator');
		await expect(indicator).toHaveAttribute('data-status', 'connected');
		await expect(indicator).toHaveText('Live');
	});

	test('the wall connects for a lead', async ({ page }) => {
		await signIn(page, DEMO.lead);
		await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-status', 'connected');
	});

	for (const transport of ['websocket', 'polling'] as Transport[]) {
		test(`a client without a session is refused (${transport})`, async () => {
			const outcome = await openSocket({ transports: [transport] });
			expect(outcome).toEqual({ connected: false, message: 'unauthorized' });
		});

		test(`a forged session cookie is refused (${transport})`, async () => {
			const outcome = await openSocket({
				transports: [transport],
				extraHeaders: { cookie: `${SESSION_COOKIE}=${'a'.repeat(40)}` }
			});
			expect(outcome).toEqual({ connected: false, message: 'unauthorized' });
		});
	}

	test('a foreign origin may not use a valid session cookie', async ({ page }) => {
		await signIn(page, DEMO.l2);
		const token = await sessionToken(page.context());
		const outcome = await openSocket({
			transports: ['polling'],
			extraHeaders: { cookie: `${SESSION_COOKIE}=${token}`, origin: 'http://evil.example' }
		});
		expect(outcome).toEqual({ connected: false, message: 'origin_forbidden' });
	});

	// Proves the production entry hands /socket.io/ polling requests to Socket.IO, not SvelteKit.
	for (const transport of ['polling', 'websocket'] as Transport[]) {
		test(`a signed-in client connects over ${transport} and gets a ping ack`, async ({ page }) => {
			await signIn(page, DEMO.l2);
			const token = await sessionToken(page.context());
			const outcome = await openSocket({
				transports: [transport],
				extraHeaders: { cookie: `${SESSION_COOKIE}=${token}` }
			});
			if (!outcome.connected) throw new Error(`refused: ${outcome.message}`);
			sockets.push(outcome.socket);
			expect(outcome.socket.io.engine.transport.name).toBe(transport);
			const ack = await outcome.socket.timeout(10_000).emitWithAck('ping');
			expect(ack).toMatchObject({ ok: true, user: { role: 'agent' } });
		});
	}

	test('a requester may not subscribe to agent topics', async ({ page }) => {
		await signIn(page, DEMO.user);
		const token = await sessionToken(page.context());
		const outcome = await openSocket({
			transports: ['polling'],
			extraHeaders: { cookie: `${SESSION_COOKIE}=${token}` }
		});
		if (!outcome.connected) throw new Error(`refused: ${outcome.message}`);
		sockets.push(outcome.socket);
		const ack = await outcome.socket
			.timeout(10_000)
			.emitWithAck('subscribe', { topics: ['queue:level-1'] });
		expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
	});

	test('after sign-out the old session cookie no longer opens a socket', async ({ page }) => {
		await signIn(page, DEMO.l3);
		const token = await sessionToken(page.context());
		await page.locator('form[action="/logout"] button[type="submit"]').click();
		await expect(page).toHaveURL('/login?signedOut=1');
		const outcome = await openSocket({
			transports: ['polling'],
			extraHeaders: { cookie: `${SESSION_COOKIE}=${token}` }
		});
		expect(outcome).toEqual({ connected: false, message: 'unauthorized' });
	});
});
