import type { Browser, Page } from 'playwright-core';
import { getPath, postJson } from '../support/http';
import {
  expectClean,
  launchBrowser,
  openPage,
  PHONE,
  probe,
  screenshot,
} from '../support/console/browser';
import { startWatchlistsConsole, type WatchlistsConsole } from '../support/console/console-app';
import {
  createWatchlist,
  listDeliveries,
  listRuns,
  waitForRun,
  waitForRuns,
  type DeliveryView,
} from '../watchlists/support/watchlist-world';
import { poll } from '../watchlists/support/webhook-receiver';

const CREATOR = 'demo_cooking_carlos';
/** A well-formed username the demo data does not have: its part of a run fails with NOT_FOUND. */
const MISSING = 'nobody_in_the_demo_data';
const RUN_TIMEOUT_MS = 45_000;

async function openWatchlists(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/console#/watchlists`);
  await page.waitForSelector('#watchlist-form');
}

async function fillForm(
  page: Page,
  fields: { name: string; creators: string; interval?: string; webhook?: string },
): Promise<void> {
  await page.fill('#wl-name', fields.name);
  await page.fill('#wl-creators', fields.creators);
  await page.fill('#wl-interval', fields.interval ?? '360');
  await page.fill('#wl-webhook', fields.webhook ?? '');
}

/** A watchlist's runs have all finished (none queued or running). */
async function untilIdle(url: string, id: string): Promise<void> {
  await poll(
    async () =>
      (await listRuns(url, id, '?limit=100')).every(
        (r) => r.status === 'completed' || r.status === 'failed',
      ),
    RUN_TIMEOUT_MS,
    `the runs of ${id}`,
  );
}

/** History writes leave in batches off the run's path: wait until the analysis is stored. */
async function untilStored(url: string, analysisId: string): Promise<void> {
  await poll(
    async () => (await getPath(url, `/api/v1/analyses/${analysisId}`)).status === 200,
    10_000,
    `analysis ${analysisId}`,
  );
}

