import type { NestExpressApplication } from '@nestjs/platform-express';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Queue } from 'bullmq';
import type { TrendDto } from '../../src/trends/dto/analyze.response.dto';
import { QUEUE_PREFIX, RUNS_QUEUE } from '../../src/watchlists/watchlist-jobs';
import { CREATOR } from '../support/analyze/analyze-corpus';
import { newcomerPost } from '../history/history-testing';
import { getPath, postJson, send } from '../support/http';
import { createTestApp } from '../support/test-app';
import { spawnWorker } from './support/spawn-worker';
import {
  createWatchlist,
  expectStatus,
  listDeliveries,
  listRuns,
  runNow,
  waitForRun,
  waitForRuns,
  startWatchlistWorld,
  type WatchlistWorld,
} from './support/watchlist-world';
import { poll } from './support/webhook-receiver';

interface Payload {
  event: string;
  watchlist_id: string;
  run_id: string;
  ran_at: string;
  creators: { username: string; analysis_id: string | null; new_trends: TrendDto[] }[];
}

/** What a receiver does (the README's snippet): HMAC over "<t>.<raw body>", constant-time, 5 min. */
function verify(secret: string, raw: string, header: string, nowMs = Date.now()): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowMs / 1000 - t) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${raw}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** History writes are batched: a run compares with the previous analysis once that is stored. */
async function storedAnalysis(world: WatchlistWorld, id: string | null): Promise<void> {
  const sql = 'SELECT 1 FROM analyses WHERE id = $1';
  await poll(
    async () => (await world.database.query(sql, [id])).length === 1,
    10_000,
    `analysis ${id}`,
  );
}

