import { cacheKey } from './cache-key';

describe('cacheKey', () => {
  it('builds namespaced, lower-cased keys', () => {
    expect(cacheKey('profile', 'ChefMaya')).toBe('trendxl:v2:profile:chefmaya');
  });

  it('orders parameters stably and skips empty ones', () => {
    const a = cacheKey('posts', 'maya', { count: 20, cursor: undefined, depth: 2 });
    const b = cacheKey('posts', 'maya', { depth: 2, count: 20, cursor: '' });
    expect(a).toBe(b);
    expect(a).toBe('trendxl:v2:posts:maya:count=20:depth=2');
  });

  it('escapes separators inside values', () => {
    expect(cacheKey('users', 'a:b c')).toBe('trendxl:v2:users:a%3Ab%20c');
  });
});
