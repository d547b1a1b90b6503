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

	/** A connected socket's kind, and whether it may follow the desk and the status page. */
	async function rights(outcome: Outcome) {
		if (!outcome.connected) throw new Error(`refused: ${outcome.message}`);
		sockets.push(outcome.socket);
		const ping = await outcome.socket.timeout(10_000).emitWithAck('ping');
		const desk = await outcome.socket
			.timeout(10_000)
			.emitWithAck('subscribe', { topics: ['desk'] });
		const status = await outcome.socket
			.timeout(10_000)
			.emitWithAck('subscribe', { topics: ['status'] });
		return { kind: ping.ok ? ping.kind : null, desk: desk.ok, status: status.ok };
	}
	const anonymous = { kind: 'anonymous', desk: false, status: true };

	for (const transport of ['websocket', 'polling'] as Transport[]) {
		test(`a client without a session is anonymous: the status page only (${transport})`, async () => {
			expect(await rights(await openSocket({ transports: [transport] }))).toEqual(anonymous);
		});

		test(`a forged session cookie counts for nothing (${transport})`, async () => {
			const outcome = await openSocket({
				transports: [transport],
				extraHeaders: { cookie: `${SESSION_COOKIE}=${'a'.repeat(40)}` }
			});
			expect(await rights(outcome)).toEqual(anonymous);
		});

		test(`an invalid API token is refused (${transport})`, async () => {
			const outcome = await openSocket({ transports: [transport], auth: { token: 'lst_nope' } });
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

	test('sign-out cuts off a socket of that session; the cookie then opens only an anonymous one', async ({
		page
	}) => {
		await signIn(page, DEMO.l3);
		const token = await sessionToken(page.context());
		const outcome = await openSocket({
			transports: ['websocket'],
			extraHeaders: { cookie: `${SESSION_COOKIE}=${token}` }
		});
		if (!outcome.connected) throw new Error(`refused: ${outcome.message}`);
		sockets.push(outcome.socket);
		const revoked = new Promise((resolve) => outcome.socket.once('revoked', resolve));
		const gone = new Promise((resolve) => outcome.socket.once('disconnect', resolve));
		await page.locator('form[action="/logout"] button[type="submit"]').click();
		await expect(page).toHaveURL('/login?signedOut=1');
		expect(await revoked).toEqual({ reason: 'signed_out' });
		await gone;
		const again = await openSocket({
			transports: ['polling'],
			extraHeaders: { cookie: `${SESSION_COOKIE}=${token}` }
		});
		expect(await rights(again)).toEqual(anonymous);
	});
});
