import { backoffDelay, parseRetryAfter, withRetry } from './retry';

const policy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1000, budgetMs: 10_000 };

describe('withRetry', () => {
  it('retries retryable errors up to maxRetries and rethrows the last one', async () => {
    const delays: number[] = [];
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Error(`boom ${calls}`);
        },
        () => ({ retry: true }),
        policy,
        { sleep: async (ms) => void delays.push(ms), random: () => 1 },
      ),
    ).rejects.toThrow('boom 4');
    expect(calls).toBe(4);
    expect(delays).toEqual([100, 200, 400]);
  });

  it('does not retry final errors', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Error('final');
        },
        () => ({ retry: false }),
        policy,
        { sleep: async () => undefined },
      ),
    ).rejects.toThrow('final');
    expect(calls).toBe(1);
  });

  it('honours a server-requested delay, capped by maxDelayMs', async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        if (++calls < 3) throw new Error('429');
        return 'ok';
      },
      () => ({ retry: true, retryAfterMs: calls === 1 ? 2500 : 50 }),
      policy,
      { sleep: async (ms) => void delays.push(ms) },
    );
    expect(result).toBe('ok');
    expect(delays).toEqual([1000, 50]);
  });

  it('stops when the next wait would exceed the time budget', async () => {
    let clock = 0;
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Error('slow');
        },
        () => ({ retry: true }),
        { ...policy, budgetMs: 250 },
        {
          now: () => clock,
          sleep: async (ms) => void (clock += ms),
          random: () => 1,
        },
      ),
    ).rejects.toThrow('slow');
    // 100 fits (total 100), 200 would make 300 > 250.
    expect(calls).toBe(2);
  });
});

describe('backoffDelay', () => {
  it('stays within [ceiling/2, ceiling] and is capped', () => {
    for (let attempt = 0; attempt < 8; attempt++) {
      const ceiling = Math.min(1000, 100 * 2 ** attempt);
      expect(backoffDelay(attempt, policy, () => 0)).toBe(ceiling / 2);
      expect(backoffDelay(attempt, policy, () => 1)).toBe(ceiling);
    }
  });

  it('grows exponentially, is capped and always a number, however many attempts (reconnects)', () => {
    const reconnect = { baseDelayMs: 100, maxDelayMs: 5_000 };
    expect(backoffDelay(0, reconnect, () => 0)).toBe(50);
    expect(backoffDelay(0, reconnect, () => 1)).toBe(100);
    expect(backoffDelay(3, reconnect, () => 1)).toBe(800);
    expect(backoffDelay(10, reconnect, () => 1)).toBe(5_000);
    expect(backoffDelay(10_000, reconnect, () => 0.5)).toBe(3_750);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.5')).toBe(500);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('ignores negative, garbage and past values, so backoff applies instead', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    for (const value of ['-5', -5, '-0.5', '1e3', 'NaN', '', '5s', '1 2', 'Infinity']) {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    }
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBeUndefined();
    expect(parseRetryAfter('2025-12-31', now)).toBeUndefined();
  });

  it('falls back to backoff in withRetry when Retry-After is garbage', async () => {
    const delays: number[] = [];
    let calls = 0;
    await withRetry(
      () => (++calls < 2 ? Promise.reject(new Error('429')) : Promise.resolve('ok')),
      () => ({ retry: true, retryAfterMs: parseRetryAfter('-1') }),
      policy,
      { sleep: (ms) => (delays.push(ms), Promise.resolve()), random: () => 1 },
    );
    expect(delays).toEqual([100]);
  });
});
