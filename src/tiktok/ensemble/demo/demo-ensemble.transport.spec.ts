import type { EnsemblePath } from '../ensemble.types';
import { DEMO_CREATORS } from './demo-creators';
import { DemoEnsembleTransport } from './demo-ensemble.transport';
import {
  call,
  collectPages,
  videosOf,
  type HashtagBody,
  type KeywordBody,
  type RawAwemeView,
  type UserInfoBody,
  type UserPostsBody,
  type UserSearchBody,
} from './demo-transport.spec-helper';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const NOW_SEC = NOW / 1000;
const DAY = 86_400;
const fiona = DEMO_CREATORS.find((c) => c.niche === 'fitness')!;

const transport = new DemoEnsembleTransport(() => NOW);

async function allUserPosts(
  t: DemoEnsembleTransport,
  username: string,
  depth = '1',
): Promise<{ items: RawAwemeView[]; pages: number }> {
  return collectPages(async (cursor) => {
    const params: Record<string, string> = { username, depth };
    if (cursor !== undefined) params.start_cursor = cursor;
    const { body } = await call<UserPostsBody>(t, '/tt/user/posts', params);
    return { items: body.data, next: body.nextCursor };
  });
}

async function allHashtagPosts(tag: string): Promise<RawAwemeView[]> {
  const { items } = await collectPages(async (cursor) => {
    const { body } = await call<HashtagBody>(transport, '/tt/hashtag/posts', {
      name: tag,
      ...(cursor === undefined ? {} : { cursor }),
    });
    return { items: body.data.data, next: body.data.nextCursor };
  });
  return items;
}

async function keyword(params: Record<string, string>) {
  return call<KeywordBody>(transport, '/tt/keyword/search', params);
}

function expectAwemeShape(aweme: RawAwemeView): void {
  expect(Object.keys(aweme)).toEqual(
    expect.arrayContaining([
      'aweme_id',
      'desc',
      'create_time',
      'is_top',
      'is_ads',
      'region',
      'author',
      'statistics',
      'video',
      'music',
      'text_extra',
      'cha_list',
      'share_url',
    ]),
  );
  expect(aweme.aweme_id).toMatch(/^\d{19}$/);
  expect(Number.isInteger(aweme.create_time)).toBe(true);
  expect(Object.keys(aweme.author)).toEqual(
    expect.arrayContaining([
      'uid',
      'unique_id',
      'nickname',
      'sec_uid',
      'follower_count',
      'verification_type',
      'avatar_thumb',
    ]),
  );
  expect(typeof aweme.author.uid).toBe('string');
  expect(aweme.author.avatar_thumb.url_list[0]).toMatch(/^data:image\/svg\+xml/);
  expect(Object.keys(aweme.statistics)).toEqual(
    expect.arrayContaining([
      'play_count',
      'digg_count',
      'comment_count',
      'share_count',
      'collect_count',
      'download_count',
    ]),
  );
  expect(Object.keys(aweme.video)).toEqual(
    expect.arrayContaining(['duration', 'cover', 'origin_cover', 'play_addr']),
  );
  expect(aweme.video.cover.url_list[0]).toMatch(/^data:image\/svg\+xml/);
  expect(Object.keys(aweme.music)).toEqual(
    expect.arrayContaining(['id', 'id_str', 'title', 'author', 'duration']),
  );
  expect(typeof aweme.music.id).toBe('number');
  expect(aweme.music.id_str).toMatch(/^\d{19}$/);
  const tags = aweme.text_extra.filter((e) => e.type === 1);
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(aweme.desc).toContain(`#${tag.hashtag_name}`);
  expect(aweme.cha_list === null || Array.isArray(aweme.cha_list)).toBe(true);
}

