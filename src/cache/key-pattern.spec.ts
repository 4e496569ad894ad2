import { clearPattern, CLEAR_PATTERN_RE, globToRegExp, kindOfKey } from './key-pattern';

describe('clearPattern', () => {
  it('defaults to everything under the prefix', () => {
    expect(clearPattern()).toBe('trendxl:v2:*');
    expect(clearPattern(undefined, '*')).toBe('trendxl:v2:*');
  });

  it('narrows by kind, and takes a pattern relative to the kind', () => {
    expect(clearPattern('profile')).toBe('trendxl:v2:profile:*');
    expect(clearPattern('posts', 'maya*')).toBe('trendxl:v2:posts:maya*');
  });

  it('accepts the full form without doubling the prefix', () => {
    expect(clearPattern(undefined, 'trendxl:v2:hashtag:*')).toBe('trendxl:v2:hashtag:*');
    expect(clearPattern(undefined, 'trendxl:v2:')).toBe('trendxl:v2:*');
  });

  it('keeps any other pattern inside the prefix', () => {
    expect(clearPattern(undefined, 'other-app:*')).toBe('trendxl:v2:other-app:*');
  });
});

describe('CLEAR_PATTERN_RE', () => {
  it.each(['*', 'profile:*', 'trendxl:v2:posts:maya:count=20', 'a?c', 'x%3Ay'])('allows %s', (p) =>
    expect(CLEAR_PATTERN_RE.test(p)).toBe(true),
  );
  it.each(['', '[a]*', 'a\\*', 'a b', 'x'.repeat(201), 'ä'])('refuses %j', (p) =>
    expect(CLEAR_PATTERN_RE.test(p)).toBe(false),
  );
});

describe('globToRegExp', () => {
  it('matches like Redis MATCH for * and ?', () => {
    const re = globToRegExp('trendxl:v2:profile:ma?a*');
    expect(re.test('trendxl:v2:profile:maya')).toBe(true);
    expect(re.test('trendxl:v2:profile:mama:count=2')).toBe(true);
    expect(re.test('trendxl:v2:profile:mya')).toBe(false);
    expect(re.test('xtrendxl:v2:profile:maya')).toBe(false);
  });

  it('treats regex metacharacters literally', () => {
    const re = globToRegExp('trendxl:v2:users:a.b+c');
    expect(re.test('trendxl:v2:users:a.b+c')).toBe(true);
    expect(re.test('trendxl:v2:users:aXbbc')).toBe(false);
  });
});

describe('kindOfKey', () => {
  it('reads the kind segment of namespaced keys only', () => {
    expect(kindOfKey('trendxl:v2:analysis:maya:count=5')).toBe('analysis');
    expect(kindOfKey('trendxl:v2:sessions:1')).toBeUndefined();
    expect(kindOfKey('trendxl:lock:trendxl:v2:profile:maya')).toBeUndefined();
  });
});
