// Live operations across browsers: queues and tickets change in place, from the event stream,
// without re-running the page's load; presence; and catching up after the connection was cut.
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import {
	BASE_URL,
	DEMO,
	expect,
	hydrated,
	openTicket,
	signedInContext,
	test,
	unique
} from './support';

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const serverErrors: string[] = [];
const pages: Page[] = [];
test.afterEach(async () => {
	for (const p of pages.splice(0)) await p.context().close();
	expect(serverErrors.splice(0), 'responses with a 5xx status').toEqual([]);
});

async function person(browser: Parameters<typeof signedInContext>[0], account: typeof DEMO.l1) {
	const page = await signedInContext(browser, account, {}, serverErrors);
	pages.push(page);
	return page;
}

/** Count the page's data reloads (`__data.json`): live updates must not cause any. */
function countLoads(page: Page) {
	const loads: string[] = [];
	page.on('request', (request) => {
		if (request.url().includes('__data.json')) loads.push(request.url());
	});
	return loads;
}

async function liveQueue(page: Page, query: string) {
	await page.goto(`/desk?${query}`);
	await hydrated(page);
	await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-status', 'connected');
}

test.describe('live desk', () => {
	test.describe.configure({ timeout: 60_000 });

	test('a requester’s new ticket slides into an agent’s queue without a reload', async ({
		browser
	}) => {
		const agent = await person(browser, DEMO.l1);
		const requester = await person(browser, DEMO.user);
		// Every new ticket starts at level 1 (assigned or not, depending on who has capacity).
		await liveQueue(agent, 'queue=l1&sort=newest');
		const loads = countLoads(agent);
		const title = `Live arrival ${unique()}`;
		const number = await openTicket(requester, title);

		const row = agent.locator(`[data-testid="queue-row"][data-number="${number}"]`);
		await expect(row).toBeVisible();
		await expect(row).toContainText(title);
		await expect(row).toHaveAttribute('data-new', 'true');
		await expect(agent.getByTestId('new-count')).toContainText('new');
		expect(loads, 'no page load ran for the event').toEqual([]);
		await agent.screenshot({ path: `${SHOTS}desk-live-new.png` });

		// "Mark as seen" clears the marks, nothing else.
		await agent.getByTestId('live-notice').getByRole('button', { name: 'Mark as seen' }).click();
		await expect(row).not.toHaveAttribute('data-new', 'true');
		await expect(row).toBeVisible();
	});

	test('an agent claiming a ticket takes it out of another agent’s unassigned queue, live', async ({
		browser
	}) => {
		const watcher = await person(browser, DEMO.lead);
		const agent = await person(browser, DEMO.l1);
		const requester = await person(browser, DEMO.user);
		const number = await openTicket(requester, `Claim me ${unique()}`);
		// New tickets may be auto-assigned; make this one unassigned, through the API.
		const ticket = await (await agent.request.get(`/api/tickets/${number}`)).json();
		if (ticket.assignee) {
			const unassign = await agent.request.patch(`/api/tickets/${number}`, {
				data: { version: ticket.version, assigneeId: null },
				headers: { origin: BASE_URL }
			});
			expect(unassign.status()).toBe(200);
		}
		await liveQueue(watcher, 'queue=unassigned&sort=newest');
		const row = watcher.locator(`[data-testid="queue-row"][data-number="${number}"]`);
		await expect(row).toBeVisible();
		const tab = watcher.locator('[data-testid="queue-tab"][data-queue="unassigned"]');
		const before = Number(await tab.getByTestId('queue-count').textContent());
		const loads = countLoads(watcher);

		await agent.goto(`/desk/tickets/${number}`);
		await hydrated(agent);
		await agent.getByTestId('claim').click();
		await expect(agent.getByTestId('done')).toBeVisible();

		await expect(row).toHaveCount(0);
		await expect(tab.getByTestId('queue-count')).toHaveText(String(before - 1));
		expect(loads).toEqual([]);
	});

	test('two agents on one ticket see each other, and a reply being written is announced', async ({
		browser
	}) => {
		const requester = await person(browser, DEMO.user);
		const number = await openTicket(requester, `Together ${unique()}`);
		const lukas = await person(browser, DEMO.l1);
		const lea = await person(browser, DEMO.lead);
		for (const p of [lukas, lea]) {
			await p.goto(`/desk/tickets/${number}`);
			await hydrated(p);
			await expect(p.getByTestId('live-indicator')).toHaveAttribute('data-status', 'connected');
		}
		await expect(lukas.getByTestId('presence')).toContainText('Lea Lead is viewing');
		await expect(lea.getByTestId('presence')).toContainText('Lukas Level-One is viewing');

		await lea.getByTestId('composer').getByRole('textbox').fill('I am on it, one moment');
		await expect(lukas.getByTestId('presence')).toContainText('Lea Lead is replying');
		await lukas.getByTestId('composer').getByRole('textbox').fill('Hello');
		await expect(lukas.getByTestId('reply-warning')).toContainText('Lea Lead is replying');
		await lukas.screenshot({ path: `${SHOTS}desk-presence.png` });

		// Lea leaves: her presence goes with her.
		await lea.goto('/desk');
		await expect(lukas.getByTestId('presence')).toHaveCount(0);
	});

	test('an agent’s reply appears on the requester’s ticket page in place', async ({ browser }) => {
		const requester = await person(browser, DEMO.user);
		const number = await openTicket(requester, `Answer me ${unique()}`);
		await requester.goto(`/portal/tickets/${number}`);
		await hydrated(requester);
		await expect(requester.getByTestId('live-indicator')).toHaveAttribute(
			'data-status',
			'connected'
		);
		const loads = countLoads(requester);

		const agent = await person(browser, DEMO.l1);
		const reply = await agent.request.post(`/api/tickets/${number}/comments`, {
			data: { body: 'Please restart the router once.' },
			headers: { origin: BASE_URL }
		});
		expect(reply.status()).toBe(201);
		const note = await agent.request.post(`/api/tickets/${number}/comments`, {
			data: { body: 'Internal: router 3 is flaky', internal: true },
			headers: { origin: BASE_URL }
		});
		expect(note.status()).toBe(201);

		await expect(requester.getByTestId('conversation')).toContainText(
			'Please restart the router once.'
		);
		await expect(requester.getByTestId('status-badge').first()).toHaveAttribute(
			'data-status',
			'open'
		);
		await expect(requester.getByTestId('conversation')).not.toContainText('router 3 is flaky');
		expect(loads).toEqual([]);
	});

	test('after the connection was cut and restored, the queue shows what changed meanwhile', async ({
		browser
	}) => {
		const agent = await person(browser, DEMO.l1);
		const requester = await person(browser, DEMO.user);
		await liveQueue(agent, 'queue=l1&sort=newest');
		await agent.context().setOffline(true);
		await expect(agent.getByTestId('live-indicator')).toHaveAttribute('data-status', 'offline');

		const title = `While offline ${unique()}`;
		const number = await openTicket(requester, title);
		const row = agent.locator(`[data-testid="queue-row"][data-number="${number}"]`);
		await agent.waitForTimeout(1500);
		await expect(row).toHaveCount(0);

		await agent.context().setOffline(false);
		await expect(agent.getByTestId('live-indicator')).toHaveAttribute('data-status', 'connected');
		await expect(row).toBeVisible();
		await expect(row).toContainText(title);
	});
});
