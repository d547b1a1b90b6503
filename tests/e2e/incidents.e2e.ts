// Incidents in Chromium against the production build: an agent declares an incident and posts
// updates while a second agent's editor follows without reload (presence, notes, a 409 with the
// current state); the wall's active-incident count moves; a requester typing a matching ticket is
// offered "I am affected too" and counted without a ticket; tickets are linked in bulk from the
// queue. Screenshots of the pages go to test-results/screenshots/.
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import {
	DEMO,
	expect,
	hydrated,
	openTicket,
	signedInContext,
	signIn,
	test,
	unique
} from './support';

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

test.use({ viewport: { width: 1366, height: 900 } });

/** Declare an incident through the API as the page's user; returns its id. */
async function declare(page: Page, title: string, component = 'VPN') {
	const components = await page.request.get('/api/components');
	expect(components.ok()).toBe(true);
	const { data } = (await components.json()) as { data: Array<{ id: number; name: string }> };
	const id = data.find((c) => c.name === component)!.id;
	const r = await page.request.post('/api/incidents', {
		data: {
			title,
			impact: 'major',
			components: [{ id, status: 'partial_outage' }],
			bodyEn: `${title}: we are investigating.`,
			bodyDe: `${title}: Wir untersuchen die Ursache.`
		}
	});
	expect(r.status()).toBe(201);
	return ((await r.json()) as { id: number }).id;
}

const wallIncidents = (page: Page) => page.getByTestId('wall-incidents');

