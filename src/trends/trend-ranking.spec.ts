import fc from 'fast-check';
import {
  DAY_S,
  NOW,
  OWN,
  RUNS,
  type Scenario,
  countOccurrences,
  dropTotal,
  makePost,
  scenarioArb,
  shuffleFound,
} from './trend-arbitraries.spec-helper';
import type { HashtagPosts } from './trend-candidates';
import {
  type RankTrendsInput,
  type RankedTrend,
  applyAuthorCap,
  authorKey,
  compareRankedTrends,
  rankTrends,
} from './trend-ranking';
import { scoreTrend } from './trend-score';

const base = {
  ownUsername: OWN.username,
  ownUserId: OWN.userId,
  now: NOW,
  windowDays: 7,
  minViews: 1000,
  maxPerAuthor: 2,
  maxResults: 50,
};

function rank(found: HashtagPosts[], overrides: Partial<typeof base> = {}) {
  return rankTrends({ ...base, ...overrides, found });
}

const ids = (trends: RankedTrend[]) => trends.map((t) => t.post.id);

describe('rankTrends', () => {
  it('sorts by score and carries the breakdown', () => {
    const slow = makePost({ id: 'slow', views: 2000, ageHours: 100, username: 'a' });
    const fast = makePost({ id: 'fast', views: 500_000, ageHours: 5, username: 'b' });
    const { trends, dropped } = rank([{ hashtag: 'food', posts: [slow, fast] }]);
    expect(ids(trends)).toEqual(['fast', 'slow']);
    expect(trends[0].score).toBeGreaterThan(trends[1].score);
    expect(trends[0]).toMatchObject({
      matchedHashtags: ['food'],
      breakdown: { views_per_hour: 100_000, age_hours: 5 },
    });
    expect(trends[0].breakdown).toEqual(scoreTrend(fast, NOW).breakdown);
    expect(trends[0].score).toBe(scoreTrend(fast, NOW).score);
    expect(dropped.author_cap).toBe(0);
  });

  it('breaks score ties by views, then by id', () => {
    const cmp = (score: number, views: number, id: string) => ({
      score,
      post: makePost({ id, views }),
    });
    const sorted = [cmp(10, 5, 'b'), cmp(10, 5, 'a'), cmp(10, 9, 'z'), cmp(11, 1, 'y')].sort(
      compareRankedTrends,
    );
    expect(sorted.map((t) => t.post.id)).toEqual(['y', 'z', 'a', 'b']);
  });

  it('keeps at most two videos per author: the best-scored ones', () => {
    const posts = [10_000, 400_000, 50_000, 2_000_000].map((views, i) =>
      makePost({ id: `m${i}`, views, username: 'maya', userId: 'uid-maya' }),
    );
    const other = makePost({ id: 'o1', username: 'other', views: 1500 });
    const { trends, dropped } = rank([{ hashtag: 'food', posts: [...posts, other] }]);
    expect(ids(trends)).toEqual(['m3', 'm1', 'o1']);
    expect(dropped.author_cap).toBe(2);
  });

  it('matches authors by user id across username changes and by username without an id', () => {
    const a = makePost({ id: 'a', userId: 'uid-1', username: 'old' });
    const b = makePost({ id: 'b', userId: 'uid-1', username: 'new' });
    const c = makePost({ id: 'c', userId: '', username: 'Anon' });
    const d = makePost({ id: 'd', userId: ' ', username: 'anon' });
    expect(authorKey(a)).toBe(authorKey(b));
    expect(authorKey(c)).toBe(authorKey(d));
    const { kept, capped } = applyAuthorCap(
      [{ post: a }, { post: b }, { post: c }, { post: d }],
      1,
    );
    expect(kept.map((t) => t.post.id)).toEqual(['a', 'c']);
    expect(capped).toBe(2);
  });

  it('truncates to maxResults without counting a drop', () => {
    const posts = ['a', 'b', 'c', 'd'].map((id) => makePost({ id, username: id }));
    const { trends, dropped } = rank([{ hashtag: 'food', posts }], { maxResults: 2 });
    expect(trends).toHaveLength(2);
    expect(rank([{ hashtag: 'food', posts }], { maxResults: 10 }).trends).toHaveLength(4);
    expect(dropTotal(dropped)).toBe(0);
  });

  it('merges drops from filtering with the author cap', () => {
    const { dropped } = rank([
      {
        hashtag: 'food',
        posts: [
          makePost({ id: 'ad', isAd: true }),
          makePost({ id: 'low', views: 10 }),
          makePost({ id: 'x1', username: 'x' }),
          makePost({ id: 'x2', username: 'x' }),
          makePost({ id: 'x3', username: 'x' }),
        ],
      },
      { hashtag: 'cooking', posts: [makePost({ id: 'x1', username: 'x' })] },
    ]);
    expect(dropped).toEqual({
      too_old: 0,
      low_views: 1,
      duplicate: 1,
      own_video: 0,
      ad: 1,
      author_cap: 1,
    });
  });
});

