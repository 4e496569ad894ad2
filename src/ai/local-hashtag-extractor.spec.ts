import fc from 'fast-check';
import { isGenericHashtag } from './generic-hashtags';
import { normalizeHashtag } from '../tiktok/hashtag-normalize';
import { LAST_RESORT_HASHTAGS, extractLocalHashtags } from './local-hashtag-extractor';
import { makeInput, type PostSpec } from './ai-fixtures.spec-helper';

function expectFiveValidDistinct(hashtags: string[]): void {
  expect(hashtags).toHaveLength(5);
  expect(new Set(hashtags).size).toBe(5);
  for (const tag of hashtags) expect(normalizeHashtag.pick(tag)).toBe(tag);
}

const cookingPosts: PostSpec[] = [
  { id: '101', caption: 'Sunday meal prep', hashtags: ['mealprep', 'vegan', 'fyp'] },
  { id: '102', caption: 'Tofu scramble', hashtags: ['vegan', 'breakfast', 'fyp'] },
  { id: '103', caption: 'Five lunches', hashtags: ['mealprep', 'vegan', 'lunchideas', 'viral'] },
  { id: '104', caption: 'Pasta night', hashtags: ['pasta', 'vegan', 'fyp'] },
  { id: '105', caption: 'Budget groceries', hashtags: ['budget', 'mealprep', 'foryou'] },
  { id: '106', caption: 'Curry', hashtags: ['curry', 'vegan', 'xyzbca'] },
];

