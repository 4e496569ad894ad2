import type {
  HashtagSearchResponseDto,
  PostDto,
  PostsResponseDto,
  UserSearchResponseDto,
} from '../../src/tiktok/dto/tiktok.response.dto';
import { APP_VERSION } from '../../src/version';
import {
  FIXTURE_USERS,
  fixtureCorpus,
  photoCoverUrl,
  type FixtureCorpus,
  type FixturePost,
  type FixtureUser,
} from '../fakes/ensemble-fixtures';
import {
  expectedPost,
  expectedProfile,
  expectedUserSummary,
  postsInFeedOrder,
} from '../support/tiktok/expected-dto';
import { getPath, postJson } from '../support/http';
import { startLiveApp, type LiveApp } from '../support/tiktok/live-app';

/**
 * The four TikTok endpoints, /health and / in live mode against the loopback fake Ensemble:
 * every mapped field is compared with the fixture it came from, and the fake's call log shows
 * what was sent upstream. The app's cache persists within this file, so each test uses data
 * no other test here touches, and call counts are taken relative to a snapshot.
 */

const HOUR = 3600;
const PROLIFIC_POSTS = 75;

const prolific: FixtureUser = {
  uid: '7456789012345678901',
  uniqueId: 'prolific_pat',
  nickname: 'Prolific Pat',
  secUid: 'MS4wLjABAAAAprolificpat678901',
  signature: 'A post every hour',
  region: 'US',
  followers: 42_000,
  following: 12,
  likes: 900_000,
  videos: PROLIFIC_POSTS,
  verified: false,
  isPrivate: false,
};

/** The default corpus plus a creator with more posts than one upstream page holds. */
function corpusWithProlificCreator(now: number): FixtureCorpus {
  const corpus = fixtureCorpus(now);
  const t = Math.floor(now / 1000);
  for (let i = 0; i < PROLIFIC_POSTS; i++) {
    corpus.posts.push({
      id: `74560000000000${String(i).padStart(5, '0')}`,
      author: prolific,
      desc: `Hourly update ${i} #daily #update${i}`,
      // The first post is pinned and old: it leads page one only.
      createTime: i === 0 ? t - 400 * HOUR : t - i * HOUR,
      views: 1_000 + i,
      likes: 100 + i,
      comments: i,
      shares: i,
      collects: i,
      isTop: i === 0,
    });
  }
  corpus.users.push(prolific);
  return corpus;
}

