import { bounded } from './bounded';

describe('bounded', () => {
  it('passes a value through', async () => {
    expect(await bounded(Promise.resolve(7), 1_000)).toEqual({ ok: true, value: 7 });
  });

  it('turns a rejection into a value', async () => {
    const error = new Error('boom');
    expect(await bounded(Promise.reject(error), 1_000)).toEqual({
      ok: false,
      reason: 'error',
      error,
    });
  });

  it('gives up on a promise that never settles', async () => {
    expect(await bounded(new Promise<never>(() => undefined), 10)).toEqual({
      ok: false,
      reason: 'timeout',
    });
  });

  it('leaves no unhandled rejection when the loser rejects after the timeout', async () => {
    const seen: unknown[] = [];
    const listener = (reason: unknown) => seen.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const late = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('late')), 30),
      );
      expect((await bounded(late, 5)).ok).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(seen).toEqual([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });
});
