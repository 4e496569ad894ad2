import { expectRateLimited, PATIENT_REDIS, spendBudget } from '../support/scaling/rate-limit';
import {
  expectStatus,
  get,
  post,
  type RawRedis,
  type ScalingApp,
} from '../support/scaling/scaling-app';
import { useScalingWorld } from '../support/scaling/scaling-world';

const LIMIT = 60;
const ANALYZE_LIMIT = 3;
const OPERATIONAL = ['/health', '/health/live', '/health/ready', '/metrics'];

describe('AppModule on Redis: rate limits shared by two instances', () => {
  const env = {
    ...PATIENT_REDIS,
    MAX_REQUESTS_PER_MINUTE: String(LIMIT),
    ANALYZE_REQUESTS_PER_MINUTE: String(ANALYZE_LIMIT),
  };
  const world = useScalingWorld({ instances: [env, env] });
  let raw: RawRedis;
  let a: ScalingApp;
  let b: ScalingApp;

  beforeAll(() => {
    ({
      raw,
      apps: [a, b],
    } = world);
  });

  /** Every test starts with a fresh budget: the limiter's keys live in this Redis only. */
  beforeEach(async () => {
    await raw.del('trendxl:rl:*');
  });

  it('lets 60 requests through across both instances and refuses the 61st on either', async () => {
    await spendBudget([a, b], LIMIT);

    expectRateLimited(await get(a.url, '/'));
    expectRateLimited(await get(b.url, '/'));
    // One budget per client across routes, not per route.
    expectRateLimited(await post(b.url, '/api/v1/profile', { username: 'chefmaya' }));
    expectRateLimited(await post(a.url, '/api/v1/users/search', { query: 'chef' }));
  });

  it('puts X-RateLimit-Limit, -Remaining and -Reset on a normal cached POST response', async () => {
    expectStatus(await post(a.url, '/api/v1/profile', { username: 'chefmaya' }), 200);
    const cached = expectStatus(
      await post(b.url, '/api/v1/profile', { username: 'chefmaya' }),
      200,
    );
    expect(cached.headers.get('x-cache')).toBe('HIT');
    expect(cached.headers.get('x-ratelimit-limit')).toBe(String(LIMIT));
    expect(cached.headers.get('x-ratelimit-remaining')).toBe(String(LIMIT - 2));
    expect(Number(cached.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
  });

  it('limits /analyze to ANALYZE_REQUESTS_PER_MINUTE while other routes still pass', async () => {
    for (let i = 0; i < ANALYZE_LIMIT; i++) {
      const res = expectStatus(
        await post([a, b][i % 2].url, '/api/v1/analyze', { profile_url: 'chefmaya' }),
        200,
      );
      // The route's responses describe its stricter limit, under the standard names.
      expect(res.headers.get('x-ratelimit-limit')).toBe(String(ANALYZE_LIMIT));
      expect(res.headers.get('x-ratelimit-remaining')).toBe(String(ANALYZE_LIMIT - 1 - i));
    }
    for (const refused of [
      await post(b.url, '/api/v1/analyze', { profile_url: 'chefmaya' }),
      await post(a.url, '/api/v1/analyze', { profile_url: 'veganvibes' }),
    ]) {
      expectRateLimited(refused);
      expect(refused.headers.get('x-ratelimit-limit')).toBe(String(ANALYZE_LIMIT));
      expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(Number(refused.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
      expect(refused.headers.get('x-ratelimit-reset')).toBe(refused.headers.get('retry-after'));
      const names = [...refused.headers.keys()];
      expect(names.filter((n) => /^(retry-after|x-ratelimit-[a-z]+)-/.test(n))).toEqual([]);
    }

    for (const app of [a, b]) {
      expectStatus(await get(app.url, '/'), 200);
      expectStatus(await post(app.url, '/api/v1/profile', { username: 'chefmaya' }), 200);
    }
  });

  it('never limits /health, /health/live, /health/ready and /metrics', async () => {
    await spendBudget([a, b], LIMIT);
    expectRateLimited(await get(a.url, '/'));

    for (const path of OPERATIONAL) {
      const results = await Promise.all(
        Array.from({ length: LIMIT + 5 }, (_, i) => get([a, b][i % 2].url, path)),
      );
      expect({ path, statuses: [...new Set(results.map((r) => r.status))] }).toEqual({
        path,
        statuses: [200],
      });
      expect(results[0].headers.get('x-ratelimit-limit')).toBeNull();
    }
    // Still limited afterwards: the operational routes neither spent nor reset the budget.
    expectRateLimited(await get(b.url, '/'));
  });
});

describe('AppModule on Redis: who a client is behind X-Forwarded-For', () => {
  const SMALL_LIMIT = 5;
  const limits = { ...PATIENT_REDIS, MAX_REQUESTS_PER_MINUTE: String(SMALL_LIMIT) };
  const world = useScalingWorld({
    instances: [
      { ...limits, TRUST_PROXY: undefined },
      { ...limits, TRUST_PROXY: 'true' },
    ],
  });
  let raw: RawRedis;
  let direct: ScalingApp;
  let proxied: ScalingApp;

  beforeAll(() => {
    ({
      raw,
      apps: [direct, proxied],
    } = world);
  });

  beforeEach(async () => {
    await raw.del('trendxl:rl:*');
  });

  const from = (ip: string) => ({ 'x-forwarded-for': ip });

  it('ignores spoofed X-Forwarded-For values when TRUST_PROXY is unset', async () => {
    for (let i = 0; i < SMALL_LIMIT; i++) {
      const res = expectStatus(await get(direct.url, '/', from(`198.51.100.${i + 1}`)), 200);
      expect(res.headers.get('x-ratelimit-remaining')).toBe(String(SMALL_LIMIT - 1 - i));
    }
    expectRateLimited(await get(direct.url, '/', from('198.51.100.99')));
    expectRateLimited(await get(direct.url, '/', from('203.0.113.50, 198.51.100.99')));
    expectRateLimited(await get(direct.url, '/'));
  });

  it('gives each forwarded client its own budget when TRUST_PROXY=true', async () => {
    for (let i = 0; i < SMALL_LIMIT; i++) {
      expectStatus(await get(proxied.url, '/', from('203.0.113.7')), 200);
    }
    expectRateLimited(await get(proxied.url, '/', from('203.0.113.7')));

    const other = expectStatus(await get(proxied.url, '/', from('203.0.113.8')), 200);
    expect(other.headers.get('x-ratelimit-remaining')).toBe(String(SMALL_LIMIT - 1));
    for (let i = 0; i < 3; i++) {
      expectStatus(await get(proxied.url, '/', from(`192.0.2.${i + 1}`)), 200);
    }
    // The limited client stays limited.
    expectRateLimited(await get(proxied.url, '/', from('203.0.113.7')));
  });
});
