import { CircuitBreaker, CircuitOpenError } from './circuit-breaker';

class Transient extends Error {}

const fail = () => Promise.reject(new Transient('down'));
const ok = () => Promise.resolve('ok');

async function outcome(breaker: CircuitBreaker, fn: () => Promise<string>): Promise<string> {
  try {
    return await breaker.execute(fn);
  } catch (error) {
    return error instanceof CircuitOpenError ? 'fast-fail' : 'failed';
  }
}

describe('CircuitBreaker', () => {
  beforeEach(() => jest.useFakeTimers({ now: Date.parse('2026-12-02T12:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  function breaker(): CircuitBreaker {
    return new CircuitBreaker('dep', {
      threshold: 3,
      cooldownMs: 1000,
      isFailure: (e) => e instanceof Transient,
    });
  }

  it('opens after `threshold` consecutive failures and then fails fast without calling', async () => {
    const b = breaker();
    const calls = jest.fn(fail);
    for (let i = 0; i < 3; i++) expect(await outcome(b, calls)).toBe('failed');
    expect(b.state).toBe('open');
    expect(b.allowsCalls).toBe(false);
    expect(await outcome(b, calls)).toBe('fast-fail');
    expect(calls).toHaveBeenCalledTimes(3);
    expect(b.retryAfterMs()).toBe(1000);
  });

  it('a success resets the consecutive count', async () => {
    const b = breaker();
    await outcome(b, fail);
    await outcome(b, fail);
    await outcome(b, ok);
    await outcome(b, fail);
    await outcome(b, fail);
    expect(b.state).toBe('closed');
  });

  it('ignores errors that are not failures of the dependency', async () => {
    const b = breaker();
    for (let i = 0; i < 5; i++) {
      await expect(b.execute(() => Promise.reject(new Error('not found')))).rejects.toThrow();
    }
    expect(b.state).toBe('closed');
  });

  it('after the cool-down lets one probe through: success closes, failure re-opens', async () => {
    const b = breaker();
    for (let i = 0; i < 3; i++) await outcome(b, fail);
    jest.advanceTimersByTime(1000);
    expect(b.state).toBe('half_open');
    expect(await outcome(b, fail)).toBe('failed');
    expect(b.state).toBe('open');
    jest.advanceTimersByTime(1000);
    expect(await outcome(b, ok)).toBe('ok');
    expect(b.state).toBe('closed');
  });

  it('fails fast for calls arriving while the probe is still running', async () => {
    const b = breaker();
    for (let i = 0; i < 3; i++) await outcome(b, fail);
    jest.advanceTimersByTime(1000);
    let release: (v: string) => void = () => undefined;
    const probe = b.execute(() => new Promise<string>((r) => (release = r)));
    const during = jest.fn(ok);
    expect(await outcome(b, during)).toBe('fast-fail');
    expect(during).not.toHaveBeenCalled();
    release('ok');
    await expect(probe).resolves.toBe('ok');
    expect(b.state).toBe('closed');
  });

  it('summarises the recent calls for health', async () => {
    const b = breaker();
    await outcome(b, ok);
    await outcome(b, fail);
    await outcome(b, fail);
    expect(b.snapshot().recent).toEqual({
      calls: 3,
      failures: 2,
      failureRatio: 0.67,
      failing: true,
    });
  });
});