describe('extractLocalHashtags', () => {
  it('ranks the creator hashtags by weighted frequency and explains each pick', () => {
    const result = extractLocalHashtags(makeInput(cookingPosts));
    expectFiveValidDistinct(result.hashtags);
    expect(result.hashtags.slice(0, 2)).toEqual(['vegan', 'mealprep']);
    expect(result.insights.map((i) => i.hashtag)).toEqual(result.hashtags);
    const vegan = result.insights[0];
    expect(vegan.reason).toBe('used in 5 of 6 posts, avg 5.3% engagement, last used 1 day ago');
    expect(vegan.evidencePostIds).toEqual(['101', '102', '103', '104', '106']);
  });

  it('is deterministic', () => {
    const input = makeInput(cookingPosts, 'Vegan chef in Brooklyn');
    expect(extractLocalHashtags(input)).toEqual(extractLocalHashtags(input));
  });

  it('does not depend on the order of the input posts', () => {
    const posts: PostSpec[] = cookingPosts.map((p, i) => ({
      ...p,
      ageDays: 1 + i * 7,
      stats: { views: 1000 + i * 977, likes: 50 + i * 31 },
    }));
    const expected = extractLocalHashtags(makeInput(posts));
    fc.assert(
      fc.property(fc.shuffledSubarray(posts, { minLength: posts.length }), (shuffled) => {
        expect(extractLocalHashtags(makeInput(shuffled))).toEqual(expected);
      }),
    );
  });

  it('counts a post listed twice only once', () => {
    const twice = [...cookingPosts, { ...cookingPosts[5], hashtags: ['curry', 'vegan'] }];
    expect(extractLocalHashtags(makeInput(twice))).toEqual(
      extractLocalHashtags(makeInput(cookingPosts)),
    );
  });

  it('demotes generic reach tags below every niche candidate, however often they are used', () => {
    const result = extractLocalHashtags(makeInput(cookingPosts));
    expect(result.hashtags.some(isGenericHashtag)).toBe(false);
    expect(result.hashtags).not.toContain('fyp');
  });

  it('uses generic tags only when nothing more specific exists, and says so', () => {
    const result = extractLocalHashtags(
      makeInput([
        { id: '1', hashtags: ['fyp', 'viral', 'sourdough'] },
        { id: '2', hashtags: ['fyp', 'foryou'] },
      ]),
    );
    expectFiveValidDistinct(result.hashtags);
    expect(result.hashtags).toEqual(['sourdough', 'fyp', 'foryou', 'viral', 'trending']);
    expect(result.insights[1].reason).toMatch(/^generic reach tag, kept because/);
    expect(result.insights[1].reason).toContain('used in 2 of 2 posts');
    expect(result.insights[4].reason).toMatch(/^generic reach tag: /);
  });

  it('returns exactly 5 documented generic tags when there is nothing at all', () => {
    const result = extractLocalHashtags(makeInput([]));
    expect(result.hashtags).toEqual([...LAST_RESORT_HASHTAGS]);
    for (const insight of result.insights) {
      expect(insight.reason).toContain('generic');
      expect(insight.evidencePostIds).toEqual([]);
    }
  });

  it('tops up from caption keywords, then bio words, when hashtags run out', () => {
    const result = extractLocalHashtags(
      makeInput(
        [
          { id: '1', caption: 'My sourdough starter is 100 days old! #bread', hashtags: ['bread'] },
          { id: '2', caption: 'Sourdough focaccia, this is so good', hashtags: [] },
          { id: '3', caption: 'Rye loaf with seeds @friend https://x.co/abc', hashtags: [] },
        ],
        'Home baker 🍞 | Berlin',
      ),
    );
    expectFiveValidDistinct(result.hashtags);
    expect(result.hashtags[0]).toBe('bread');
    expect(result.hashtags[1]).toBe('sourdough');
    expect(result.insights[1].reason).toMatch(/^caption keyword in 2 of 3 posts/);
    expect(result.insights[1].evidencePostIds.sort()).toEqual(['1', '2']);
    for (const tag of result.hashtags) {
      expect(['100', 'days', 'this', 'with', 'friend', 'https', 'abc', 'old']).not.toContain(tag);
    }
  });

  it('falls back to bio words, in bio order, when the posts give nothing', () => {
    const result = extractLocalHashtags(
      makeInput([{ id: '1', hashtags: ['料理'] }], 'Plant-based recipes & #fermentation, Berlin'),
    );
    expect(result.hashtags).toEqual(['fermentation', 'plant', 'based', 'recipes', 'berlin']);
    expect(result.insights[0].reason).toBe('hashtag from the profile bio');
    expect(result.insights[1].reason).toBe('keyword from the profile bio');
  });

  it('lets recent posts outweigh old ones', () => {
    const posts = (oldTag: string, newTag: string): PostSpec[] => [
      { id: '1', hashtags: [oldTag], ageDays: 200 },
      { id: '2', hashtags: [oldTag], ageDays: 210 },
      { id: '3', hashtags: [newTag], ageDays: 2 },
      { id: '4', hashtags: [newTag], ageDays: 3 },
    ];
    expect(extractLocalHashtags(makeInput(posts('aaold', 'zznew'))).hashtags[0]).toBe('zznew');
    expect(extractLocalHashtags(makeInput(posts('zzold', 'aanew'))).hashtags[0]).toBe('aanew');
  });

  it('lets higher-engagement posts outweigh lower-engagement ones', () => {
    const result = extractLocalHashtags(
      makeInput([
        { id: '1', hashtags: ['aaweak'], stats: { views: 10_000, likes: 100 } },
        { id: '2', hashtags: ['zzstrong'], stats: { views: 10_000, likes: 2_000 } },
      ]),
    );
    expect(result.hashtags.slice(0, 2)).toEqual(['zzstrong', 'aaweak']);
  });

  it('breaks exact ties alphabetically', () => {
    const result = extractLocalHashtags(
      makeInput([{ id: '1', hashtags: ['delta', 'alpha', 'charlie', 'bravo', 'echo', 'foxtrot'] }]),
    );
    expect(result.hashtags).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo']);
  });

  it('treats posts without views or dates as weak evidence rather than failing', () => {
    const input = makeInput([
      { id: '1', hashtags: ['knitting'], stats: { views: 0, likes: 0 } },
      { id: '2', hashtags: ['crochet'], stats: { views: 0, likes: 3 } },
    ]);
    input.posts[0].createTime = 0;
    const result = extractLocalHashtags(input);
    expect(result.hashtags.slice(0, 2)).toEqual(['crochet', 'knitting']);
    expect(result.insights[1]).toEqual({
      hashtag: 'knitting',
      reason: 'used in 1 of 2 posts, avg 0.0% engagement',
      evidencePostIds: ['1'],
    });
  });

  it('always returns 5 distinct valid hashtags, whatever the input', () => {
    const tag = fc.string({ maxLength: 12 });
    const post = fc.record({
      id: fc.stringMatching(/^[0-9]{1,4}$/),
      caption: fc.string({ maxLength: 60 }),
      hashtags: fc.array(tag, { maxLength: 6 }),
      ageDays: fc.integer({ min: 0, max: 400 }),
      stats: fc.record({ views: fc.nat(1e6), likes: fc.nat(1e5) }),
    });
    fc.assert(
      fc.property(fc.array(post, { maxLength: 12 }), fc.string({ maxLength: 40 }), (posts, bio) => {
        const result = extractLocalHashtags(makeInput(posts, bio));
        expectFiveValidDistinct(result.hashtags);
        expect(result.insights).toHaveLength(5);
      }),
    );
  });
});
