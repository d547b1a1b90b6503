// The agent desk: the whole flow across four people, stale writes, field errors, keyboard.
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from '@playwright/test';
import {
	DEMO,
	DEMO_PASSWORD,
	expect,
	hydrated,
	openTicket,
	signIn,
	signedInContext,
	test,
	unique,
	type DemoAccount
} from './support';

/** A signed-in page in its own browser context, whose 5xx answers fail the test. */
const signedIn = (browser: Browser, account: DemoAccount, options: BrowserContextOptions = {}) =>
	signedInContext(browser, account, options, serverErrors);

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

/** 5xx answers seen by the extra browser contexts (the `page` fixture checks its own). */
const serverErrors: string[] = [];
test.afterEach(() => {
	expect(serverErrors.splice(0), 'responses with a 5xx status').toEqual([]);
});

async function openOnDesk(page: Page, number: number) {
	await page.goto(`/desk/tickets/${number}`);
	await hydrated(page);
	await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-status', 'connected');
}

test.describe('agent desk', () => {
	// Several people, each in their own browser, take turns on one ticket.
	test.describe.configure({ timeout: 90_000 });
	test('requester → L1 reply → escalate to L2 Network → L2 resolves → requester confirms', async ({
		page,
		browser
	}) => {
		test.setTimeout(150_000);
		const tag = unique();
		const title = `VPN drops every few minutes ${tag}`;

		// 1. The requester opens a ticket in the portal.
		await signIn(page, DEMO.user);
		await page.goto('/portal/new');
		await hydrated(page);
		await page.getByLabel('Title').fill(title);
		await page.getByLabel('Description').fill('Since this morning the VPN disconnects.');
		await page.getByLabel(/^(Area|Category)$/).selectOption({ label: 'Network & VPN' });
		await page.getByRole('radio', { name: /I can work, but badly/ }).check();
		await page.getByRole('radio', { name: /Only me/ }).check();
		await page.getByRole('button', { name: 'Submit ticket' }).click();
		await expect(page).toHaveURL(/\/portal\/tickets\/\d+/);
		const number = Number(/\/portal\/tickets\/(\d+)/.exec(page.url())![1]);

		// 2. L1 finds it by number, replies publicly and escalates to Network with a reason.
		const l1 = await signedIn(browser, DEMO.l1);
		await hydrated(l1);
		await l1.getByLabel('Search', { exact: true }).fill(String(number));
		await l1.getByLabel('Search', { exact: true }).press('Enter');
		await expect(l1).toHaveURL(new RegExp(`search=${number}`));
		const row = l1.getByTestId('queue-row');
		await expect(row).toHaveCount(1);
		await expect(row).toHaveAttribute('data-number', String(number));
		await row.getByRole('link', { name: title }).click();
		await expect(l1).toHaveURL(`/desk/tickets/${number}`);
		await hydrated(l1);
		await expect(l1.getByTestId('ticket-title')).toHaveText(title);

		const composer = l1.getByTestId('composer');
		await expect(composer).toHaveAttribute('data-mode', 'reply');
		await composer
			.getByRole('textbox')
			.fill('Please restart the VPN client; we are looking into it.');
		await composer.getByTestId('composer-submit').click();
		await expect(l1.getByTestId('done')).toBeVisible();
		const reply = l1.getByTestId('comment').filter({ hasText: 'Please restart the VPN client' });
		await expect(reply).toHaveAttribute('data-internal', 'false');

		const escalate = l1.getByTestId('escalate');
		await escalate.locator('summary').click();
		await escalate.getByLabel('To group').selectOption({ label: 'Network · Level 2' });
		await escalate.getByLabel(/Reason/).fill('Tunnel drops on the concentrator side, needs L2.');
		await escalate.getByTestId('escalate-submit').click();
		await expect(l1.getByTestId('ticket-group')).toHaveText('Network');
		await expect(l1.locator('header [data-testid="level-badge"]')).toHaveAttribute(
			'data-level',
			'2'
		);
		// The reason lands as an internal note, amber and marked as such.
		await expect(
			l1.getByTestId('comment').filter({ hasText: 'Tunnel drops on the concentrator side' })
		).toHaveAttribute('data-internal', 'true');
		await l1.context().close();

		// 3. L2 sees it in the Level 2 queue (newest first) and resolves it with a public reply.
		const l2 = await signedIn(browser, DEMO.l2);
		await l2.getByTestId('queue-tab').filter({ hasText: 'Level 2' }).click();
		await expect(l2).toHaveURL(/queue=l2/);
		await hydrated(l2);
		await l2.getByLabel('Sort by').selectOption('newest');
		await expect(l2).toHaveURL(/sort=newest/);
		const l2Row = l2.locator(`[data-testid="queue-row"][data-number="${number}"]`);
		await expect(l2Row).toBeVisible();
		await l2Row.locator(`[data-row-link="${number}"]`).click();
		await expect(l2).toHaveURL(`/desk/tickets/${number}`);
		await hydrated(l2);
		const l2Composer = l2.getByTestId('composer');
		await l2Composer
			.getByRole('textbox')
			.fill('We replaced the faulty concentrator. The VPN is stable again.');
		await l2Composer.getByLabel('and set to').selectOption('resolved');
		await l2Composer.getByTestId('composer-submit').click();
		await expect(l2.getByTestId('ticket-status').getByTestId('status-badge')).toHaveAttribute(
			'data-status',
			'resolved'
		);
		await l2.context().close();

		// 4. The requester sees every step, without any internal note, and confirms.
		await page.goto(`/portal/tickets/${number}`);
		await hydrated(page);
		const timeline = page.getByTestId('timeline');
		await expect(timeline).toContainText('Ticket received');
		await expect(timeline).toContainText('Escalated to level 2');
		await expect(timeline).toContainText('The service desk replied');
		await expect(timeline).toContainText('Resolved');
		await expect(page.getByTestId('conversation')).toContainText('Please restart the VPN client');
		await expect(page.getByTestId('conversation')).toContainText(
			'replaced the faulty concentrator'
		);
		await expect(page.getByText('Tunnel drops on the concentrator side')).toHaveCount(0);
		await page.getByRole('button', { name: 'Confirm solution' }).click();
		await expect(page.getByTestId('status-badge').first()).toHaveAttribute('data-status', 'closed');
	});

	test('a stale save shows what changed, keeps the text and can apply it again', async ({
		page,
		browser
	}) => {
		await signIn(page, DEMO.user);
		const number = await openTicket(page, `Printer jams on floor 3 ${unique()}`);

		const first = await signedIn(browser, DEMO.l1);
		const second = await signedIn(browser, DEMO.lead);
		await openOnDesk(first, number);
		await openOnDesk(second, number);

		// The first agent starts an internal note (unsaved input)…
		const composer = first.getByTestId('composer');
		await composer.locator('label:has(input[value="note"])').click();
		await expect(composer).toHaveAttribute('data-mode', 'note');
		const note = 'Checked the spooler: queue is stuck, restarting it now.';
		await composer.getByRole('textbox').fill(note);

		// …while the lead raises the priority.
		await second.getByTestId('field-priority').selectOption('1');
		await second.getByTestId('save-priority').click();
		await expect(second.getByTestId('done')).toBeVisible();

		// The first page does not reload under the typing agent; it offers a reload.
		await expect(first.getByTestId('live-banner')).toContainText('Lea Lead');
		await expect(composer.getByRole('textbox')).toHaveValue(note);

		// Saving on the old version: conflict view, nothing lost, nothing overwritten.
		await composer.getByTestId('composer-submit').click();
		const conflict = first.getByTestId('conflict');
		await expect(conflict).toContainText(
			'This ticket was changed by someone else while you were looking at it'
		);
		await expect(conflict.locator('[data-field="priority"]')).toContainText('P1 critical');
		await expect(composer.getByRole('textbox')).toHaveValue(note);
		await expect(first.getByTestId('comment').filter({ hasText: note })).toHaveCount(0);
		await first.screenshot({ path: `${SHOTS}desk-conflict-light.png`, fullPage: true });
		// The page now shows the current ticket.
		await expect(first.locator('header [data-testid="priority-badge"]')).toHaveAttribute(
			'data-priority',
			'1'
		);

		await conflict.getByTestId('conflict-apply').click();
		await expect(first.getByTestId('conflict')).toHaveCount(0);
		await expect(first.getByTestId('comment').filter({ hasText: note })).toHaveAttribute(
			'data-internal',
			'true'
		);
		await expect(composer.getByRole('textbox')).toHaveValue('');
		await first.context().close();
		await second.context().close();
	});

	test('two agents saving the same field: the second gets a conflict, not an overwrite', async ({
		page,
		browser
	}) => {
		await signIn(page, DEMO.user);
		const number = await openTicket(page, `Monitor flickers ${unique()}`);
		const first = await signedIn(browser, DEMO.l1);
		const second = await signedIn(browser, DEMO.lead);
		await openOnDesk(first, number);
		await openOnDesk(second, number);

		await first.getByTestId('field-status').selectOption('on_hold');
		await second.getByTestId('field-status').selectOption('pending');
		await second.getByTestId('save-status').click();
		await expect(second.getByTestId('done')).toBeVisible();

		await first.getByTestId('save-status').click();
		const conflict = first.getByTestId('conflict');
		await expect(conflict.locator('[data-field="status"]')).toContainText('Waiting for requester');
		await expect(conflict.getByTestId('conflict-yours')).toContainText('On hold');
		await expect(first.getByTestId('ticket-status').getByTestId('status-badge')).toHaveAttribute(
			'data-status',
			'pending'
		);

		await conflict.getByTestId('conflict-apply').click();
		await expect(first.getByTestId('ticket-status').getByTestId('status-badge')).toHaveAttribute(
			'data-status',
			'on_hold'
		);
		await first.context().close();
		await second.context().close();
	});

	test('without JavaScript a stale escalation still shows the conflict and keeps the reason', async ({
		page,
		browser
	}) => {
		await signIn(page, DEMO.user);
		const number = await openTicket(page, `Cannot reach file share ${unique()}`);
		const plain = await browser.newContext({ javaScriptEnabled: false });
		const agent = await plain.newPage();
		agent.on('response', (response) => {
			if (response.status() >= 500) serverErrors.push(`${response.status()} ${response.url()}`);
		});
		await agent.goto('/login');
		await agent.locator('#email').fill(DEMO.l1.email);
		await agent.locator('#password').fill(DEMO_PASSWORD);
		await agent.locator('main form button[type="submit"]').click();
		await expect(agent).toHaveURL(DEMO.l1.home);
		await agent.goto(`/desk/tickets/${number}`);

		const lead = await signedIn(browser, DEMO.lead);
		await openOnDesk(lead, number);
		await lead.getByTestId('field-priority').selectOption('2');
		await lead.getByTestId('save-priority').click();
		await expect(lead.getByTestId('done')).toBeVisible();

		const escalate = agent.getByTestId('escalate');
		await escalate.locator('summary').click();
		// Other tests add level-2 groups; pick the one this test is about.
		await escalate.getByLabel('To group').selectOption({ label: 'Network · Level 2' });
		await escalate.getByLabel(/Reason/).fill('Share \\\\fs01 unreachable from VLAN 20.');
		await escalate.getByTestId('escalate-submit').click();
		const conflict = agent.getByTestId('conflict');
		await expect(conflict.locator('[data-field="priority"]')).toContainText('P2 high');
		await expect(escalate.getByLabel(/Reason/)).toHaveValue(
			'Share \\\\fs01 unreachable from VLAN 20.'
		);
		await conflict.getByTestId('conflict-apply').click();
		await expect(agent.getByTestId('ticket-group')).toHaveText('Network');
		await expect(agent.getByTestId('conflict')).toHaveCount(0);
		await plain.close();
		await lead.context().close();
	});

	test('escalating without a reason shows a field error and keeps the choice', async ({
		page,
		browser
	}) => {
		await signIn(page, DEMO.user);
		const number = await openTicket(page, `Wi-Fi slow in meeting room ${unique()}`);
		const agent = await signedIn(browser, DEMO.l1);
		await openOnDesk(agent, number);

		const escalate = agent.getByTestId('escalate');
		await escalate.locator('summary').click();
		await escalate.getByLabel('To group').selectOption({ label: 'Network · Level 2' });
		await escalate.getByTestId('escalate-submit').click();
		const reason = escalate.getByLabel(/Reason/);
		await expect(escalate.getByTestId('field-error')).toHaveText('This field is required.');
		await expect(reason).toHaveAttribute('aria-invalid', 'true');
		await expect(escalate).toHaveAttribute('open', '');
		// Nothing moved.
		await expect(agent.getByTestId('ticket-group')).toHaveText('Service Desk');

		await reason.fill('Access point in room 4.12 needs a firmware update.');
		await escalate.getByTestId('escalate-submit').click();
		await expect(agent.getByTestId('ticket-group')).toHaveText('Network');
		await agent.context().close();
	});

	test('keyboard: / focuses search, j/k move the highlight, Enter opens the ticket', async ({
		page,
		browser
	}) => {
		// Three tickets of our own, found by a word only they contain, newest first.
		await signIn(page, DEMO.user);
		const tag = `kbd${unique()}`;
		const numbers: number[] = [];
		for (const what of ['Docking station', 'Second screen', 'Keyboard layout']) {
			numbers.push(await openTicket(page, `${what} ${tag}`));
		}
		const agent = await signedIn(browser, DEMO.l1);
		await agent.goto(`/desk?queue=l1&search=${tag}&sort=newest`);
		await hydrated(agent);
		await expect(agent.getByTestId('keyboard-hint')).toContainText('Keyboard');
		const rows = agent.getByTestId('queue-row');
		await expect(rows).toHaveCount(3);
		await expect(rows.nth(0)).toHaveAttribute('data-number', String(numbers[2]));

		await agent.keyboard.press('/');
		await expect(agent.getByLabel('Search', { exact: true })).toBeFocused();
		await agent.keyboard.press('Escape');
		await expect(agent.getByLabel('Search', { exact: true })).not.toBeFocused();

		await agent.keyboard.press('j');
		await expect(rows.nth(0)).toHaveAttribute('data-highlighted', 'true');
		await agent.keyboard.press('j');
		await expect(rows.nth(1)).toHaveAttribute('data-highlighted', 'true');
		await expect(rows.nth(0)).not.toHaveAttribute('data-highlighted', 'true');
		await agent.keyboard.press('ArrowDown');
		await agent.keyboard.press('k');
		await expect(rows.nth(1)).toHaveAttribute('data-highlighted', 'true');
		const second = await rows.nth(1).getAttribute('data-number');
		await expect(rows.nth(1).locator('[data-row-link]')).toBeFocused();

		expect(second).toBe(String(numbers[1]));
		await agent.keyboard.press('Enter');
		await expect(agent).toHaveURL(`/desk/tickets/${second}`);
		await expect(agent.getByTestId('ticket-number')).toHaveText(`#${second}`);
		await agent.context().close();
	});

	test('queue tabs, filters and search live in the URL', async ({ page, browser }) => {
		await signIn(page, DEMO.user);
		const tag = `url${unique()}`;
		const high = await openTicket(page, `Projector dead ${tag}`, 'Board meeting at 10.', {
			urgency: 1,
			impact: 2
		});
		await openTicket(page, `Projector remote missing ${tag}`);

		const agent = await signedIn(browser, DEMO.l1);
		await agent.goto(`/desk?queue=l1&priority=2&search=${tag}&sort=priority`);
		await hydrated(agent);
		await expect(agent.locator('[data-testid="queue-tab"][aria-current="page"]')).toHaveAttribute(
			'data-queue',
			'l1'
		);
		await expect(agent.getByLabel('Priority', { exact: true })).toHaveValue('2');
		await expect(agent.getByLabel('Sort by')).toHaveValue('priority');
		const rows = agent.getByTestId('queue-row');
		await expect(rows).toHaveCount(1);
		await expect(rows).toHaveAttribute('data-number', String(high));
		await expect(rows.getByTestId('priority-badge')).toHaveAttribute('data-priority', '2');
		const counts = await agent.getByTestId('queue-count').allTextContents();
		expect(counts).toHaveLength(8);
		for (const count of counts) expect(count).toMatch(/^\d+$/);

		// A filter change is a navigation: shareable, and the back button undoes it.
		await agent.getByLabel('Priority', { exact: true }).selectOption('');
		await expect(agent).not.toHaveURL(/priority=/);
		await expect(rows).toHaveCount(2);
		await agent.goBack();
		await expect(agent).toHaveURL(/priority=2/);
		await expect(rows).toHaveCount(1);

		await agent.getByTestId('queue-tab').filter({ hasText: 'Breached' }).click();
		await expect(agent).toHaveURL(/queue=breached/);
		await expect(agent).toHaveURL(new RegExp(`search=${tag}`));
		await expect(agent.getByTestId('queue-empty')).toBeVisible();
		await agent.goBack();
		await expect(agent).toHaveURL(/queue=l1/);
		await agent.context().close();
	});
});

