import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Browser, Page } from 'playwright-core';
import { setTimeout as sleep } from 'node:timers/promises';
import { getPath, postJson } from '../support/http';
import { createTestDatabase, type TestDatabase } from '../support/postgres-harness';
import { createTestApp } from '../support/test-app';
import {
  expectClean,
  launchBrowser,
  openPage,
  PHONE,
  probe,
  screenshot,
  waitForProbe,
} from '../support/console/browser';
import { UNLIMITED_RATES } from '../support/console/console-app';

const CREATOR = 'demo_cooking_carlos';

/** Every image on the page has finished loading; returns those that did not decode. */
async function undecodedImages(page: Page): Promise<string[]> {
  await waitForProbe(page, 'imagesSettled');
  return probe(page, 'undecodedImages');
}

async function analyse(page: Page, creator: string): Promise<void> {
  await page.fill('#creator', creator);
  await page.click('form.analyse-form button[type=submit]');
}

describe('web console in headless Chromium (demo mode)', () => {
  let app: NestExpressApplication | undefined;
  let url = '';
  let browser: Browser | undefined;

  beforeAll(async () => {
    ({ app, url } = await createTestApp({
      ...UNLIMITED_RATES,
    }));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  function theBrowser(): Browser {
    if (!browser) throw new Error('browser not launched');
    return browser;
  }

  it('analyses a demo creator: live progress through every step, trend cards, score bars, decoded images', async () => {
    const { page, trouble } = await openPage(theBrowser());
    await page.goto(`${url}/`);
    await page.waitForSelector('#mode-banner:not([hidden])');
    expect(await page.textContent('#mode-banner')).toContain('Demo mode');
    await screenshot(page, '01-start');

    await probe(page, 'recordProgress', 'progress');
    await analyse(page, CREATOR);
    await page.waitForSelector('#steps li[data-event=result]');
    await page.waitForSelector('#trends .trend-card');
    await screenshot(page, '02-analysed');

    const steps = await probe(page, 'attributes', '#steps li', 'data-event');
    expect(steps).toEqual([
      'profile',
      'posts',
      'hashtags',
      'search',
      'search',
      'search',
      'search',
      'search',
      'result',
    ]);
    const progress = await probe(page, 'progressSeen', 'progress');
    expect(progress.value).toBe(progress.max);
    // The bar moved once per event: 1, 2, … up to the last step, never backwards.
    const distinct = progress.seen.filter((v, i, all) => v > 0 && v !== all[i - 1]);
    expect(progress.seen.every((v, i, all) => i === 0 || v >= all[i - 1])).toBe(true);
    expect(distinct).toEqual(Array.from({ length: steps.length }, (_, i) => i + 1));

    expect(await page.textContent('#profile-card')).toContain(`@${CREATOR}`);
    expect(await page.locator('#hashtags li').count()).toBe(5);
    expect(await page.textContent('#demo-badge')).toContain('Demo data');

    const cards = await page.locator('#trends .trend-card').count();
    expect(cards).toBeGreaterThanOrEqual(5);
    const bars = await probe(page, 'segmentBars', '#trends .trend-card .breakdown');
    expect(bars).toHaveLength(cards);
    for (const bar of bars) {
      expect(bar.segments).toBe(4);
      expect(bar.drawn).toBeGreaterThan(0);
    }
    const links = await probe(page, 'attributes', '#trends .trend-card a[target=_blank]', 'href');
    expect(links.every((href) => href?.startsWith('https://www.tiktok.com/@'))).toBe(true);
    expect(await undecodedImages(page)).toEqual([]);

    // Sort by views, then keep one hashtag only.
    await page.selectOption('#sort', 'views');
    const views = await probe(page, 'attributes', '#trends .trend-card', 'data-id');
    expect(views).toHaveLength(cards);
    const tag = (await page.locator('#filter option:nth-child(2)').getAttribute('value')) ?? '';
    expect(tag).not.toBe('');
    await page.selectOption('#filter', tag);
    const filtered = await probe(page, 'attributes', '#trends .trend-card', 'data-hashtags');
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThanOrEqual(cards);
    for (const tags of filtered) expect((tags ?? '').split(' ')).toContain(tag);
    await screenshot(page, '03-filtered');

    expectClean(trouble);
    await page.close();
  });

  it('a video from the trends, on a server with history turned off: a clear "history unavailable" note', async () => {
    const { page, trouble } = await openPage(theBrowser());
    await page.goto(`${url}/console`);
    await analyse(page, CREATOR);
    await page.waitForSelector('#trends .trend-card');
    expect(await page.textContent('#csv-unavailable')).toMatch(/needs the history store/);
    await page.click('#trends .trend-card .link-button');
    await page.waitForSelector('#video-history .unavailable');
    await screenshot(page, '04-video-history');

    const note = await page.textContent('#video-history .unavailable');
    expect(note).toMatch(/History unavailable/);
    expect(note).toMatch(
      /The service says: “History is turned off on this server.*” \(SERVICE_UNAVAILABLE\)/,
    );
    expect(trouble.errorResponses).toEqual([
      expect.stringMatching(/^503 .*\/api\/v1\/videos\/\d+\/history$/),
    ]);
    expect(trouble.pageErrors).toEqual([]);
    await page.close();
  });

  it('an unknown creator: the page shows the API’s own message', async () => {
    const { page, trouble } = await openPage(theBrowser());
    await page.goto(`${url}/console`);
    const unknown = 'nobody_in_the_demo_data';
    const api = await postJson(url, '/api/v1/analyze', { profile_url: unknown });
    const message = (api.body as { error: string }).error;

    await analyse(page, unknown);
    await page.waitForSelector('#analysis .problem');
    await screenshot(page, '05-not-found');

    expect(await page.textContent('#analysis .problem strong')).toBe(message);
    expect(await page.getAttribute('#analysis .problem', 'data-code')).toBe('NOT_FOUND');
    expectClean(trouble);
    await page.close();
  });

  it('reads well on a phone: nothing wider than the screen', async () => {
    const { page, trouble } = await openPage(theBrowser(), PHONE);
    await page.goto(`${url}/console`);
    await analyse(page, CREATOR);
    await page.waitForSelector('#trends .trend-card');
    await screenshot(page, '06-phone');

    expect(await probe(page, 'horizontalOverflow')).toBeLessThanOrEqual(0);
    expectClean(trouble);
    await page.close();
  });

  it('watchlists without their backend: a clear note, in the API’s words', async () => {
    const { page, trouble } = await openPage(theBrowser());
    await page.goto(`${url}/console#/watchlists`);
    await page.waitForSelector('#watchlists .unavailable');
    await screenshot(page, '07-watchlists');

    const note = await page.textContent('#watchlists .unavailable');
    expect(note).toMatch(/Watchlists unavailable/);
    expect(note).toMatch(/The service says: “.+”/);
    // The one refused request is the watchlists call itself; nothing else went wrong.
    expect(trouble.errorResponses).toEqual([
      expect.stringMatching(/^(404|503) .*\/api\/v1\/watchlists$/),
    ]);
    expect(trouble.pageErrors).toEqual([]);
    expect(trouble.failedRequests).toEqual([]);
    await page.close();
  });

  it('a server with client keys: the API’s 401 in its words, then the key entered once works', async () => {
    const key = 'console-e2e-key-5f2c9a7d1b3e';
    const keyed = await createTestApp({ ...UNLIMITED_RATES, CLIENT_API_KEYS: `browser:${key}` });
    try {
      const { page } = await openPage(theBrowser());
      await page.goto(`${keyed.url}/console`);
      await analyse(page, CREATOR);
      await page.waitForSelector('#analysis .problem[data-code=UNAUTHORIZED]');
      expect(await page.textContent('#analysis .problem')).toMatch(/needs a client key/);

      await page.click('details.client-key summary');
      await page.fill('#client-key', key);
      await page.click('form.key-form button');
      await analyse(page, CREATOR);
      await page.waitForSelector('#trends .trend-card');
      await screenshot(page, '11-client-key');
      await page.close();
    } finally {
      await keyed.app.close();
    }
  });

  it('a rate limit says when to try again', async () => {
    const limited = await createTestApp({ ANALYZE_REQUESTS_PER_MINUTE: '1' });
    try {
      const { page } = await openPage(theBrowser());
      await page.goto(`${limited.url}/console`);
      await analyse(page, CREATOR);
      await page.waitForSelector('#steps li[data-event=result]');
      await analyse(page, CREATOR);
      await page.waitForSelector('#analysis .problem[data-code=RATE_LIMITED]');
      await screenshot(page, '08-rate-limited');

      expect(await page.textContent('#analysis .problem .retry')).toMatch(/try again in \d+ s/);
      await page.close();
    } finally {
      await limited.app.close();
    }
  });
});

describe('web console with the history store (PostgreSQL, demo mode)', () => {
  let app: NestExpressApplication | undefined;
  let url = '';
  let browser: Browser | undefined;
  let database: TestDatabase | undefined;

  beforeAll(async () => {
    // A database of its own on the machine's PostgreSQL (the embedded store cannot load in Jest's VM).
    database = await createTestDatabase();
    ({ app, url } = await createTestApp({
      HISTORY_ENABLED: 'true',
      DATABASE_URL: database.url,
      ...UNLIMITED_RATES,
    }));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  /** History writes leave in batches off the response path: wait until the video is stored. */
  async function untilObserved(videoId: string): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt++) {
      if ((await getPath(url, `/api/v1/videos/${videoId}/history`)).status === 200) return;
      await sleep(50);
    }
    throw new Error(`video ${videoId} was never stored`);
  }

  it('downloads the CSV, lists the stored analyses and draws a video’s views over time', async () => {
    if (!browser) throw new Error('browser not launched');
    const { page, trouble } = await openPage(browser);
    await page.goto(`${url}/console`);
    await analyse(page, CREATOR);
    await page.waitForSelector('#trends .trend-card');
    const cards = await probe(page, 'attributes', '#trends .trend-card', 'data-id');

    const href = await page.getAttribute('#csv', 'href');
    expect(href).toMatch(/^\/api\/v1\/analyses\/[^/]+\/trends\.csv$/);
    const csv = await probe(page, 'fetchText', href ?? '');
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^rank,id,tiktok_url,author,caption,views/);
    expect(lines.length).toBeGreaterThan(cards.length);

    const video = cards[0] ?? '';
    await untilObserved(video);
    await page.click(`#trends .trend-card[data-id="${video}"] .link-button`);
    await page.waitForSelector('#views-chart canvas');
    expect(await probe(page, 'inkedPixels', '#views-chart canvas')).toBeGreaterThan(0);
    await screenshot(page, '09-video-history-chart');

    await page.goto(`${url}/console#/history?creator=${CREATOR}`);
    await page.waitForSelector('#analyses-table tbody tr');
    expect(await page.locator('#analyses-table tbody tr').count()).toBeGreaterThanOrEqual(1);
    await screenshot(page, '10-stored-analyses');

    expectClean(trouble);
    await page.close();
  });
});
