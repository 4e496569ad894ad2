import { CacheAdminService } from '../../src/cache/cache-admin.service';
import {
  ADMIN_KEY,
  expectStatus,
  field,
  get,
  post,
  type RawRedis,
  type ScalingApp,
} from './support/scaling-app';
import { useScalingWorld } from './support/scaling-world';

const KINDS = ['profile', 'posts', 'hashtag', 'users', 'analysis'] as const;
/** Not ours: another application's key, an old key version, and the limiter's counters. */
const FOREIGN = { 'other-app:session:42': 'keep me', 'trendxl:v1:profile:chefmaya': 'old' };

describe('AppModule on Redis: /api/v1/cache/stats and /api/v1/cache/clear', () => {
  const world = useScalingWorld({ instances: [{}, {}, { ADMIN_API_KEY: undefined }] });
  let raw: RawRedis;
  let app: ScalingApp;
  let other: ScalingApp;
  let unconfigured: ScalingApp;

  /** Real traffic through the app: entries of every kind. */
  async function populate(): Promise<void> {
    expectStatus(await post(app.url, '/api/v1/profile', { username: 'veganvibes' }), 200);
    expectStatus(await post(app.url, '/api/v1/hashtag/search', { hashtag: 'vegan' }), 200);
    expectStatus(await post(app.url, '/api/v1/users/search', { query: 'vegan' }), 200);
    expectStatus(await post(app.url, '/api/v1/analyze', { profile_url: 'chefmaya' }), 200);
  }

  async function countByKind(): Promise<Record<string, number>> {
    const keys = await raw.keys('trendxl:v2:*');
    return Object.fromEntries(
      KINDS.map((kind) => [kind, keys.filter((k) => k.startsWith(`trendxl:v2:${kind}:`)).length]),
    );
  }

  /** Key counts come from a background scan; tests take a fresh one before they read stats. */
  async function recount(...instances: ScalingApp[]): Promise<void> {
    for (const instance of instances) await instance.app.get(CacheAdminService).refreshKeyCounts();
  }

  beforeAll(() => {
    ({
      raw,
      apps: [app, other, unconfigured],
    } = world);
  });

  beforeEach(async () => {
    await raw.flush();
    for (const [key, value] of Object.entries(FOREIGN)) await raw.set(key, value);
    await populate();
  });

  it('GET /cache/stats counts what the app stored, by kind, on every instance', async () => {
    const expected = await countByKind();
    for (const kind of KINDS) expect({ kind, n: expected[kind] > 0 }).toEqual({ kind, n: true });
    const total = Object.values(expected).reduce((x, y) => x + y, 0);

    await recount(app, other);
    for (const instance of [app, other]) {
      const stats = expectStatus(await get(instance.url, '/api/v1/cache/stats'), 200);
      expect(stats.body).toMatchObject({
        enabled: true,
        backend: 'redis',
        connected: true,
        total_keys: total,
        keys_by_kind: expected,
      });
    }
  });

  it('refuses to clear without a key or with a wrong one (401), and deletes nothing', async () => {
    const before = await raw.keys('*');
    const attempts: Record<string, string>[] = [
      {},
      { 'x-api-key': 'wrong' },
      { 'x-api-key': `${ADMIN_KEY}x` },
      { authorization: 'Bearer wrong' },
      { authorization: `Basic ${ADMIN_KEY}` },
    ];
    for (const headers of attempts) {
      const res = expectStatus(await post(app.url, '/api/v1/cache/clear', {}, headers), 401);
      expect(res.body).toEqual({ error: expect.any(String) as unknown, code: 'UNAUTHORIZED' });
      expect(res.text).not.toContain(ADMIN_KEY);
    }
    expect(await raw.keys('*')).toEqual(before);
  });

  it('refuses to clear (403) when no ADMIN_API_KEY is configured, whatever key is sent', async () => {
    const before = await raw.keys('*');
    const attempts: Record<string, string>[] = [
      {},
      { 'x-api-key': ADMIN_KEY },
      { authorization: `Bearer ${ADMIN_KEY}` },
    ];
    for (const headers of attempts) {
      const res = expectStatus(
        await post(unconfigured.url, '/api/v1/cache/clear', {}, headers),
        403,
      );
      expect(field(res.body, 'code')).toBe('FORBIDDEN');
    }
    expect(await raw.keys('*')).toEqual(before);
  });

  it.each([
    ['X-API-Key', { 'x-api-key': ADMIN_KEY }],
    ['Authorization: Bearer', { authorization: `Bearer ${ADMIN_KEY}` }],
  ])('clears every trendxl:v2 entry with %s and keeps foreign keys', async (_, headers) => {
    const cached = await raw.keys('trendxl:v2:*');
    const limiter = await raw.keys('trendxl:rl:*');
    expect(limiter.length).toBeGreaterThan(0);

    const res = expectStatus(await post(app.url, '/api/v1/cache/clear', {}, headers), 200);
    expect(res.body).toEqual({
      message: expect.any(String) as unknown,
      deleted: cached.length,
      pattern: 'trendxl:v2:*',
    });

    expect(await raw.keys('trendxl:v2:*')).toEqual([]);
    for (const [key, value] of Object.entries(FOREIGN)) expect(await raw.get(key)).toBe(value);
    expect(await raw.keys('trendxl:rl:*')).toEqual(limiter);

    await recount(other);
    const stats = expectStatus(await get(other.url, '/api/v1/cache/stats'), 200);
    expect(stats.body).toMatchObject({
      total_keys: 0,
      keys_by_kind: { profile: 0, posts: 0, hashtag: 0, users: 0, analysis: 0 },
    });
    // The other instance's next request goes upstream again.
    const again = expectStatus(
      await post(other.url, '/api/v1/profile', { username: 'veganvibes' }),
      200,
    );
    expect(again.headers.get('x-cache')).toBe('MISS');
  });

  it('clears one kind only when asked, as the stats then show', async () => {
    const before = await countByKind();
    const res = expectStatus(
      await post(app.url, '/api/v1/cache/clear', { kind: 'hashtag' }, { 'x-api-key': ADMIN_KEY }),
      200,
    );
    expect(res.body).toMatchObject({ deleted: before.hashtag, pattern: 'trendxl:v2:hashtag:*' });
    await recount(app);
    const stats = expectStatus(await get(app.url, '/api/v1/cache/stats'), 200);
    expect(field(stats.body, 'keys_by_kind')).toEqual({ ...before, hashtag: 0 });
  });
});