test.describe('incidents', () => {
	test('declared and updated by one agent, followed live by another, counted on the wall', async ({
		page,
		browser
	}) => {
		// Three browsers and a dozen steps: generous on a busy two-core machine.
		test.setTimeout(90_000);
		const lead = await signedInContext(browser, DEMO.lead, {
			viewport: { width: 1920, height: 1080 }
		});
		await expect(wallIncidents(lead)).toBeVisible();
		const before = Number(await wallIncidents(lead).getAttribute('data-value'));

		// Agent 1 declares from the form.
		await signIn(page, DEMO.l1);
		await page.goto('/desk/incidents/new');
		await hydrated(page);
		const title = `VPN drops every few minutes ${unique()}`;
		await page.getByTestId('incident-title').fill(title);
		await page.locator('#impact').selectOption('major');
		await page
			.locator('[data-testid="component-status"][data-component="VPN"]')
			.selectOption('partial_outage');
		await page
			.getByTestId('body-en')
			.fill('Remote users lose the VPN connection every few minutes. We are investigating.');
		await page
			.getByTestId('body-de')
			.fill('Die VPN-Verbindung bricht alle paar Minuten ab. Wir untersuchen die Ursache.');
		await page.getByTestId('declare-submit').click();
		await expect(page).toHaveURL(/\/desk\/incidents\/\d+$/);
		const id = Number(page.url().split('/').pop());
		await expect(page.getByTestId('incident-title')).toHaveText(title);

		// The wall follows on its own.
		await expect(wallIncidents(lead)).toHaveAttribute('data-value', String(before + 1));
		await expect(lead.getByTestId('wall-incident-band')).toContainText(title);

		// Agent 2 opens the same incident: each sees the other.
		const other = await signedInContext(browser, DEMO.l2);
		await other.goto(`/desk/incidents/${id}`);
		await hydrated(other);
		await other.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
		await expect(page.getByTestId('presence')).toContainText(DEMO.l2.name);
		await expect(other.getByTestId('presence')).toContainText(DEMO.l1.name);

		// Agent 1 posts an update; agent 2's open editor shows it without reload.
		await hydrated(page);
		await page.getByTestId('update-status').selectOption('identified');
		await page
			.getByTestId('update-body-en')
			.fill('A certificate on the VPN concentrator expired. We are replacing it.');
		await page.getByTestId('update-submit').click();
		await expect(page.getByTestId('done')).toBeVisible();
		await expect(other.getByTestId('timeline')).toContainText(
			'certificate on the VPN concentrator'
		);
		await expect(other.getByTestId('incident-status').first()).toHaveAttribute(
			'data-status',
			'identified'
		);
		expect(await other.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42);

		// An internal note appears for agent 2 too.
		await page.getByTestId('note-body').fill('Certificate renewal ticket is CHG-1234.');
		await page.getByTestId('note-form').locator('button[type="submit"]').click();
		await expect(other.getByTestId('notes')).toContainText('CHG-1234');

		// Agent 2 writes while agent 1 posts again: agent 2 gets the current state, text kept.
		await other.getByTestId('update-body-en').fill('Replacement certificate is being rolled out.');
		await page.getByTestId('update-status').selectOption('monitoring');
		await page.getByTestId('update-body-en').fill('The new certificate is in place. Monitoring.');
		await page.getByTestId('update-submit').click();
		await expect(page.getByTestId('done')).toBeVisible();
		await other.getByTestId('update-submit').click();
		await expect(other.getByTestId('conflict')).toBeVisible();
		await expect(other.getByTestId('conflict')).toContainText('Monitoring');
		await expect(other.getByTestId('update-body-en')).toHaveValue(
			'Replacement certificate is being rolled out.'
		);
		await page.screenshot({ path: `${SHOTS}incident-editor.png`, fullPage: true });
		await other.screenshot({ path: `${SHOTS}incident-conflict.png`, fullPage: true });
		await other.getByTestId('conflict-retry').click();
		await expect(other.getByTestId('conflict')).toBeHidden();
		await expect(page.getByTestId('timeline')).toContainText('Replacement certificate');

		await lead.screenshot({ path: `${SHOTS}wall-incident-dark.png`, animations: 'disabled' });
		await lead.goto('/wall?theme=light');
		await expect(lead.getByTestId('wall-incident-band')).toContainText(title);
		await lead.screenshot({ path: `${SHOTS}wall-incident-light.png`, animations: 'disabled' });

		await page.goto('/desk/incidents');
		await expect(page.getByTestId('active-incidents')).toContainText(title);
		await page.screenshot({ path: `${SHOTS}incident-list.png`, fullPage: true });
		await Promise.all([lead.context().close(), other.context().close()]);
	});

	test('a requester typing a matching ticket is offered "I am affected too" and counted, no ticket', async ({
		page,
		browser
	}) => {
		const agent = await signedInContext(browser, DEMO.l1);
		const title = `SAP login fails ${unique()}`;
		const id = await declare(agent, title, 'SAP');

		await signIn(page, DEMO.user);
		await expect(page.getByTestId('outage-banner')).toContainText(title);
		await page.screenshot({ path: `${SHOTS}portal-outage-banner.png` });
		// Other tests file tickets as this user in parallel: look for this one's title, not a count.
		const typed = `Cannot log in to SAP ${unique()}`;
		const myTitles = async () => {
			const r = await page.request.get('/api/tickets');
			return ((await r.json()) as { data: Array<{ title: string }> }).data.map((t) => t.title);
		};

		await page.goto('/portal/new');
		await hydrated(page);
		await page.locator('#title').pressSequentially(typed);
		const offer = page.locator(`[data-testid="affected-offer"][data-id="${id}"]`);
		await expect(offer).toBeVisible();
		await expect(offer).toContainText(title);
		await page.screenshot({ path: `${SHOTS}portal-affected-offer.png`, fullPage: true });
		await offer.getByTestId('affected-button').click();
		await expect(offer.getByTestId('affected-counted')).toBeVisible();

		const incident = await agent.request.get(`/api/incidents/${id}`);
		expect(((await incident.json()) as { affectedUsers: number }).affectedUsers).toBe(1);
		expect(await myTitles()).not.toContain(typed);
		// The agent's page shows the count.
		await agent.goto(`/desk/incidents/${id}`);
		await expect(agent.getByTestId('affected-count')).toContainText('1');
		await agent.context().close();
	});

	test('tickets ticked in the queue are linked to an incident in one go', async ({
		page,
		browser
	}) => {
		const requester = await signedInContext(browser, DEMO.user2);
		const tag = unique();
		const numbers = [
			await openTicket(requester, `Printer queue stuck ${tag} A`),
			await openTicket(requester, `Printer queue stuck ${tag} B`)
		];
		await requester.context().close();

		await signIn(page, DEMO.l1);
		const id = await declare(page, `Printing down ${tag}`, 'Printing');
		await page.goto(`/desk?queue=l1&sort=newest`);
		await hydrated(page);
		await expect(page.getByTestId('incident-strip')).toContainText(`Printing down ${tag}`);
		for (const n of numbers) {
			await page
				.locator(`[data-testid="queue-row"][data-number="${n}"]`)
				.getByTestId('row-pick')
				.check();
		}
		await expect(page.getByTestId('bulk-count')).toContainText('2');
		await page.getByTestId('bulk-incident').selectOption(String(id));
		await page.getByTestId('bulk-submit').click();
		await expect(page.getByTestId('bulk-done')).toContainText('2');

		await page.goto(`/desk/incidents/${id}`);
		for (const n of numbers) {
			await expect(page.locator(`[data-testid="linked-ticket"][data-number="${n}"]`)).toBeVisible();
		}
		// The ticket page shows the link, with a way back.
		await page.goto(`/desk/tickets/${numbers[0]}`);
		await expect(page.getByTestId('ticket-incident-link')).toContainText(`Printing down ${tag}`);
	});

	test('admins keep the components in groups', async ({ page }) => {
		await signIn(page, DEMO.admin);
		await page.goto('/admin/components');
		await expect(page.getByTestId('admin-components')).toContainText('Business apps');
		await expect(page.locator('[data-testid="component-card"][data-name="SAP"]')).toBeVisible();
		await page.screenshot({ path: `${SHOTS}admin-components.png`, fullPage: true });
	});
});