describe('TikTok endpoints in live mode (fake Ensemble)', () => {
  let live: LiveApp;
  let corpus: FixtureCorpus;

  beforeAll(async () => {
    corpus = corpusWithProlificCreator(Date.now());
    live = await startLiveApp({}, { corpus });
  });

  afterAll(async () => {
    await live?.close();
  });

  const callsSince = (mark: number, path: string) =>
    live.fake.calls.slice(mark).filter((c) => c.path === path);

  async function walkPosts(
    username: string,
    count: number,
  ): Promise<{ pages: PostsResponseDto[]; ids: string[] }> {
    const pages: PostsResponseDto[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 100; guard++) {
      const res = await postJson(live.url, '/api/v1/posts', { username, count, cursor });
      expect(res.status).toBe(200);
      const page = res.body as PostsResponseDto;
      pages.push(page);
      if (page.next_cursor === null) break;
      cursor = page.next_cursor;
    }
    return { pages, ids: pages.flatMap((p) => p.posts.map((post) => post.id)) };
  }

  describe('POST /api/v1/profile', () => {
    it.each(Object.values(FIXTURE_USERS).map((u) => [u.uniqueId, u] as const))(
      'maps every field of %s from the hybrid user object and its stats',
      async (_name, user) => {
        const res = await postJson(live.url, '/api/v1/profile', { username: user.uniqueId });
        expect(res.status).toBe(200);
        expect(res.body).toEqual(expectedProfile(user));
      },
    );

    it('reads counts from data.stats (the user object has no snake_case counts)', async () => {
      const res = await postJson(live.url, '/api/v1/profile', { username: 'chefmaya' });
      expect(res.body).toMatchObject({
        follower_count: 1_250_000,
        following_count: 180,
        likes_count: 48_200_000,
        video_count: 12,
        is_verified: true,
        avatar_url: expect.stringContaining('avatar-7012345678901234567~larger') as unknown,
      });
    });

    it('accepts name, @name and a profile URL as the same user, fetched once', async () => {
      const mark = live.fake.calls.length;
      // prolific_pat's profile is fetched by no other test in this file.
      const forms = [
        'prolific_pat',
        '@prolific_pat',
        'https://www.tiktok.com/@prolific_pat',
        'https://www.tiktok.com/@Prolific_Pat/video/123?lang=en',
      ];
      for (const username of forms) {
        const res = await postJson(live.url, '/api/v1/profile', { username });
        expect({ username, status: res.status }).toEqual({ username, status: 200 });
        expect(res.body).toEqual(expectedProfile(prolific));
      }
      const calls = callsSince(mark, '/tt/user/info');
      expect(calls.map((c) => c.params.username)).toEqual(['prolific_pat']);
    });
  });

  describe('POST /api/v1/posts', () => {
    it('maps every field of every post against the fixture, in feed order', async () => {
      const expected = postsInFeedOrder(corpus.posts, 'chefmaya');
      expect(expected).toHaveLength(12);
      const res = await postJson(live.url, '/api/v1/posts', { username: 'chefmaya', count: 12 });
      expect(res.status).toBe(200);
      const body = res.body as PostsResponseDto;
      expect(body).toEqual({
        posts: expected.map(expectedPost),
        next_cursor: null,
        has_more: false,
        total_posts: 12,
        source: 'live',
      });
    });

    describe('the fixture traps', () => {
      let byId: Map<string, PostDto>;

      beforeAll(async () => {
        const res = await postJson(live.url, '/api/v1/posts', { username: 'chefmaya', count: 12 });
        byId = new Map((res.body as PostsResponseDto).posts.map((p) => [p.id, p]));
      });

      const post = (id: string): PostDto => {
        const found = byId.get(id);
        if (!found) throw new Error(`post ${id} missing from the response`);
        return found;
      };

      it('flags the pinned post and only it, and lists it first', () => {
        const pinned = [...byId.values()].filter((p) => p.is_pinned).map((p) => p.id);
        expect(pinned).toEqual(['7400000000000000001']);
        expect([...byId.keys()][0]).toBe('7400000000000000001');
      });

      it('gives a photo post no video URL, its first image as cover and 0 s', () => {
        expect(post('7400000000000000003')).toMatchObject({
          video_url: null,
          cover_image_url: photoCoverUrl('7400000000000000003'),
          duration_s: 0,
        });
      });

      it('turns string-typed counts into numbers', () => {
        const p = post('7400000000000000004');
        expect([p.views, p.likes, p.comments, p.shares, p.favorites]).toEqual([
          240_000, 31_000, 410, 1_200, 9_000,
        ]);
      });

      it('reports 0 for counts of a post without statistics, and for a missing collect_count', () => {
        const p = post('7400000000000000007');
        expect([p.views, p.likes, p.comments, p.shares, p.favorites]).toEqual([0, 0, 0, 0, 0]);
        expect(post('7400000000000000008').favorites).toBe(0);
        expect(post('7400000000000000008').views).toBe(64_000);
      });

      it('rounds the duration from ms to seconds', () => {
        expect(post('7400000000000000005').duration_s).toBe(46);
      });

      it('keeps caption-only hashtags next to linked ones, lower-cased', () => {
        expect(post('7400000000000000006').hashtags).toEqual(['fetapasta', 'pasta', 'viralrecipe']);
      });

      it('builds the canonical www URL whatever share_url form upstream sent', () => {
        for (const p of byId.values()) {
          expect(p.tiktok_url).toBe(`https://www.tiktok.com/@chefmaya/video/${p.id}`);
        }
      });

      it('writes create_time as ISO 8601 UTC', () => {
        for (const p of byId.values()) {
          expect(p.create_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        }
      });
    });

    it('defaults count to 20 and says there is more', async () => {
      const res = await postJson(live.url, '/api/v1/posts', { username: 'prolific_pat' });
      expect(res.status).toBe(200);
      const body = res.body as PostsResponseDto;
      expect(body.posts).toHaveLength(20);
      expect(body.total_posts).toBe(20);
      expect(body.has_more).toBe(true);
      expect(body.next_cursor).toEqual(expect.any(String));
    });

    it('walks every post exactly once by following next_cursor across upstream pages', async () => {
      const expected = postsInFeedOrder(corpus.posts, 'prolific_pat').map((p) => p.id);
      expect(expected).toHaveLength(PROLIFIC_POSTS);
      const mark = live.fake.calls.length;

      const { pages, ids } = await walkPosts('prolific_pat', 7);

      expect(ids).toEqual(expected);
      expect(new Set(ids).size).toBe(PROLIFIC_POSTS);
      const last = pages[pages.length - 1];
      expect(last).toMatchObject({ next_cursor: null, has_more: false });
      for (const page of pages.slice(0, -1)) {
        expect(page.has_more).toBe(true);
        expect(page.total_posts).toBe(page.posts.length);
        expect(page.posts.length).toBeGreaterThan(0);
      }
      // It really crossed upstream pages, forwarding Ensemble's timestamp cursor.
      const upstream = callsSince(mark, '/tt/user/posts');
      expect(upstream.some((c) => /^\d{13}$/.test(c.params.start_cursor ?? ''))).toBe(true);
    });

    it('walks a creator whose posts fit one upstream page with a single upstream call', async () => {
      // veganvibes is fetched by no other test in this file.
      const mark = live.fake.calls.length;
      const { ids } = await walkPosts('veganvibes', 1);
      expect(ids).toEqual(postsInFeedOrder(corpus.posts, 'veganvibes').map((p) => p.id));
      // Page 2 comes from the cached first upstream page: no second (paid) call.
      expect(
        callsSince(mark, '/tt/user/posts').map((c) => c.params.start_cursor ?? 'first'),
      ).toEqual(['first']);
    });
  });

  describe('POST /api/v1/hashtag/search', () => {
    it('strips #, forwards period and sorting, and returns posts carrying the tag', async () => {
      const mark = live.fake.calls.length;
      const res = await postJson(live.url, '/api/v1/hashtag/search', {
        hashtag: '#Pasta',
        count: 5,
        period: 30,
        sorting: 0,
      });
      expect(res.status).toBe(200);
      const body = res.body as HashtagSearchResponseDto;
      expect(body.hashtag).toBe('pasta');
      expect(body.source).toBe('live');
      expect(body.posts.length).toBeGreaterThan(0);
      expect(body.posts.length).toBeLessThanOrEqual(5);
      expect(body.total_found).toBe(body.posts.length);
      for (const p of body.posts) expect(p.caption.toLowerCase()).toContain('pasta');
      // Posts are mapped like /posts; keyword results carry no author stats (0 = unknown).
      const fixture = corpus.posts.find((p) => p.id === body.posts[0].id) as FixturePost;
      const mapped = expectedPost(fixture);
      expect(body.posts[0]).toEqual({ ...mapped, author: { ...mapped.author, follower_count: 0 } });

      const calls = callsSince(mark, '/tt/keyword/search');
      expect(calls).toHaveLength(1);
      expect(calls[0].params).toMatchObject({ name: 'pasta', period: '30', sorting: '0' });
    });

    it('sends period 7 and sorting 1 (most liked) by default, and keeps that order', async () => {
      const mark = live.fake.calls.length;
      const res = await postJson(live.url, '/api/v1/hashtag/search', { hashtag: 'foodtok' });
      expect(res.status).toBe(200);
      const calls = callsSince(mark, '/tt/keyword/search');
      expect(calls[0].params).toMatchObject({ name: 'foodtok', period: '7', sorting: '1' });
      const likes = (res.body as HashtagSearchResponseDto).posts.map((p) => p.likes);
      expect(likes.length).toBeGreaterThan(1);
      expect(likes).toEqual([...likes].sort((a, b) => b - a));
    });

    it.each([0, 1, 7, 30, 90, 180])('forwards period %i as-is', async (period) => {
      const mark = live.fake.calls.length;
      const res = await postJson(live.url, '/api/v1/hashtag/search', {
        hashtag: 'dinnerideas',
        period,
        sorting: 1,
      });
      expect(res.status).toBe(200);
      const calls = callsSince(mark, '/tt/keyword/search');
      expect(calls.map((c) => c.params.period)).toEqual([String(period)]);
    });

    it('pages with next_cursor through the same posts a single large page returns', async () => {
      const all = await postJson(live.url, '/api/v1/hashtag/search', {
        hashtag: 'recipe',
        count: 50,
        period: 0,
      });
      const expected = (all.body as HashtagSearchResponseDto).posts.map((p) => p.id);
      expect(expected.length).toBeGreaterThan(4);

      const ids: string[] = [];
      let cursor: string | undefined;
      for (let guard = 0; guard < 50; guard++) {
        const res = await postJson(live.url, '/api/v1/hashtag/search', {
          hashtag: 'recipe',
          count: 2,
          period: 0,
          cursor,
        });
        expect(res.status).toBe(200);
        const page = res.body as HashtagSearchResponseDto;
        ids.push(...page.posts.map((p) => p.id));
        if (page.next_cursor === null) break;
        cursor = page.next_cursor;
      }
      expect(ids).toEqual(expected);
    });
  });

  describe('POST /api/v1/users/search', () => {
    it('finds matching creators and maps them like profiles', async () => {
      const mark = live.fake.calls.length;
      const res = await postJson(live.url, '/api/v1/users/search', { query: 'chef' });
      expect(res.status).toBe(200);
      const body = res.body as UserSearchResponseDto;
      expect(body.source).toBe('live');
      expect(body.next_cursor).toBeNull();
      expect(body.users).toEqual([expectedUserSummary(FIXTURE_USERS.chefmaya)]);
      expect(callsSince(mark, '/tt/user/search').map((c) => c.params.keyword)).toEqual(['chef']);
    });

    it('matches on nickname too', async () => {
      const res = await postJson(live.url, '/api/v1/users/search', { query: 'Official' });
      expect(res.status).toBe(200);
      const body = res.body as UserSearchResponseDto;
      expect(body.users).toEqual([expectedUserSummary(FIXTURE_USERS.brandfoods)]);
    });

    it('respects count and offers a cursor for the rest', async () => {
      const res = await postJson(live.url, '/api/v1/users/search', { query: 'e', count: 3 });
      expect(res.status).toBe(200);
      const body = res.body as UserSearchResponseDto;
      expect(body.users).toHaveLength(3);
      expect(body.next_cursor).toEqual(expect.any(String));
    });

    it('answers an empty list, not an error, when nobody matches', async () => {
      const res = await postJson(live.url, '/api/v1/users/search', { query: 'zzzz nobody' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ users: [], next_cursor: null, source: 'live' });
    });
  });

  describe('GET /health and GET /', () => {
    it('reports the seed-compatible health shape in live mode', async () => {
      const res = await getPath(live.url, '/health');
      expect(res.status).toBe(200);
      const body = res.body as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(
        ['details', 'mode', 'services', 'status', 'timestamp', 'version'].sort(),
      );
      expect(body).toMatchObject({
        status: 'healthy',
        version: APP_VERSION,
        services: { cache: 'memory', ensemble_api: 'live', openai_api: 'local' },
        mode: { tiktok: 'live', ai: 'local' },
      });
      const services = body.services as Record<string, unknown>;
      expect(Object.keys(services).sort()).toEqual([
        'cache',
        'database',
        'ensemble_api',
        'openai_api',
      ]);
      expect(Object.keys(body.mode as object).sort()).toEqual(['ai', 'tiktok']);
      const timestamp = body.timestamp as string;
      expect(new Date(timestamp).toISOString()).toBe(timestamp);
    });

    it('lists the endpoints at /', async () => {
      const res = await getPath(live.url, '/');
      expect(res.status).toBe(200);
      const endpoints = Object.values(
        (res.body as { endpoints: Record<string, string> }).endpoints,
      );
      expect(endpoints).toEqual(
        expect.arrayContaining([
          'POST /api/v1/profile',
          'POST /api/v1/posts',
          'POST /api/v1/hashtag/search',
          'POST /api/v1/users/search',
          'POST /api/v1/analyze',
          'GET /health',
        ]),
      );
    });
  });
});