describe('rankTrends properties', () => {
  const capArb = fc.integer({ min: 1, max: 3 });
  const run = (s: Scenario, maxPerAuthor: number, found: HashtagPosts[] = s.found) =>
    rankTrends({ ...s, found, maxPerAuthor, maxResults: 1000 } satisfies RankTrendsInput);

  it('the author cap holds and keeps each author’s best videos', () => {
    fc.assert(
      fc.property(scenarioArb, capArb, (s, cap) => {
        const { trends } = run(s, cap);
        const perAuthor = new Map<string, RankedTrend[]>();
        for (const t of trends) {
          const list = perAuthor.get(authorKey(t.post)) ?? [];
          list.push(t);
          perAuthor.set(authorKey(t.post), list);
        }
        for (const list of perAuthor.values()) expect(list.length).toBeLessThanOrEqual(cap);

        const uncapped = run(s, Infinity).trends;
        for (const t of uncapped) {
          const kept = perAuthor.get(authorKey(t.post)) ?? [];
          if (kept.some((k) => k.post.id === t.post.id)) continue;
          // A capped video ranks behind every kept video of its author, and the author is full.
          expect(kept).toHaveLength(cap);
          for (const k of kept) expect(compareRankedTrends(k, t)).toBeLessThan(0);
        }
      }),
      RUNS,
    );
  });

  it('does not depend on input order', () => {
    fc.assert(
      fc.property(scenarioArb, capArb, fc.integer(), (s, cap, seed) => {
        expect(run(s, cap, shuffleFound(s.found, seed))).toEqual(run(s, cap));
      }),
      RUNS,
    );
  });

  it('is sorted, finite, inside the window and accounts for every occurrence', () => {
    fc.assert(
      fc.property(scenarioArb, capArb, (s, cap) => {
        const { trends, dropped } = run(s, cap);
        for (let i = 1; i < trends.length; i++) {
          expect(compareRankedTrends(trends[i - 1], trends[i])).toBeLessThan(0);
        }
        for (const t of trends) {
          expect(Number.isFinite(t.score)).toBe(true);
          expect(t.score).toBe(scoreTrend(t.post, s.now).score);
          expect(t.post.createTime * 1000).toBeGreaterThanOrEqual(
            s.now - s.windowDays * DAY_S * 1000,
          );
        }
        expect(dropTotal(dropped) + trends.length).toBe(countOccurrences(s.found));
      }),
      RUNS,
    );
  });

  it('truncation keeps the top of the full ranking', () => {
    fc.assert(
      fc.property(scenarioArb, capArb, fc.nat(6), (s, cap, maxResults) => {
        const full = run(s, cap);
        const cut = rankTrends({ ...s, maxPerAuthor: cap, maxResults });
        expect(cut.trends).toEqual(full.trends.slice(0, maxResults));
        expect(cut.dropped).toEqual(full.dropped);
      }),
      RUNS,
    );
  });
});
