import { isGenericHashtag } from './generic-hashtags';

describe('isGenericHashtag', () => {
  it.each([
    'fyp',
    '#FYP',
    'fypシ',
    'fyppppp',
    'fyp2025',
    'foryou',
    'ForYouPage',
    '4u',
    'foryoupage_',
    'viral',
    'trending',
    'tiktok',
    'explore',
    'xyzbca',
    'duet',
    '＃ｆｙｐ',
  ])('treats %j as a generic reach tag', (tag) => {
    expect(isGenericHashtag(tag)).toBe(true);
  });

  it.each([
    'forum',
    'fourth',
    'veganmealprep',
    'viralrecipe',
    'tiktokfood',
    'fy_style',
    'exploring',
  ])('treats %j as specific', (tag) => {
    expect(isGenericHashtag(tag)).toBe(false);
  });
});