describe('watchlists (one process: API and worker)', () => {
  let world: WatchlistWorld;
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    world = await startWatchlistWorld();
    ({ app, url } = await createTestApp(world.env()));
  });

  afterAll(async () => {
    await app?.close();
    await world?.close();
  });

  it('create → run now → a signed delivery; the next run reports only what is new', async () => {
    const receiver = world.receiver;
    const before = receiver.received.length;
    const created = await createWatchlist(url, {
      name: 'Pasta rivals',
      creators: [`https://www.tiktok.com/@${CREATOR.uniqueId}`, '@nobody_here_404'],
      webhook_url: receiver.url,
      notify: 'always',
    });
    expect(created.webhook_secret).toMatch(/^whsec_/);
    const shown = await getPath(url, `/api/v1/watchlists/${created.id}`);
    expect(shown.body).toMatchObject({
      id: created.id,
      creators: [CREATOR.uniqueId, 'nobody_here_404'],
      interval_minutes: 360,
      min_score: 0,
      notify: 'always',
    });
    expect(shown.text).not.toContain(created.webhook_secret);

    // A new schedule runs at once: the baseline (is_new null for all), delivered as notify is "always".
    const [scheduled] = await waitForRuns(url, created.id, 1);
    expect(scheduled?.trigger).toBe('schedule');
    const run1 = scheduled.id;
    const done1 = await waitForRun(url, created.id, run1);
    expect(done1.status).toBe('completed');
    expect(done1.creators).toEqual([
      expect.objectContaining({ username: CREATOR.uniqueId, new_trends: 0, error_code: null }),
      expect.objectContaining({
        username: 'nobody_here_404',
        analysis_id: null,
        error_code: 'NOT_FOUND',
      }),
    ]);
    expect(done1.creators[0].analysis_id).toMatch(/^[0-9a-f-]{36}$/);
    const [first] = (await receiver.waitFor(before + 1)).slice(before);
    expect(first.headers['x-trendxl-event']).toBe('watchlist.run.completed');
    expect(
      verify(created.webhook_secret, first.raw, String(first.headers['x-trendxl-signature'])),
    ).toBe(true);
    expect(verify('whsec_wrong', first.raw, String(first.headers['x-trendxl-signature']))).toBe(
      false,
    );
    const body1 = JSON.parse(first.raw) as Payload;
    expect(body1).toMatchObject({
      event: 'watchlist.run.completed',
      watchlist_id: created.id,
      run_id: run1,
    });
    expect(body1.creators).toEqual([
      { username: CREATOR.uniqueId, analysis_id: done1.creators[0].analysis_id, new_trends: [] },
    ]);

    await storedAnalysis(world, done1.creators[0].analysis_id);

    // The upstream moves on: a new video appears in the niche (under every tag the local
    // extractor may pick for this creator).
    const fresh = {
      ...newcomerPost(Date.now()),
      desc: 'Lemon ricotta pasta, brand new #pasta #recipe #vegan #foodtok #easyrecipe',
    };
    world.live.fake.corpus.users.push(fresh.author);
    world.live.fake.corpus.posts.push(fresh);
    const run2 = await runNow(url, created.id);
    const done2 = await waitForRun(url, created.id, run2);
    const [second] = (await receiver.waitFor(before + 2)).slice(before + 1);
    expect(
      verify(created.webhook_secret, second.raw, String(second.headers['x-trendxl-signature'])),
    ).toBe(true);
    const body2 = JSON.parse(second.raw) as Payload;
    expect(body2.run_id).toBe(run2);
    expect(body2.creators[0].new_trends.map((t) => t.id)).toEqual([fresh.id]);
    expect(body2.creators[0].new_trends[0]).toMatchObject({ id: fresh.id, is_new: true });
    expect(done2.creators[0].new_trends).toBe(1);

    // notify "new": nothing changed since, so the next run sends nothing.
    await storedAnalysis(world, done2.creators[0].analysis_id);
    const patched = await send(url, `/api/v1/watchlists/${created.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ notify: 'new' }),
    });
    expectStatus(patched, 200);
    const run3 = await runNow(url, created.id);
    expect((await waitForRun(url, created.id, run3)).creators[0].new_trends).toBe(0);
    const deliveries = await listDeliveries(url, created.id);
    expect(deliveries.map((d) => d.run_id).sort()).toEqual([run1, run2].sort());
    expect(receiver.received.length).toBe(before + 2);
  });

  it('a receiver answering 500 twice gets the third attempt; three attempts are logged', async () => {
    const receiver = world.receiver;
    const before = receiver.received.length;
    receiver.answer(500, 500);
    const created = await createWatchlist(url, {
      name: 'Retries',
      creators: [CREATOR.uniqueId],
      webhook_url: receiver.url,
      notify: 'always',
    });
    // The schedule's first run, at once.
    const got = (await receiver.waitFor(before + 3)).slice(before);
    const runId = (await listRuns(url, created.id))[0].id;
    const ids = new Set(got.map((r) => r.headers['x-trendxl-delivery']));
    expect(ids.size).toBe(1);
    expect(got.map((r) => r.raw)).toEqual([got[0].raw, got[0].raw, got[0].raw]);
    for (const r of got) {
      expect(verify(created.webhook_secret, r.raw, String(r.headers['x-trendxl-signature']))).toBe(
        true,
      );
    }
    let attempts: Awaited<ReturnType<typeof listDeliveries>> = [];
    await poll(
      async () => (attempts = await listDeliveries(url, created.id)).length === 3,
      10_000,
      'three delivery attempts',
    );
    expect(attempts.map((a) => [a.attempt, a.status_code]).sort()).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
    expect(new Set(attempts.map((a) => a.delivery_id))).toEqual(ids);
    expect(attempts.every((a) => a.run_id === runId)).toBe(true);
  });

  it('validates input like /profile and refuses private webhook addresses unless allowed', async () => {
    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await postJson(strictUrl, '/api/v1/watchlists', body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'VALIDATION_ERROR',
        details: { fields: { [field]: expect.any(Array) as unknown } },
      });
    };
    const strict = await createTestApp(world.env({ WEBHOOK_ALLOW_PRIVATE: undefined }));
    const strictUrl = strict.url;
    try {
      const ok = { name: 'x', creators: ['chefmaya'] };
      await bad({ ...ok, creators: [] }, 'creators');
      await bad(
        { ...ok, creators: Array.from({ length: 51 }, (_, i) => `user_${i}x`) },
        'creators',
      );
      await bad({ ...ok, creators: ['not a user!'] }, 'creators');
      await bad({ ...ok, interval_minutes: 14 }, 'interval_minutes');
      await bad({ ...ok, interval_minutes: 10_081 }, 'interval_minutes');
      await bad({ ...ok, min_score: 101 }, 'min_score');
      await bad({ ...ok, notify: 'sometimes' }, 'notify');
      await bad({ ...ok, webhook_url: 'ftp://example.com/x' }, 'webhook_url');
      for (const target of [
        'http://127.0.0.1:9/x',
        'http://localhost/x',
        'http://10.1.2.3/x',
        'http://169.254.169.254/latest/meta-data',
        'http://[::1]/x',
        'http://[::ffff:192.168.0.1]/x',
      ]) {
        await bad({ ...ok, webhook_url: target }, 'webhook_url');
      }
      // Duplicates after normalisation collapse; the interval minimum is the configured one.
      const created = await createWatchlist(strictUrl, {
        name: '  Dedup  ',
        creators: ['@ChefMaya', 'https://www.tiktok.com/@chefmaya', 'noodlenerd'],
        interval_minutes: 15,
      });
      const shown = await getPath(strictUrl, `/api/v1/watchlists/${created.id}`);
      expect(shown.body).toMatchObject({ name: 'Dedup', creators: ['chefmaya', 'noodlenerd'] });
      expect((await getPath(strictUrl, '/api/v1/watchlists/not-a-uuid')).status).toBe(404);
    } finally {
      await strict.app.close();
    }
  });

  it('delete stops the schedule at once and removes the watchlist', async () => {
    const created = await createWatchlist(url, {
      name: 'Short-lived',
      creators: ['chefmaya'],
      interval_minutes: 15,
    });
    const queue = new Queue<{ watchlistId: string }>(RUNS_QUEUE, {
      connection: { url: world.redis.url },
      prefix: QUEUE_PREFIX,
    });
    const scheduled = async () => ({
      scheduler: await queue.getJobScheduler(created.id),
      delayed: (await queue.getDelayed()).filter((j) => j.data.watchlistId === created.id),
    });
    expect((await scheduled()).scheduler).toMatchObject({ every: 15 * 60_000 });
    const res = await send(url, `/api/v1/watchlists/${created.id}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    const gone = await scheduled();
    await queue.close();
    expect(gone.scheduler).toBeUndefined();
    expect(gone.delayed).toEqual([]);
    expect((await getPath(url, `/api/v1/watchlists/${created.id}`)).status).toBe(404);
    const listed = await getPath(url, '/api/v1/watchlists');
    expect(
      (listed.body as { watchlists: { id: string }[] }).watchlists.map((w) => w.id),
    ).not.toContain(created.id);
  });
});

