import {
  FIXTURE_USERS,
  fixtureCorpus,
  type FixtureCorpus,
  type FixturePost,
  type FixtureUser,
} from '../../fakes/ensemble-fixtures';

/**
 * The default fixture corpus plus what the default lacks to exercise every /analyze filter at
 * once: an author with three recent #pasta videos (one must fall to the 2-per-author cap) and an
 * author whose #pasta videos sit exactly on and just above the 1000-view threshold.
 */

const HOUR = 3600;

const extraUser = (u: Omit<FixtureUser, 'secUid'>): FixtureUser => ({
  ...u,
  secUid: `MS4wLjABAAAA${u.uniqueId}${u.uid.slice(-6)}`,
});

export const EXTRA_USERS = {
  pastalab: extraUser({
    uid: '7456789012345678901',
    uniqueId: 'pastalab',
    nickname: 'Pasta Lab',
    signature: 'Noodles, daily',
    region: 'IT',
    followers: 640_000,
    following: 12,
    likes: 9_800_000,
    videos: 3,
    verified: false,
    isPrivate: false,
  }),
  noodlenerd: extraUser({
    uid: '7567890123456789012',
    uniqueId: 'noodlenerd',
    nickname: 'Noodle Nerd',
    signature: 'Small kitchen, big bowls',
    region: 'US',
    followers: 2_400,
    following: 150,
    likes: 9_000,
    videos: 2,
    verified: false,
    isPrivate: false,
  }),
} as const satisfies Record<string, FixtureUser>;

/** The analysed creator of the live specs (12 posts, one pinned, bio and captions known). */
export const CREATOR = FIXTURE_USERS.chefmaya;

/**
 * Picks whose searches, against analyzeCorpus(), hit every filter: own videos, the ad, low views
 * (two default posts plus the 1000-view boundary), duplicates across hashtags, the author cap, and
 * — through `smoker`, whose only video is 8 days old so keyword search (period 7) finds nothing
 * and the hashtag feed is asked instead — a video too old to keep.
 */
export const FILTER_PICKS = ['pasta', 'recipe', 'vegan', 'foodtok', 'smoker'] as const;

/** What rankTrends must report for FILTER_PICKS (every occurrence counted once; see the spec). */
export const FILTER_PICKS_DROPPED = {
  too_old: 1,
  low_views: 3,
  duplicate: 8,
  own_video: 7,
  ad: 1,
  author_cap: 1,
};

/** Videos that survive every filter for FILTER_PICKS: 6 kept of 7 eligible (author cap). */
export const FILTER_PICKS_KEPT = 6;

/** Picks whose keyword searches all find videos: no hashtag-feed fallback, 2 + 5 calls. */
export const DIRECT_PICKS = ['pasta', 'recipe', 'vegan', 'foodtok', 'easyrecipe'] as const;

export function analyzeCorpus(now: number = Date.now()): FixtureCorpus {
  const base = fixtureCorpus(now);
  const t = Math.floor(now / 1000);
  const U = EXTRA_USERS;
  const extra: FixturePost[] = [
    {
      id: '7400000000000000601',
      author: U.pastalab,
      desc: 'Cacio e pepe in 10 minutes #pasta #italianfood',
      createTime: t - 10 * HOUR,
      views: 900_000,
      likes: 120_000,
      comments: 2_100,
      shares: 8_000,
      collects: 30_000,
    },
    {
      id: '7400000000000000602',
      author: U.pastalab,
      desc: 'Fresh pappardelle by hand #pasta #homemade',
      createTime: t - 30 * HOUR,
      views: 600_000,
      likes: 70_000,
      comments: 1_300,
      shares: 4_200,
      collects: 19_000,
    },
    {
      id: '7400000000000000603',
      author: U.pastalab,
      desc: 'Which shape holds sauce best? #pasta',
      createTime: t - 50 * HOUR,
      views: 45_000,
      likes: 2_000,
      comments: 90,
      shares: 40,
      collects: 300,
    },
    {
      id: '7400000000000000701',
      author: U.noodlenerd,
      // Exactly the threshold: a trend needs strictly more than 1000 views.
      desc: 'Butter noodles at 2am #pasta #latenight',
      createTime: t - 20 * HOUR,
      views: 1_000,
      likes: 80,
      comments: 4,
      shares: 1,
      collects: 3,
    },
    {
      id: '7400000000000000702',
      author: U.noodlenerd,
      desc: 'Brown butter sage ravioli #pasta #dinner',
      createTime: t - 26 * HOUR,
      views: 1_001,
      likes: 90,
      comments: 6,
      shares: 2,
      collects: 5,
    },
  ];
  return {
    now: base.now,
    users: [...base.users, ...Object.values(U)],
    posts: [...base.posts, ...extra],
  };
}
