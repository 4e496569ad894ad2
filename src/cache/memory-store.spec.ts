import { MemoryStore } from './memory-store';

describe('MemoryStore', () => {
  it('evicts the least recently used entry beyond its bound', () => {
    const store = new MemoryStore(2);
    store.set('a', 1);
    store.set('b', 2);
    expect(store.get('a')).toBe(1);
    store.set('c', 3);
    expect([...store.keys()].sort()).toEqual(['a', 'c']);
  });

  it('prunes entries whose Keyv expiry has passed, serialised or not', () => {
    const store = new MemoryStore();
    store.set('old', JSON.stringify({ value: 1, expires: 1_000 }));
    store.set('live', JSON.stringify({ value: 2, expires: 5_000 }));
    store.set('forever', JSON.stringify({ value: 3 }));
    store.set('object', { value: 4, expires: 1_500 });
    store.set('opaque', 'not json');
    store.prune(2_000);
    expect([...store.keys()].sort()).toEqual(['forever', 'live', 'opaque']);
  });
});