describe('web console: watchlists against the real API (demo mode, Redis, PostgreSQL, worker in-process)', () => {
  let server: WatchlistsConsole | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    server = await startWatchlistsConsole();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  function world(): { browser: Browser; server: WatchlistsConsole } {
    if (!browser || !server) throw new Error('not started');
    return { browser, server };
  }

  it('create (secret shown once) → listed → run now → per-creator results → the delivery → the stored analysis → delete', async () => {
    const { browser, server } = world();
    const { url, receiver } = server;
    const { page, trouble } = await openPage(browser);
    await openWatchlists(page, url);
    await page.locator('#watchlists').getByText('No watchlists yet.').waitFor();

    await fillForm(page, {
      name: 'Kitchen rivals',
      creators: `${CREATOR}, @${MISSING}`,
      webhook: receiver.url,
    });
    await page.fill('#wl-min-score', '0');
    await page.selectOption('#wl-notify', 'always');
    await page.click('#watchlist-form button[type=submit]');

    const secret = (await page.locator('#wl-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    expect(await page.textContent('#watchlist-created .secret')).toMatch(/shown only this once/);
    const card = page.locator('#watchlists article.watchlist');
    await card.waitFor();
    expect(await card.count()).toBe(1);
    const id = (await card.getAttribute('data-id')) ?? '';
    expect(await card.locator('h3').textContent()).toBe('Kitchen rivals');
    expect(await card.locator('.creators').textContent()).toBe(`@${CREATOR}, @${MISSING}`);
    expect(await card.locator('.watchlist-meta').textContent()).toBe(
      `every 360 min · min score 0 · webhook after every run: ${receiver.url}`,
    );
    const listed = await getPath(url, '/api/v1/watchlists');
    expect(listed.body).toEqual({
      watchlists: [
        expect.objectContaining({
          id,
          name: 'Kitchen rivals',
          creators: [CREATOR, MISSING],
          interval_minutes: 360,
          webhook_url: receiver.url,
          min_score: 0,
          notify: 'always',
        }),
      ],
    });
    expect(listed.text).not.toContain(secret);
    await screenshot(page, '20-watchlist-created');

    // Run now: the run shows up at once and follows its status until it completes.
    await card.locator('[data-action=run]').click();
    const queued = (await card.locator('.watchlist-detail .success').textContent()) ?? '';
    const runId = /^Run (\S+) queued\.$/.exec(queued)?.[1] ?? '';
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
    const run = card.locator(`.run[data-run-id="${runId}"]`);
    await run.waitFor();
    await card
      .locator(`.run[data-run-id="${runId}"][data-status=completed]`)
      .waitFor({ timeout: RUN_TIMEOUT_MS });
    const done = await waitForRun(url, id, runId);
    expect(done.trigger).toBe('manual');
    expect(done.creators).toEqual([
      expect.objectContaining({ username: CREATOR, error_code: null }),
      expect.objectContaining({ username: MISSING, analysis_id: null, error_code: 'NOT_FOUND' }),
    ]);
    const [watched, missing] = done.creators;
    expect(await run.locator('.status').textContent()).toBe('completed');
    expect(await run.locator('.run-head').textContent()).toMatch(/^completed run now · queued /);
    const watchedItem = run.locator(`li[data-username="${CREATOR}"]`);
    expect(await watchedItem.getAttribute('data-new-trends')).toBe(String(watched.new_trends));
    expect(await watchedItem.textContent()).toBe(
      `@${CREATOR}: ${watched.new_trends} new ${watched.new_trends === 1 ? 'trend' : 'trends'} · analysis`,
    );
    const missingItem = run.locator(`li[data-username="${MISSING}"]`);
    expect(await missingItem.getAttribute('data-error-code')).toBe('NOT_FOUND');
    expect(missing.error).toEqual(expect.any(String));
    expect(await missingItem.textContent()).toBe(`@${MISSING}: NOT_FOUND ${missing.error}`);
    await screenshot(page, '21-watchlist-runs');

    // The run's webhook reached the loopback receiver; the console lists that attempt.
    let deliveries: DeliveryView[] = [];
    await poll(
      async () => (deliveries = await listDeliveries(url, id)).some((d) => d.run_id === runId),
      30_000,
      `the delivery of run ${runId}`,
    );
    const delivery = deliveries.find((d) => d.run_id === runId);
    if (!delivery) throw new Error('no delivery');
    expect(receiver.received.map((r) => r.headers['x-trendxl-delivery'])).toContain(
      delivery.delivery_id,
    );
    await card.locator('[data-action=deliveries]').click();
    const row = card.locator(`tr[data-delivery-id="${delivery.delivery_id}"]`);
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(1)).toEqual([
      '1',
      'HTTP 200',
      `${delivery.duration_ms} ms`,
      delivery.delivery_id,
    ]);
    expect(cells[0]).not.toBe('');
    expect(await card.locator('tbody tr').count()).toBe(deliveries.length);
    await screenshot(page, '22-watchlist-deliveries');

    // A creator's result links to its stored analysis, shown by the Analyse view.
    const analysisId = watched.analysis_id ?? '';
    await untilStored(url, analysisId);
    await card.locator('[data-action=runs]').click();
    await run.locator('a.analysis-link').click();
    await page.waitForSelector('#trends .trend-card');
    expect(page.url()).toContain(`#/analyse?analysis=${analysisId}`);
    expect(await page.textContent('#profile-card')).toContain(`@${CREATOR}`);
    await screenshot(page, '23-watchlist-analysis');

    // Delete asks first; cancel keeps it, confirming removes it from the list and the API.
    await page.goBack();
    const again = page.locator(`#watchlists article.watchlist[data-id="${id}"]`);
    await untilIdle(url, id);
    await again.locator('[data-action=delete]').click();
    await again.locator('[data-action=cancel]').click();
    expect(await again.locator('.confirm').count()).toBe(0);
    await again.locator('[data-action=delete]').click();
    await again.locator('[data-action=confirm-delete]').click();
    await page.locator('#watchlists').getByText('No watchlists yet.').waitFor();
    expect((await getPath(url, `/api/v1/watchlists/${id}`)).status).toBe(404);
    await screenshot(page, '24-watchlist-deleted');

    expectClean(trouble);
    await page.close();
  });

  it('invalid input: the API’s own words under the form, nothing created', async () => {
    const { browser, server } = world();
    const { url } = server;
    const { page, trouble } = await openPage(browser);
    await openWatchlists(page, url);

    const cases = [
      { creators: `${CREATOR} not!a!user`, interval: '360', field: 'creators' },
      { creators: CREATOR, interval: '5', field: 'interval_minutes' },
    ];
    for (const c of cases) {
      // What the form sends, straight to the API: its answer is what the page must show.
      const api = await postJson(url, '/api/v1/watchlists', {
        name: 'Invalid',
        creators: c.creators.split(' '),
        interval_minutes: Number(c.interval),
        min_score: 0,
        notify: 'new',
      });
      expect(api.status).toBe(400);
      const envelope = api.body as { error: string; details: { fields: object } };
      expect(Object.keys(envelope.details.fields)).toEqual([c.field]);

      await fillForm(page, { name: 'Invalid', creators: c.creators, interval: c.interval });
      await page.click('#watchlist-form button[type=submit]');
      await page.locator('#watchlist-created .problem', { hasText: envelope.error }).waitFor();
      expect(await page.textContent('#watchlist-created .problem strong')).toBe(envelope.error);
      expect(await page.getAttribute('#watchlist-created .problem', 'data-code')).toBe(
        'VALIDATION_ERROR',
      );
    }
    await screenshot(page, '25-watchlist-invalid');

    expect((await getPath(url, '/api/v1/watchlists')).body).toEqual({ watchlists: [] });
    // The only refused requests are the two invalid creations; the browser logs each as an error.
    expect(trouble.errorResponses).toEqual([
      expect.stringMatching(/^400 .*\/api\/v1\/watchlists$/),
      expect.stringMatching(/^400 .*\/api\/v1\/watchlists$/),
    ]);
    expect(trouble.consoleErrors).toHaveLength(2);
    for (const error of trouble.consoleErrors) expect(error).toMatch(/status of 400/);
    expect(trouble.pageErrors).toEqual([]);
    expect(trouble.failedRequests).toEqual([]);
    await page.close();
  });

  it('reads well on a phone: runs and deliveries fit the screen', async () => {
    const { browser, server } = world();
    const { url, receiver } = server;
    const created = await createWatchlist(url, {
      name: 'A watchlist with a rather long name, to see it wrap on a phone',
      creators: [CREATOR, 'demo_fitness_fiona', MISSING],
      webhook_url: receiver.url,
      notify: 'always',
    });
    // Its first scheduled run starts at once; wait for it and its webhook.
    const [first] = await waitForRuns(url, created.id, 1);
    await waitForRun(url, created.id, first.id);
    await poll(
      async () => (await listDeliveries(url, created.id)).length > 0,
      30_000,
      'a delivery',
    );

    const { page, trouble } = await openPage(browser, PHONE);
    await openWatchlists(page, url);
    const card = page.locator(`#watchlists article.watchlist[data-id="${created.id}"]`);
    await card.locator('[data-action=runs]').click();
    await card.locator(`.run[data-run-id="${first.id}"][data-status=completed]`).waitFor();
    expect(await probe(page, 'horizontalOverflow')).toBeLessThanOrEqual(0);
    await screenshot(page, '26-watchlist-phone-runs');

    await card.locator('[data-action=deliveries]').click();
    await card.locator('table.deliveries tbody tr').first().waitFor();
    // One card per delivery: the column heads move beside each value.
    expect(await card.locator('table.deliveries thead').isVisible()).toBe(false);
    expect(await probe(page, 'horizontalOverflow')).toBeLessThanOrEqual(0);
    await screenshot(page, '27-watchlist-phone-deliveries');

    await untilIdle(url, created.id);
    expectClean(trouble);
    await page.close();
  });
});
