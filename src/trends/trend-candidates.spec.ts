import fc from 'fast-check';
import {
  DAY_S,
  NOW,
  NOW_S,
  OWN,
  RUNS,
  type Scenario,
  countOccurrences,
  dropTotal,
  makePost,
  scenarioArb,
  shuffleFound,
  withStats,
} from './trend-arbitraries.spec-helper';
import {
  type DropCounts,
  type HashtagPosts,
  type SelectTrendCandidatesInput,
  type TrendCandidate,
  emptyDropCounts,
  selectTrendCandidates,
} from './trend-candidates';

const base: Omit<SelectTrendCandidatesInput, 'found'> = {
  ownUsername: OWN.username,
  ownUserId: OWN.userId,
  now: NOW,
  windowDays: 7,
  minViews: 1000,
};

function select(
  found: HashtagPosts[],
  overrides: Partial<Omit<SelectTrendCandidatesInput, 'found'>> = {},
) {
  return selectTrendCandidates({ ...base, ...overrides, found });
}

function drops(partial: Partial<DropCounts>): DropCounts {
  return { ...emptyDropCounts(), ...partial };
}

describe('selectTrendCandidates', () => {
  it('merges a video found under three hashtags into one candidate with sorted tags', () => {
    const v = makePost({ id: 'v1' });
    const { candidates, dropped } = select([
      { hashtag: 'recipes', posts: [v] },
      { hashtag: '#Food', posts: [v] },
      { hashtag: 'cooking', posts: [v, makePost({ id: 'v2' })] },
    ]);
    expect(candidates.map((c) => c.post.id)).toEqual(['v1', 'v2']);
    expect(candidates[0].matchedHashtags).toEqual(['cooking', 'food', 'recipes']);
    expect(candidates[1].matchedHashtags).toEqual(['cooking']);
    expect(dropped).toEqual(drops({ duplicate: 2 }));
  });

  it('counts a repeat inside the same hashtag list as a duplicate without repeating the tag', () => {
    const v = makePost({ id: 'v1' });
    const { candidates, dropped } = select([{ hashtag: 'food', posts: [v, v] }]);
    expect(candidates).toHaveLength(1);
    expect(candidates[0].matchedHashtags).toEqual(['food']);
    expect(dropped.duplicate).toBe(1);
  });

  it('keeps the snapshot with the larger counters whichever came first', () => {
    const older = makePost({ id: 'v1', views: 5000, likes: 100 });
    const newer = withStats(older, { views: 5200, likes: 90 });
    for (const order of [
      [older, newer],
      [newer, older],
    ]) {
      const { candidates } = select([
        { hashtag: 'a', posts: [order[0]] },
        { hashtag: 'b', posts: [order[1]] },
      ]);
      expect(candidates[0].post.stats.views).toBe(5200);
    }
  });

  it('drops ads and the creator’s own videos by username (any case, with @) or user id', () => {
    const { candidates, dropped } = select([
      {
        hashtag: 'food',
        posts: [
          makePost({ id: 'ad', isAd: true }),
          makePost({ id: 'own1', username: 'MECREATOR', userId: 'x' }),
          makePost({ id: 'own2', username: '@mecreator', userId: 'y' }),
          makePost({ id: 'own3', username: 'renamed', userId: OWN.userId }),
          makePost({ id: 'ok', username: 'mecreator2' }),
        ],
      },
    ]);
    expect(candidates.map((c) => c.post.id)).toEqual(['ok']);
    expect(dropped).toEqual(drops({ ad: 1, own_video: 3 }));
  });

  it('does not treat an empty own username as matching authors without a username', () => {
    const { candidates } = select(
      [{ hashtag: 'food', posts: [makePost({ username: '', userId: 'uid-z' })] }],
      { ownUsername: '', ownUserId: '' },
    );
    expect(candidates).toHaveLength(1);
  });

  it('keeps exactly-7-day-old videos and drops one second older', () => {
    const { candidates, dropped } = select([
      {
        hashtag: 'food',
        posts: [
          makePost({ id: 'edge', createTime: NOW_S - 7 * DAY_S }),
          makePost({ id: 'old', createTime: NOW_S - 7 * DAY_S - 1 }),
          makePost({ id: 'nan', createTime: Number.NaN }),
        ],
      },
    ]);
    expect(candidates.map((c) => c.post.id)).toEqual(['edge']);
    expect(dropped).toEqual(drops({ too_old: 2 }));
  });

  it('keeps videos from the future (clock skew) instead of dropping them', () => {
    const { candidates } = select([
      { hashtag: 'food', posts: [makePost({ createTime: NOW_S + 3600 })] },
    ]);
    expect(candidates).toHaveLength(1);
  });

  it('needs strictly more than minViews', () => {
    const { candidates, dropped } = select([
      {
        hashtag: 'food',
        posts: [
          makePost({ id: 'a', views: 1000 }),
          makePost({ id: 'b', views: 1001 }),
          makePost({ id: 'c', views: Number.NaN }),
          makePost({ id: 'd', views: 0 }),
        ],
      },
    ]);
    expect(candidates.map((c) => c.post.id)).toEqual(['b']);
    expect(dropped).toEqual(drops({ low_views: 3 }));
  });

  it('puts each video in the first matching bucket: duplicate → ad → own → too_old → low_views', () => {
    const ownOldAd = makePost({
      id: 'x',
      isAd: true,
      username: OWN.username,
      createTime: NOW_S - 30 * DAY_S,
      views: 3,
    });
    const ownOldLow = makePost({
      id: 'y',
      username: OWN.username,
      createTime: NOW_S - 30 * DAY_S,
      views: 3,
    });
    const oldLow = makePost({ id: 'z', createTime: NOW_S - 30 * DAY_S, views: 3 });
    const { candidates, dropped } = select([
      { hashtag: 'a', posts: [ownOldAd, ownOldLow, oldLow] },
      { hashtag: 'b', posts: [ownOldAd] },
    ]);
    expect(candidates).toEqual([]);
    expect(dropped).toEqual(drops({ duplicate: 1, ad: 1, own_video: 1, too_old: 1 }));
  });

  it('returns nothing and counts nothing for empty input', () => {
    expect(select([])).toEqual({ candidates: [], dropped: emptyDropCounts() });
    expect(select([{ hashtag: 'food', posts: [] }]).candidates).toEqual([]);
  });
});