describe('watchlists with client keys', () => {
  let world: WatchlistWorld;

  beforeAll(async () => {
    world = await startWatchlistWorld();
  });

  afterAll(async () => {
    await world?.close();
  });

  it('each key sees and changes only its own watchlists', async () => {
    const { app, url } = await createTestApp(
      world.env({
        CLIENT_API_KEYS: 'alpha:alpha-key-0123456789abcdef,beta:beta-key-0123456789abcdef',
      }),
    );
    try {
      const alpha = { 'x-api-key': 'alpha-key-0123456789abcdef' };
      const beta = { 'x-api-key': 'beta-key-0123456789abcdef' };
      const created = await postJson(
        url,
        '/api/v1/watchlists',
        { name: 'Alpha only', creators: ['chefmaya'] },
        alpha,
      );
      expectStatus(created, 201);
      const { id } = created.body as { id: string };
      const listed = async (headers: Record<string, string>) =>
        (
          (await getPath(url, '/api/v1/watchlists', headers)).body as {
            watchlists: { id: string }[];
          }
        ).watchlists.map((w) => w.id);
      expect(await listed(alpha)).toEqual([id]);
      expect(await listed(beta)).toEqual([]);
      expect((await getPath(url, `/api/v1/watchlists/${id}`, beta)).status).toBe(404);
      expect(
        (await send(url, `/api/v1/watchlists/${id}`, { method: 'DELETE', headers: beta })).status,
      ).toBe(404);
      expect((await getPath(url, `/api/v1/watchlists/${id}`, alpha)).status).toBe(200);
      expect((await getPath(url, '/api/v1/watchlists')).status).toBe(401);
    } finally {
      await app.close();
    }
  });
});

describe('watchlists without Redis', () => {
  it('answer 503 FEATURE_UNAVAILABLE naming REDIS_URL; everything else works', async () => {
    const { app, url } = await createTestApp({});
    try {
      for (const [method, path] of [
        ['GET', '/api/v1/watchlists'],
        ['POST', '/api/v1/watchlists'],
        ['POST', '/api/v1/watchlists/00000000-0000-4000-8000-000000000000/run'],
        ['DELETE', '/api/v1/watchlists/00000000-0000-4000-8000-000000000000'],
      ]) {
        const res = await send(url, path, {
          method,
          headers: { 'content-type': 'application/json' },
          body: method === 'POST' ? '{}' : undefined,
        });
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({
          code: 'FEATURE_UNAVAILABLE',
          error: expect.stringContaining('REDIS_URL') as unknown,
        });
      }
      expect((await getPath(url, '/health/live')).status).toBe(200);
      expect(
        (await postJson(url, '/api/v1/profile', { username: 'demo_cooking_carlos' })).status,
      ).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('a worker process refuses to start, saying to set REDIS_URL', async () => {
    await expect(spawnWorker({ LOG_LEVEL: 'warn' })).rejects.toThrow(
      /worker exited early:[\s\S]*The worker role needs Redis: set REDIS_URL/,
    );
  });
});