test.describe('desk screenshots', () => {
	for (const colorScheme of ['light', 'dark'] as const) {
		test(`queue and ticket (${colorScheme})`, async ({ page, browser }) => {
			test.setTimeout(90_000);
			await signIn(page, DEMO.user);
			const number = await openTicket(
				page,
				'Outlook keeps asking for the password',
				'Since the update this morning Outlook asks for my password every few minutes.\nI already restarted the laptop twice.'
			);
			const agent = await signedIn(browser, DEMO.l1, {
				colorScheme,
				viewport: { width: 1280, height: 800 }
			});
			const comment = (on: Page, body: string, internal: boolean) =>
				on.request.post(`/api/tickets/${number}/comments`, { data: { body, internal } });
			await comment(agent, 'Looks like cached credentials. Checking the sign-in logs.', true);
			await comment(
				agent,
				'Hello Uma, please sign out of Outlook and sign in again. Does the prompt come back?',
				false
			);
			await comment(page, 'Signed out and in again — it still asks every few minutes.', false);

			await agent.goto('/desk');
			await hydrated(agent);
			await expect(agent.getByTestId('live-indicator')).toHaveAttribute('data-status', 'connected');
			await agent.keyboard.press('j');
			await agent.screenshot({
				path: `${SHOTS}desk-queue-${colorScheme}.png`,
				fullPage: true,
				animations: 'disabled'
			});

			await openOnDesk(agent, number);
			await agent.getByTestId('escalate').locator('summary').click();
			await agent.screenshot({
				path: `${SHOTS}desk-ticket-${colorScheme}.png`,
				fullPage: true,
				animations: 'disabled'
			});
			const composer = agent.getByTestId('composer');
			await composer.locator('label:has(input[value="note"])').click();
			await composer.getByRole('textbox').fill('Escalating if the logs show nothing.');
			await composer.screenshot({
				path: `${SHOTS}desk-composer-note-${colorScheme}.png`,
				animations: 'disabled'
			});
			await agent.context().close();
		});
	}
});