describe('DemoEnsembleTransport', () => {
  it('is a demo transport', () => {
    expect(transport.kind).toBe('demo');
  });

  describe('/tt/user/info', () => {
    it('returns the hybrid camelCase/snake_case user and counts only in stats, for 1 unit', async () => {
      const res = await call<UserInfoBody>(transport, '/tt/user/info', {
        username: fiona.username,
      });
      expect(res.status).toBe(200);
      expect(res.units).toBe(1);
      const data = res.body.data!;
      expect(Object.keys(data.user)).toEqual(
        expect.arrayContaining([
          'uniqueId',
          'secUid',
          'id',
          'nickname',
          'signature',
          'verified',
          'avatarLarger',
          'avatar_larger',
          'region',
          'privateAccount',
          'secret',
          'verification_type',
        ]),
      );
      expect(data.user).not.toHaveProperty('unique_id');
      expect(data.user).not.toHaveProperty('follower_count');
      expect(data.user.uniqueId).toBe(fiona.username);
      expect(typeof data.user.verified).toBe('boolean');
      expect(data.user.avatarLarger).toMatch(/^data:image\/svg\+xml/);
      expect((data.user.avatar_larger as { url_list: string[] }).url_list[0]).toMatch(
        /^data:image\/svg\+xml/,
      );
      expect(Object.keys(data.stats).sort()).toEqual(
        expect.arrayContaining([
          'diggCount',
          'followerCount',
          'followingCount',
          'heartCount',
          'videoCount',
        ]),
      );
      expect(data.stats.followerCount).toBeGreaterThan(1000);
    });

    it('answers {data: null} with status 200 for an unknown user', async () => {
      const res = await call<UserInfoBody>(transport, '/tt/user/info', {
        username: 'nobody_here_42',
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ data: null });
      expect(res.units).toBe(1);
    });

    it('ignores case and a leading @ in the username', async () => {
      const res = await call<UserInfoBody>(transport, '/tt/user/info', {
        username: `@${fiona.username.toUpperCase()}`,
      });
      expect(res.body.data?.user.uniqueId).toBe(fiona.username);
    });

    it('knows the other authors too, so every post author is a valid profile', async () => {
      const { body } = await call<HashtagBody>(transport, '/tt/hashtag/posts', { name: 'fitness' });
      const other = body.data.data.find((a) => a.author.unique_id !== fiona.username)!;
      const res = await call<UserInfoBody>(transport, '/tt/user/info', {
        username: other.author.unique_id,
      });
      expect(res.body.data?.user.id).toBe(other.author.uid);
    });
  });

  describe('/tt/user/posts', () => {
    it('returns the top-level {data: [aweme], nextCursor} envelope, pinned posts first', async () => {
      const res = await call<UserPostsBody>(transport, '/tt/user/posts', {
        username: fiona.username,
        depth: '1',
      });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(['data', 'nextCursor']);
      expect(typeof res.body.nextCursor).toBe('number');
      const posts = res.body.data;
      expect(posts).toHaveLength(10);
      posts.forEach(expectAwemeShape);
      const pinned = posts.filter((p) => p.is_top === 1);
      expect(pinned.length).toBeGreaterThanOrEqual(1);
      expect(pinned.length).toBeLessThanOrEqual(2);
      expect(posts.slice(0, pinned.length).every((p) => p.is_top === 1)).toBe(true);
      const rest = posts.slice(pinned.length).map((p) => p.create_time);
      expect(rest).toEqual([...rest].sort((a, b) => b - a));
      expect(res.body.nextCursor).toBe(rest[rest.length - 1] * 1000);
      expect(posts.every((p) => p.author.unique_id === fiona.username)).toBe(true);
      expect(posts[0].share_url).toContain(`https://www.tiktok.com/@${fiona.username}/video/`);
    });

    it('charges 1 + depth units and returns depth * 10 posts', async () => {
      const res = await call<UserPostsBody>(transport, '/tt/user/posts', {
        username: fiona.username,
        depth: '2',
      });
      expect(res.units).toBe(3);
      expect(res.body.data).toHaveLength(20);
    });

    it.each(['abc', '0', '-4', '2.7', ''])(
      'rejects depth %p like Ensemble: 422 naming the parameter, 0 units',
      async (depth) => {
        const res = await call<{ detail: { loc: string[] }[] }>(transport, '/tt/user/posts', {
          username: fiona.username,
          depth,
        });
        expect(res.status).toBe(422);
        expect(res.units).toBe(0);
        expect(res.body.detail[0].loc).toEqual(['query', 'depth']);
      },
    );

    it('charges only the depth it used: 1 + ceil(posts / 10) units once the posts run out', async () => {
      const res = await call<UserPostsBody>(transport, '/tt/user/posts', {
        username: fiona.username,
        depth: '999',
      });
      expect(res.status).toBe(200);
      expect(res.body).not.toHaveProperty('nextCursor');
      expect(res.body.data.length).toBeGreaterThan(20);
      expect(res.units).toBe(1 + Math.ceil(res.body.data.length / 10));
    });

    it.each(DEMO_CREATORS.map((c) => [c.username]))(
      'pages %s through nextCursor without duplicates, ending without a cursor',
      async (username) => {
        const { items, pages } = await allUserPosts(transport, username);
        const ids = items.map((p) => p.aweme_id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(items.length).toBeGreaterThanOrEqual(25);
        expect(pages).toBe(Math.ceil(items.length / 10));
        const info = await call<UserInfoBody>(transport, '/tt/user/info', { username });
        expect(info.body.data?.stats.videoCount).toBe(items.length);
        const deep = await allUserPosts(transport, username, '10');
        expect(deep.pages).toBe(1);
        expect(deep.items.map((p) => p.aweme_id)).toEqual(ids);
      },
    );

    it('keeps a cursor valid when the clock moves between pages', async () => {
      const first = await call<UserPostsBody>(transport, '/tt/user/posts', {
        username: fiona.username,
        depth: '1',
      });
      const later = new DemoEnsembleTransport(() => NOW + 3_600_000);
      const second = await call<UserPostsBody>(later, '/tt/user/posts', {
        username: fiona.username,
        depth: '1',
        start_cursor: String(first.body.nextCursor),
      });
      const { items } = await allUserPosts(transport, fiona.username);
      const ids = [...first.body.data, ...second.body.data].map((p) => p.aweme_id);
      expect(ids).toEqual(items.slice(0, 20).map((p) => p.aweme_id));
    });

    it('has recent posts, photo posts and no post older than ~60 days or in the future', async () => {
      for (const creator of DEMO_CREATORS) {
        const { items } = await allUserPosts(transport, creator.username);
        const ages = items.map((p) => NOW_SEC - p.create_time);
        expect(Math.min(...ages)).toBeGreaterThan(0);
        expect(Math.max(...ages)).toBeLessThanOrEqual(61 * DAY);
        expect(ages.filter((a) => a <= 7 * DAY).length).toBeGreaterThanOrEqual(3);
        const photos = items.filter((p) => p.image_post_info !== undefined);
        for (const photo of photos) {
          expect(photo.video.duration).toBe(0);
          expect(photo.image_post_info!.images.length).toBeGreaterThan(0);
        }
        expect(
          items.filter((p) => p.image_post_info === undefined).every((p) => p.video.duration > 0),
        ).toBe(true);
      }
      const all = await Promise.all(DEMO_CREATORS.map((c) => allUserPosts(transport, c.username)));
      const flat = all.flatMap((r) => r.items);
      expect(flat.some((p) => p.image_post_info !== undefined)).toBe(true);
      expect(flat.some((p) => p.cha_list === null)).toBe(true);
      expect(flat.some((p) => Array.isArray(p.cha_list) && p.cha_list.length > 0)).toBe(true);
    });

    it('stops after the chunk that reaches oldest_createtime', async () => {
      const res = await call<UserPostsBody>(transport, '/tt/user/posts', {
        username: fiona.username,
        depth: '3',
        oldest_createtime: String(NOW_SEC - 2 * DAY),
      });
      expect(res.body.data).toHaveLength(10);
      expect(res.body.nextCursor).toBeDefined();
      const unbounded = await call<UserPostsBody>(transport, '/tt/user/posts', {
        username: fiona.username,
        depth: '3',
        oldest_createtime: String(NOW_SEC - 365 * DAY),
      });
      expect(unbounded.body.data.length).toBeGreaterThan(20);
    });

    it('answers an unknown user with no posts for 1 unit, as Ensemble documents', async () => {
      const res = await call<UserPostsBody>(transport, '/tt/user/posts', {
        username: 'ghost_user',
        depth: '1',
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ data: [] });
      expect(res.units).toBe(1);
    });
  });

  describe('/tt/keyword/search', () => {
    it('wraps posts as {type: 1, aweme_info} under data.data, for 1 unit', async () => {
      const res = await keyword({ name: 'fitness', period: '0', sorting: '0' });
      expect(res.status).toBe(200);
      expect(res.units).toBe(1);
      expect(Object.keys(res.body)).toEqual(['data']);
      expect(Object.keys(res.body.data).sort()).toEqual(['data', 'nextCursor']);
      // 20 videos, and (as on Ensemble) a non-video user card mixed into the first page.
      expect(res.body.data.data).toHaveLength(21);
      expect(res.body.data.data[1]).toMatchObject({ type: 4, user_list: [expect.any(Object)] });
      expect(res.body.data.data[1]).not.toHaveProperty('aweme_info');
      for (const item of res.body.data.data.filter((d) => d.type !== 4)) {
        expect(Object.keys(item)).toEqual(expect.arrayContaining(['type', 'aweme_info']));
        expect(item.type).toBe(1);
        expectAwemeShape(item.aweme_info!);
        // As on Ensemble: author counts are 0 unless get_author_stats=true.
        expect(item.aweme_info!.author.follower_count).toBe(0);
      }
      expect(videosOf(res.body)[0].share_url).toMatch(/^https:\/\/m\.tiktok\.com\/v\//);
    });

    it('honours period in days (0 = all time)', async () => {
      const all = await keyword({ name: 'workout', period: '0', sorting: '0' });
      const week = await keyword({ name: 'workout', period: '7', sorting: '0' });
      const allAges = videosOf(all.body).map((a) => NOW_SEC - a.create_time);
      const weekAges = videosOf(week.body).map((a) => NOW_SEC - a.create_time);
      expect(weekAges.length).toBeGreaterThan(0);
      expect(weekAges.every((a) => a <= 7 * DAY)).toBe(true);
      expect(allAges.some((a) => a > 7 * DAY)).toBe(true);
      const day = await keyword({ name: 'workout', period: '1', sorting: '0' });
      expect(videosOf(day.body).length).toBeLessThan(weekAges.length);
      expect(videosOf(day.body).every((a) => NOW_SEC - a.create_time <= DAY)).toBe(true);
    });

    it('sorts by likes with sorting=1 and differently by relevance with sorting=0', async () => {
      const liked = await keyword({ name: 'skincare', period: '0', sorting: '1' });
      const likes = videosOf(liked.body).map((a) => a.statistics.digg_count);
      expect(likes.length).toBeGreaterThan(5);
      expect(likes).toEqual([...likes].sort((a, b) => b - a));
      const relevant = await keyword({ name: 'skincare', period: '0', sorting: '0' });
      const relLikes = videosOf(relevant.body).map((a) => a.statistics.digg_count);
      expect(relLikes).not.toEqual(likes);
    });

    it('pages with an offset cursor and covers every result once', async () => {
      const { items, pages } = await collectPages(async (cursor) => {
        const { body } = await keyword({
          name: 'fyp',
          period: '0',
          sorting: '0',
          ...(cursor === undefined ? {} : { cursor }),
        });
        return {
          items: videosOf(body).map((a) => a.aweme_id),
          next: body.data.nextCursor,
        };
      });
      expect(pages).toBeGreaterThan(1);
      expect(new Set(items).size).toBe(items.length);
    });

    it('returns an empty list (still 1 unit) for an unrelated keyword', async () => {
      const res = await keyword({ name: 'quantum chromodynamics', period: '0', sorting: '0' });
      expect(res.status).toBe(200);
      expect(res.units).toBe(1);
      expect(res.body).toEqual({ data: { data: [] } });
    });

    it('fills author stats and charges 1 + posts with get_author_stats=true', async () => {
      const res = await keyword({
        name: 'pasta',
        period: '0',
        sorting: '1',
        get_author_stats: 'true',
      });
      const items = videosOf(res.body);
      expect(items.length).toBeGreaterThan(0);
      expect(res.units).toBe(1 + items.length);
      expect(items.every((a) => a.author.follower_count > 0)).toBe(true);
    });

    it.each([
      [{ period: 'soon' }, 'period'],
      [{ period: '14' }, 'period'],
      [{ period: '7', sorting: 'x' }, 'sorting'],
      [{ period: '7', cursor: 'abc' }, 'cursor'],
    ])('rejects %p like Ensemble: 422 on %s, 0 units', async (params, param) => {
      const res = await call<{ detail: { loc: string[] }[] }>(transport, '/tt/keyword/search', {
        name: 'workout',
        ...params,
      });
      expect(res.status).toBe(422);
      expect(res.units).toBe(0);
      expect(res.body.detail[0].loc).toEqual(['query', param]);
    });

    it('answers an invalid country code with 466', async () => {
      const res = await keyword({ name: 'workout', period: '7', country: 'USA' });
      expect(res.status).toBe(466);
      expect(res.body).toEqual({ detail: 'Invalid country code.' });
    });
  });

  describe('/tt/hashtag/posts', () => {
    it('returns {data: {data: [aweme], nextCursor}} 20 per page, for 1 unit', async () => {
      const res = await call<HashtagBody>(transport, '/tt/hashtag/posts', { name: 'fitness' });
      expect(res.units).toBe(1);
      expect(Object.keys(res.body.data).sort()).toEqual(['data', 'nextCursor']);
      expect(res.body.data.data).toHaveLength(20);
      expect(res.body.data.nextCursor).toBe(20);
      res.body.data.data.forEach(expectAwemeShape);
      expect(
        res.body.data.data.every((a) => a.text_extra.some((e) => e.hashtag_name === 'fitness')),
      ).toBe(true);
    });

    it.each(DEMO_CREATORS.map((c) => [c.niche, c.hashtags, c.username] as const))(
      '%s: every niche tag finds popular posts by >= 8 other authors across the niche',
      async (_niche, hashtags, username) => {
        const seenIn = new Map<string, number>();
        const authors = new Set<string>();
        let lowViews = 0;
        let ads = 0;
        for (const tag of hashtags) {
          const posts = await allHashtagPosts(tag);
          expect(posts.length).toBeGreaterThanOrEqual(8);
          const ids = posts.map((p) => p.aweme_id);
          expect(new Set(ids).size).toBe(ids.length);
          const own = posts.filter((p) => p.author.unique_id === username).length;
          expect(own).toBeGreaterThanOrEqual(1);
          expect(own).toBeLessThan(posts.length / 2);
          const recent = posts.filter((p) => NOW_SEC - p.create_time <= 7 * DAY);
          expect(
            recent.filter((p) => p.statistics.play_count > 1000).length,
          ).toBeGreaterThanOrEqual(3);
          for (const p of posts) {
            seenIn.set(p.aweme_id, (seenIn.get(p.aweme_id) ?? 0) + 1);
            if (!p.author.unique_id.startsWith('demo_')) authors.add(p.author.unique_id);
            if (p.statistics.play_count < 1000) lowViews++;
            if (p.is_ads) ads++;
          }
        }
        expect(authors.size).toBeGreaterThanOrEqual(8);
        expect([...seenIn.values()].some((n) => n >= 2)).toBe(true);
        expect(lowViews).toBeGreaterThan(0);
        expect(ads).toBeGreaterThan(0);
      },
    );

    it("includes some of the creator's own videos", async () => {
      const posts = await allHashtagPosts('fitness');
      expect(posts.some((p) => p.author.unique_id === fiona.username)).toBe(true);
    });

    it('spans hours to ~20 days for other authors', async () => {
      const posts = await allHashtagPosts('gaming');
      const ages = posts
        .filter((p) => !p.author.unique_id.startsWith('demo_'))
        .map((p) => NOW_SEC - p.create_time);
      expect(Math.min(...ages)).toBeLessThan(DAY);
      expect(Math.max(...ages)).toBeGreaterThan(10 * DAY);
      expect(Math.max(...ages)).toBeLessThanOrEqual(21 * DAY);
    });

    it('accepts a leading # and any case; an unknown tag is an empty list for 1 unit', async () => {
      const a = await call<HashtagBody>(transport, '/tt/hashtag/posts', { name: '#LegDay' });
      const b = await call<HashtagBody>(transport, '/tt/hashtag/posts', { name: 'legday' });
      expect(a.text).toBe(b.text);
      const none = await call<HashtagBody>(transport, '/tt/hashtag/posts', {
        name: 'zzzunknowntag',
      });
      expect(none.status).toBe(200);
      expect(none.units).toBe(1);
      expect(none.body).toEqual({ data: { data: [] } });
    });
  });

  describe('/tt/user/search', () => {
    it('returns {data: {users: [{user_info}], nextCursor}} 10 per page, for 2 units', async () => {
      const res = await call<UserSearchBody>(transport, '/tt/user/search', { keyword: 'fitness' });
      expect(res.units).toBe(2);
      expect(res.body.data.users).toHaveLength(10);
      expect(res.body.data.nextCursor).toBe(10);
      for (const { user_info } of res.body.data.users) {
        expect(Object.keys(user_info)).toEqual(
          expect.arrayContaining([
            'uid',
            'unique_id',
            'nickname',
            'signature',
            'follower_count',
            'following_count',
            'total_favorited',
            'aweme_count',
            'avatar_thumb',
            'verification_type',
            'secret',
          ]),
        );
      }
      expect(res.body.data.users[0].user_info.unique_id).toBe(fiona.username);
      const next = await call<UserSearchBody>(transport, '/tt/user/search', {
        keyword: 'fitness',
        cursor: '10',
      });
      expect(next.body.data.users.length).toBeGreaterThan(0);
      expect(next.body.data).not.toHaveProperty('nextCursor');
      const names = [...res.body.data.users, ...next.body.data.users].map(
        (u) => u.user_info.unique_id,
      );
      expect(new Set(names).size).toBe(names.length);
    });

    it('matches username, nickname and niche substrings', async () => {
      const byName = await call<UserSearchBody>(transport, '/tt/user/search', { keyword: 'fiona' });
      expect(byName.body.data.users.map((u) => u.user_info.unique_id)).toContain(fiona.username);
      const byNick = await call<UserSearchBody>(transport, '/tt/user/search', {
        keyword: 'Carlos Cooks',
      });
      expect(byNick.body.data.users[0].user_info.unique_id).toBe('demo_cooking_carlos');
      const none = await call<UserSearchBody>(transport, '/tt/user/search', { keyword: 'zzqqxx' });
      expect(none.body).toEqual({ data: { users: [] } });
    });
  });

  describe('robustness', () => {
    it('answers an unknown path with 404 {detail: "Not Found"}', async () => {
      const res = await call(transport, '/tt/nope' as EnsemblePath, {});
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ detail: 'Not Found' });
    });

    it('answers a missing required parameter like Ensemble (422 with a detail list)', async () => {
      const res = await call<{ detail: { loc: string[] }[] }>(transport, '/tt/user/info', {});
      expect(res.status).toBe(422);
      expect(res.body.detail[0].loc).toEqual(['query', 'username']);
    });
  });

  describe('determinism and time', () => {
    const requests: [EnsemblePath, Record<string, string>][] = [
      ['/tt/user/info', { username: fiona.username }],
      ['/tt/user/posts', { username: 'demo_travel_theo', depth: '3' }],
      ['/tt/keyword/search', { name: 'makeup', period: '30', sorting: '0' }],
      ['/tt/hashtag/posts', { name: 'speedrun' }],
      ['/tt/user/search', { keyword: 'demo' }],
    ];

    it('gives identical bodies for two transports with the same clock', async () => {
      const other = new DemoEnsembleTransport(() => NOW);
      for (const [path, params] of requests) {
        const a = await transport.get(path, params);
        const b = await other.get(path, params);
        expect(b).toEqual(a);
      }
    });

    it('shifts every create_time (and the ms cursor) by exactly the clock difference', async () => {
      const tomorrow = new DemoEnsembleTransport(() => NOW + DAY * 1000);
      const params = { username: 'demo_beauty_bella', depth: '2' };
      const a = await call<UserPostsBody>(transport, '/tt/user/posts', params);
      const b = await call<UserPostsBody>(tomorrow, '/tt/user/posts', params);
      expect(b.body.data.map((p) => p.aweme_id)).toEqual(a.body.data.map((p) => p.aweme_id));
      a.body.data.forEach((post, i) => {
        expect(b.body.data[i].create_time - post.create_time).toBe(DAY);
      });
      expect(b.body.nextCursor! - a.body.nextCursor!).toBe(DAY * 1000);

      const hashA = await call<HashtagBody>(transport, '/tt/hashtag/posts', { name: 'makeup' });
      const hashB = await call<HashtagBody>(tomorrow, '/tt/hashtag/posts', { name: 'makeup' });
      hashA.body.data.data.forEach((post, i) => {
        expect(hashB.body.data.data[i].aweme_id).toBe(post.aweme_id);
        expect(hashB.body.data.data[i].create_time - post.create_time).toBe(DAY);
      });
    });
  });
});