describe('selectTrendCandidates properties', () => {
  const run = (s: Scenario, found: HashtagPosts[] = s.found) =>
    selectTrendCandidates({ ...s, found });

  it('counts every raw occurrence exactly once', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { candidates, dropped } = run(s);
        expect(dropTotal(dropped) + candidates.length).toBe(countOccurrences(s.found));
        expect(dropped.author_cap).toBe(0);
      }),
      RUNS,
    );
  });

  it('does not depend on input order', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer(), (s, seed) => {
        expect(run(s, shuffleFound(s.found, seed))).toEqual(run(s));
      }),
      RUNS,
    );
  });

  it('lets nothing older than the window, no ad, no own video and no low-view video survive', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        for (const { post } of run(s).candidates) {
          expect(post.createTime * 1000).toBeGreaterThanOrEqual(
            s.now - s.windowDays * DAY_S * 1000,
          );
          expect(post.isAd).toBe(false);
          expect(post.author.userId).not.toBe(OWN.userId);
          expect(post.stats.views).toBeGreaterThan(s.minViews);
        }
      }),
      RUNS,
    );
  });

  it('yields unique ids with non-empty, sorted, unique matched hashtags', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { candidates } = run(s);
        const ids = candidates.map((c) => c.post.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const { matchedHashtags } of candidates) {
          expect(matchedHashtags.length).toBeGreaterThan(0);
          expect(matchedHashtags).toEqual([...new Set(matchedHashtags)].sort());
        }
      }),
      RUNS,
    );
  });

  it('de-duplication is idempotent: feeding the result back changes nothing', () => {
    const asFound = (candidates: TrendCandidate[]): HashtagPosts[] =>
      candidates.flatMap((c) => c.matchedHashtags.map((hashtag) => ({ hashtag, posts: [c.post] })));
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const once = run(s).candidates;
        const twice = run(s, asFound(once));
        expect(twice.candidates).toEqual(once);
        const extraOccurrences = once.reduce((n, c) => n + c.matchedHashtags.length - 1, 0);
        expect(twice.dropped).toEqual(drops({ duplicate: extraOccurrences }));
      }),
      RUNS,
    );
  });

  it('seeing the same lists twice only adds duplicates', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const once = run(s);
        const doubled = run(s, [...s.found, ...s.found]);
        expect(doubled.candidates).toEqual(once.candidates);
        expect(doubled.dropped).toEqual({
          ...once.dropped,
          duplicate: once.dropped.duplicate + countOccurrences(s.found),
        });
      }),
      RUNS,
    );
  });
});
