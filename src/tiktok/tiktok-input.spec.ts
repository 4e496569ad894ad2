import { normalizeQuery, normalizeUsername } from './tiktok-input';

describe('normalizeUsername', () => {
  it.each([
    ['chef.maya', 'chef.maya'],
    ['@Chef_Maya', 'chef_maya'],
    ['  @chef_maya  ', 'chef_maya'],
    ['https://www.tiktok.com/@chef_maya', 'chef_maya'],
    ['https://www.tiktok.com/@chef_maya/', 'chef_maya'],
    ['https://www.tiktok.com/@chef_maya?lang=en', 'chef_maya'],
    ['https://www.tiktok.com/@chef_maya/video/7301234567890123456', 'chef_maya'],
    ['www.tiktok.com/@chef_maya', 'chef_maya'],
    ['http://m.tiktok.com/@chef_maya', 'chef_maya'],
  ])('accepts %s', (input, expected) => {
    expect(normalizeUsername(input)).toBe(expected);
  });

  it.each([
    '',
    '   ',
    '@',
    'a',
    'has space',
    'semi;colon',
    'x'.repeat(25),
    'ends.',
    'https://evil.com/@chef_maya',
    'https://www.tiktok.com.evil.com/@chef_maya',
    'https://www.tiktok.com/chef_maya',
    'https://www.tiktok.com/',
    '<script>',
    '../etc/passwd',
    'chef\u0000maya',
  ])('rejects %p', (input) => {
    expect(normalizeUsername(input)).toBeNull();
  });

  it('rejects non-strings', () => {
    expect(normalizeUsername(42)).toBeNull();
    expect(normalizeUsername(null)).toBeNull();
    expect(normalizeUsername({ username: 'a' })).toBeNull();
  });
});

describe('normalizeQuery', () => {
  it('trims and collapses whitespace', () => {
    expect(normalizeQuery('  home   cooking ')).toBe('home cooking');
  });

  it('rejects empty, over-long and control characters', () => {
    expect(normalizeQuery('   ')).toBeNull();
    expect(normalizeQuery('x'.repeat(101))).toBeNull();
    expect(normalizeQuery('a\u0007b')).toBeNull();
    expect(normalizeQuery(5)).toBeNull();
  });
});
