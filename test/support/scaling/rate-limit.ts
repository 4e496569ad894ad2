import { expectStatus, get, type HttpResult, type ScalingApp } from './scaling-app';

/**
 * Exact shared counts need every limiter call to reach Redis. A call that outlives
 * REDIS_OPERATION_TIMEOUT_MS (250 ms by default, easily exceeded by a 60-request burst on a loaded
 * CI machine) is counted in the instance's memory while Redis counts it too, so Remaining repeats
 * some values and skips others. These suites test sharing, not timeouts: give Redis the longest
 * bound the schema allows.
 */
export const PATIENT_REDIS = { REDIS_OPERATION_TIMEOUT_MS: '10000' } as const;

/** The exact 429 of the issue: the envelope without details, and a Retry-After in seconds. */
export function expectRateLimited(res: HttpResult, windowSeconds = 60): void {
  expectStatus(res, 429);
  expect(res.body).toEqual({ error: 'Too many requests, slow down', code: 'RATE_LIMITED' });
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
}

/**
 * `limit` concurrent GET / requests alternating between the instances: all must pass, and the
 * X-RateLimit-Remaining values must be exactly limit-1..0, one per request, which only a
 * counter shared (and incremented atomically) across the instances can produce.
 */
export async function spendBudget(apps: ScalingApp[], limit: number): Promise<void> {
  const results = await Promise.all(
    Array.from({ length: limit }, (_, i) => get(apps[i % apps.length].url, '/')),
  );
  expect(results.map((r) => r.status)).toEqual(Array.from({ length: limit }, () => 200));
  for (const res of results) {
    expect(res.headers.get('x-ratelimit-limit')).toBe(String(limit));
    const reset = Number(res.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThan(0);
    expect(reset).toBeLessThanOrEqual(60);
  }
  const remaining = results.map((r) => Number(r.headers.get('x-ratelimit-remaining')));
  expect(remaining.sort((x, y) => x - y)).toEqual(Array.from({ length: limit }, (_, i) => i));
}
