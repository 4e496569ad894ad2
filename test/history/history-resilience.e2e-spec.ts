import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CREATOR } from '../support/analyze/analyze-corpus';
import { getPath, postJson } from '../support/http';
import { createTestDatabase, type TestDatabase } from '../support/postgres-harness';
import { NO_CACHE, startHistoryWorld, storeEnv, type HistoryWorld } from './history-testing';

interface HealthBody {
  status: string;
  services: { database: string };
}

const JOURNAL = JSON.parse(
  readFileSync(
    join(
      __dirname,
      '..',
      '..',
      'src',
      'history',
      'database',
      'migrations',
      'meta',
      '_journal.json',
    ),
    'utf8',
  ),
) as { entries: { tag: string }[] };

describe('trend memory on PostgreSQL: validation, concurrency and failures', () => {
  let world: HistoryWorld;
  const databases: TestDatabase[] = [];

  const freshDatabase = async (): Promise<TestDatabase> => {
    const db = await createTestDatabase();
    databases.push(db);
    return db;
  };

  beforeAll(async () => {
    world = await startHistoryWorld();
  });

  afterEach(async () => {
    await world.closeApps();
    world.live.reset();
  });

  afterAll(async () => {
    await world?.close();
    await Promise.all(databases.map((db) => db.drop()));
  });

  it('answers 400 for bad ids, cursors and days, and 404 for unknown ones', async () => {
    const db = await freshDatabase();
    const { url } = await world.boot('postgres', storeEnv('postgres', db.url));
    const unknown = '00000000-0000-4000-8000-000000000000';
    const cases: [string, number][] = [
      ['/api/v1/analyses/not-a-uuid', 400],
      ['/api/v1/analyses/not-a-uuid/trends.csv', 400],
      [`/api/v1/analyses/${unknown}`, 404],
      [`/api/v1/analyses/${unknown}/trends.csv`, 404],
      ['/api/v1/videos/abc/history', 400],
      ['/api/v1/videos/1234567/history', 404],
      ['/api/v1/hashtags/pasta/history?days=0', 400],
      ['/api/v1/hashtags/pasta/history?days=abc', 400],
      ['/api/v1/hashtags/no-such-tag!/history', 400],
      ['/api/v1/hashtags/neverseenthistag/history', 404],
      [`/api/v1/creators/${CREATOR.uniqueId}/analyses?cursor=garbage`, 400],
      [`/api/v1/creators/${CREATOR.uniqueId}/analyses?limit=0`, 400],
      ['/api/v1/creators/a/analyses', 400],
    ];
    for (const [path, status] of cases) {
      const res = await getPath(url, path);
      expect([path, res.status]).toEqual([path, status]);
      const body = res.body as { code: string; error: string };
      expect(body.code).toBe(status === 400 ? 'VALIDATION_ERROR' : 'NOT_FOUND');
    }
  });

  it('two instances booting at once on an empty database apply each migration once', async () => {
    const db = await freshDatabase();
    const [a, b] = await Promise.all([
      world.boot('postgres', storeEnv('postgres', db.url)),
      world.boot('postgres', storeEnv('postgres', db.url)),
    ]);

    for (const { url } of [a, b]) {
      const health = (await getPath(url, '/health')).body as HealthBody;
      expect(health.services.database).toBe('connected');
    }
    const applied = await db.query<{ n: string; distinct_hashes: string }>(
      'SELECT count(*) AS n, count(DISTINCT hash) AS distinct_hashes FROM drizzle.__drizzle_migrations',
    );
    expect(Number(applied[0].n)).toBe(JOURNAL.entries.length);
    expect(Number(applied[0].distinct_hashes)).toBe(JOURNAL.entries.length);
  });

  it('a cache hit answers with the id of the analysis it serves, stored once', async () => {
    const db = await freshDatabase();
    const { url } = await world.boot('postgres', storeEnv('postgres', db.url));

    const first = await world.analyze(url, CREATOR.uniqueId);
    const hit = await world.analyze(url, CREATOR.uniqueId);

    expect(hit.meta.cache).toBe('HIT');
    expect(hit.meta.analysis_id).toBe(first.meta.analysis_id);
    const list = await getPath(url, `/api/v1/creators/${CREATOR.uniqueId}/analyses`);
    const ids = (list.body as { analyses: { id: string }[] }).analyses.map((a) => a.id);
    expect(ids).toEqual([first.meta.analysis_id]);
  });

  it('the database dropped mid-run: degraded, analyses still answered, history 503, never a 500', async () => {
    const db = await freshDatabase();
    const { url } = await world.boot('postgres', { ...storeEnv('postgres', db.url), ...NO_CACHE });
    const before = await world.analyze(url, CREATOR.uniqueId);
    expect(before.meta.analysis_id).not.toBeNull();
    expect((await getPath(url, `/api/v1/analyses/${before.meta.analysis_id}`)).status).toBe(200);

    await db.drop(); // terminates the service's connections, then the database is gone

    const after = await world.analyze(url, CREATOR.uniqueId);
    expect(after.trends.length).toBe(before.trends.length);
    expect(after.meta.previous_analysis_at).toBeNull();
    for (const trend of after.trends) {
      expect(trend.is_new).toBeNull();
      expect(trend.first_seen_at).toBeNull();
    }
    const profile = await postJson(url, '/api/v1/profile', { username: CREATOR.uniqueId });
    expect(profile.status).toBe(200);

    const health = await getPath(url, '/health');
    expect(health.status).toBe(200);
    expect(health.body as HealthBody).toMatchObject({
      status: 'degraded',
      services: { database: 'disconnected' },
    });
    expect((await getPath(url, '/health/ready')).status).toBe(200);

    for (const path of [
      `/api/v1/creators/${CREATOR.uniqueId}/analyses`,
      `/api/v1/analyses/${before.meta.analysis_id}`,
      `/api/v1/analyses/${before.meta.analysis_id}/trends.csv`,
      `/api/v1/videos/${before.trends[0].id}/history`,
      '/api/v1/hashtags/pasta/history',
    ]) {
      const res = await getPath(url, path);
      expect([path, res.status]).toEqual([path, 503]);
      expect(res.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    }

    // The analysis that could not be stored is counted, not lost silently.
    const metrics = await getPath(url, '/metrics');
    expect(metrics.text).toMatch(/trendxl_history_write_failures_total\{kind="analysis"\} 1\b/);
    expect(metrics.text).toMatch(
      /trendxl_history_write_failures_total\{kind="observation"\} [1-9]/,
    );
  });

  it('history turned off: analyses answered without an id, history endpoints 503', async () => {
    const { url } = await world.boot('postgres', { HISTORY_ENABLED: 'false' });
    const body = await world.analyze(url, CREATOR.uniqueId);
    expect(body.meta.analysis_id).toBeNull();
    expect(body.trends[0].is_new).toBeNull();
    const health = (await getPath(url, '/health')).body as HealthBody;
    expect(health.services.database).toBe('disabled');
    const res = await getPath(url, `/api/v1/creators/${CREATOR.uniqueId}/analyses`);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });
});
