import { SeededRandom, hashSeed } from './seeded-random';

describe('SeededRandom', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = new SeededRandom('creator:x');
    const b = new SeededRandom('creator:x');
    const c = new SeededRandom('creator:y');
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it('keeps every helper within its range', () => {
    const rng = new SeededRandom(42);
    for (let i = 0; i < 2000; i++) {
      const f = rng.next();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
      const n = rng.int(3, 5);
      expect([3, 4, 5]).toContain(n);
    }
    expect(rng.digits(19)).toMatch(/^[1-9]\d{18}$/);
    expect(rng.token(64)).toMatch(/^[A-Za-z0-9_-]{64}$/);
  });

  it('samples distinct items and never more than exist', () => {
    const rng = new SeededRandom('sample');
    const picked = rng.sample(['a', 'b', 'c', 'd'], 3);
    expect(new Set(picked).size).toBe(3);
    expect(rng.sample(['a', 'b'], 5).sort()).toEqual(['a', 'b']);
    expect(() => rng.pick([])).toThrow(RangeError);
  });

  it('hashes labels to stable 32-bit seeds', () => {
    expect(hashSeed('abc')).toBe(hashSeed('abc'));
    expect(hashSeed('abc')).not.toBe(hashSeed('abd'));
    expect(hashSeed('')).toBe(0x811c9dc5);
  });
});
