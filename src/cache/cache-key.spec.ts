import { cacheKey } from './cache-key';

describe('cacheKey', () => {
  it('builds namespaced, lower-cased keys', () => {
    expect(cacheKey({ kind: 'profile', id: 'ChefMaya' })).toBe('trendxl:v2:profile:chefmaya');
  });

  it('orders parameters stably and skips empty ones', () => {
    const a = cacheKey({
      kind: 'posts',
      id: 'maya',
      params: { count: 20, cursor: undefined, depth: 2 },
    });
    const b = cacheKey({ kind: 'posts', id: 'maya', params: { depth: 2, count: 20, cursor: '' } });
    expect(a).toBe(b);
    expect(a).toBe('trendxl:v2:posts:maya:count=20:depth=2');
  });

  it('escapes separators inside values', () => {
    expect(cacheKey({ kind: 'users', id: 'a:b c' })).toBe('trendxl:v2:users:a%3Ab%20c');
  });
});
