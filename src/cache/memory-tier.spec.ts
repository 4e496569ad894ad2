import { MemoryTier } from './memory-tier';

describe('MemoryTier', () => {
  it('evicts the least recently used entry beyond its entry bound', () => {
    const tier = new MemoryTier({ maxEntries: 2, maxBytes: 1_000_000 });
    tier.set('a', '1');
    tier.set('b', '2');
    expect(tier.get('a')).toBe('1');
    tier.set('c', '3');
    expect(tier.keys().sort()).toEqual(['a', 'c']);
  });

  it('evicts by size so the tier never holds more bytes than allowed', () => {
    const tier = new MemoryTier({ maxEntries: 100, maxBytes: 100 });
    tier.set('k1', 'x'.repeat(40));
    tier.set('k2', 'x'.repeat(40));
    tier.set('k3', 'x'.repeat(40));
    expect(tier.bytes).toBeLessThanOrEqual(100);
    expect(tier.keys().sort()).toEqual(['k2', 'k3']);
    // An entry larger than the whole tier is simply not kept.
    tier.set('huge', 'x'.repeat(500));
    expect(tier.has('huge')).toBe(false);
  });

  it('drops an entry at its TTL', async () => {
    const tier = new MemoryTier({ maxEntries: 10, maxBytes: 10_000 });
    tier.set('short', 'v', 20);
    tier.set('forever', 'v');
    await new Promise((r) => setTimeout(r, 40));
    expect(tier.get('short')).toBeUndefined();
    expect(tier.keys()).toEqual(['forever']);
  });

  it('deletes by glob', () => {
    const tier = new MemoryTier({ maxEntries: 10, maxBytes: 10_000 });
    for (const key of ['trendxl:v2:profile:a', 'trendxl:v2:profile:b', 'trendxl:v2:posts:a']) {
      tier.set(key, 'v');
    }
    expect(tier.deleteMatching('trendxl:v2:profile:*')).toBe(2);
    expect(tier.keys()).toEqual(['trendxl:v2:posts:a']);
  });
});
