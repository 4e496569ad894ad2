import { RequestContext, RequestStats } from './request-context';

describe('RequestStats cache outcome', () => {
  it('is decided by the first lookup even when nested lookups finish first', () => {
    const stats = new RequestStats();
    const outer = stats.claimCacheOutcome();
    const inner = stats.claimCacheOutcome();
    expect(outer).toBeDefined();
    expect(inner).toBeUndefined();
    outer?.('MISS');
    expect(stats.cache).toBe('MISS');
  });

  it('is scoped to the request', async () => {
    const seen = await Promise.all(
      ['HIT', 'MISS'].map((outcome) =>
        RequestContext.run(async () => {
          await new Promise((r) => setTimeout(r, outcome === 'HIT' ? 10 : 0));
          RequestContext.current()?.claimCacheOutcome()?.(outcome as 'HIT' | 'MISS');
          return RequestContext.current()?.cache;
        }),
      ),
    );
    expect(seen).toEqual(['HIT', 'MISS']);
    expect(RequestContext.current()).toBeUndefined();
  });
});
