import { firstSeenAt, newSinceLastCheck } from './new-since-last-check';

describe('newSinceLastCheck', () => {
  it('marks videos absent from the previous analysis as new and the others as not new', () => {
    const marks = newSinceLastCheck(['a', 'b', 'c'], { trendIds: ['b', 'z'] });
    expect([...marks]).toEqual([
      ['a', true],
      ['b', false],
      ['c', true],
    ]);
  });

  it('says null for every video when there is no previous analysis or it is unknown', () => {
    expect([...newSinceLastCheck(['a', 'b'], null).values()]).toEqual([null, null]);
    expect([...newSinceLastCheck(['a'], undefined).values()]).toEqual([null]);
  });

  it('treats an empty previous analysis as a real one: everything is new', () => {
    expect([...newSinceLastCheck(['a', 'b'], { trendIds: [] }).values()]).toEqual([true, true]);
  });
});

describe('firstSeenAt', () => {
  const now = Date.UTC(2026, 11, 2, 12);

  it('uses the earliest stored observation, or now for a video seen for the first time', () => {
    const earlier = now - 3_600_000;
    const seen = firstSeenAt(['old', 'fresh'], new Map([['old', earlier]]), now);
    expect(seen.get('old')).toBe(earlier);
    expect(seen.get('fresh')).toBe(now);
  });

  it('never reports a first sighting after now, and null when the memory is unavailable', () => {
    expect(firstSeenAt(['x'], new Map([['x', now + 5000]]), now).get('x')).toBe(now);
    expect(firstSeenAt(['x'], undefined, now).get('x')).toBeNull();
  });
});
