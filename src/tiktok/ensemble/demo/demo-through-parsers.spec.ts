import {
  parseHashtagPostsPage,
  parseKeywordSearchPage,
  parseUserInfo,
  parseUserPostsPage,
  parseUserSearchPage,
} from '../ensemble.parsers';
import type { Post } from '../../models/tiktok.models';
import type { EnsemblePath } from '../ensemble.types';
import { DEMO_CREATORS } from './demo-creators';
import { DemoEnsembleTransport } from './demo-ensemble.transport';

/** Every demo answer must go through the live parsers and come out as sane domain values. */

const NOW = Date.UTC(2025, 5, 1, 8, 30, 0);
const NOW_SEC = NOW / 1000;
const DAY = 86_400;
const transport = new DemoEnsembleTransport(() => NOW);

async function raw(path: EnsemblePath, params: Record<string, string>): Promise<unknown> {
  const response = await transport.get(path, params);
  expect(response.status).toBe(200);
  return JSON.parse(response.body) as unknown;
}

function expectSanePost(post: Post): void {
  expect(post.id).toMatch(/^\d{19}$/);
  expect(post.hashtags.length).toBeGreaterThan(0);
  expect(post.hashtags.every((t) => /^[a-z0-9_]+$/.test(t))).toBe(true);
  expect(post.createTime).toBeGreaterThan(NOW_SEC - 61 * DAY);
  expect(post.createTime).toBeLessThan(NOW_SEC);
  expect(post.stats.views).toBeGreaterThan(0);
  expect(post.author.username).not.toBe('');
  expect(post.author.userId).toMatch(/^\d+$/);
  expect(post.author.avatarUrl).toMatch(/^data:image\/svg\+xml/);
  expect(post.coverImageUrl).toMatch(/^data:image\/svg\+xml/);
  expect(post.tiktokUrl).toBe(`https://www.tiktok.com/@${post.author.username}/video/${post.id}`);
  if (post.isPhoto) {
    expect(post.durationSeconds).toBe(0);
    expect(post.videoUrl).toBeNull();
  } else {
    expect(post.durationSeconds).toBeGreaterThan(0);
    expect(post.videoUrl).toMatch(/^https:\/\//);
  }
  expect(post.music?.title).toBeTruthy();
}

describe('demo responses through the Ensemble parsers', () => {
  it.each(DEMO_CREATORS.map((c) => [c.username, c]))(
    '%s: profile and every post page',
    async (_u, creator) => {
      const profile = parseUserInfo(await raw('/tt/user/info', { username: creator.username }));
      expect(profile).not.toBeNull();
      expect(profile!.username).toBe(creator.username);
      expect(profile!.nickname).toBe(creator.nickname);
      expect(profile!.followerCount).toBeGreaterThan(1000);
      expect(profile!.likesCount).toBeGreaterThan(0);
      expect(profile!.avatarUrl).toMatch(/^data:image\/svg\+xml/);
      expect(profile!.bio).not.toBe('');
      expect(profile!.isPrivate).toBe(false);

      const posts: Post[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 10; i++) {
        const params: Record<string, string> = { username: creator.username, depth: '1' };
        if (cursor !== null) params.start_cursor = cursor;
        const page = parseUserPostsPage(await raw('/tt/user/posts', params));
        posts.push(...page.posts);
        cursor = page.nextCursor;
        if (!page.hasMore) break;
      }
      expect(cursor).toBeNull();
      expect(posts).toHaveLength(profile!.videoCount);
      posts.forEach(expectSanePost);
      expect(posts.filter((p) => p.isPinned).length).toBeGreaterThanOrEqual(1);
      expect(posts.every((p) => p.author.followerCount === profile!.followerCount)).toBe(true);
      const used = new Set(posts.flatMap((p) => p.hashtags));
      for (const tag of creator.hashtags) expect(used).toContain(tag);

      for (const tag of creator.hashtags) {
        const hashtagPage = parseHashtagPostsPage(await raw('/tt/hashtag/posts', { name: tag }));
        expect(hashtagPage.posts.length).toBeGreaterThanOrEqual(8);
        hashtagPage.posts.forEach(expectSanePost);
        expect(hashtagPage.posts.every((p) => p.hashtags.includes(tag))).toBe(true);

        const keywordPage = parseKeywordSearchPage(
          await raw('/tt/keyword/search', { name: tag, period: '7', sorting: '1' }),
        );
        expect(keywordPage.posts.length).toBeGreaterThan(0);
        keywordPage.posts.forEach(expectSanePost);
        expect(keywordPage.posts.every((p) => p.createTime >= NOW_SEC - 7 * DAY)).toBe(true);
        expect(keywordPage.posts.some((p) => p.author.username !== creator.username)).toBe(true);
      }
    },
  );

  it('parses an unknown user as null and its posts as an empty last page', async () => {
    expect(parseUserInfo(await raw('/tt/user/info', { username: 'no_such_demo_user' }))).toBeNull();
    const page = parseUserPostsPage(
      await raw('/tt/user/posts', { username: 'no_such_demo_user', depth: '1' }),
    );
    expect(page).toEqual({ posts: [], nextCursor: null, hasMore: false });
  });

  it('parses hashtag pages with cursors and ads flagged', async () => {
    const first = parseHashtagPostsPage(await raw('/tt/hashtag/posts', { name: 'fyp' }));
    expect(first.hasMore).toBe(true);
    expect(first.nextCursor).toBe('20');
    const second = parseHashtagPostsPage(
      await raw('/tt/hashtag/posts', { name: 'fyp', cursor: first.nextCursor! }),
    );
    const ids = [...first.posts, ...second.posts].map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const everything = [...first.posts, ...second.posts];
    expect(everything.some((p) => p.isAd)).toBe(true);
  });

  it('parses user search results with real counts and avatars', async () => {
    const page = parseUserSearchPage(await raw('/tt/user/search', { keyword: 'demo' }));
    expect(page.users.length).toBe(DEMO_CREATORS.length);
    expect(page.nextCursor).toBeNull();
    for (const user of page.users) {
      expect(user.username.startsWith('demo_')).toBe(true);
      expect(user.followerCount).toBeGreaterThan(1000);
      expect(user.videoCount).toBeGreaterThanOrEqual(25);
      expect(user.avatarUrl).toMatch(/^data:image\/svg\+xml/);
    }
    const verified = page.users.filter((u) => u.isVerified).map((u) => u.username);
    expect(verified).toEqual(expect.arrayContaining(['demo_cooking_carlos', 'demo_beauty_bella']));
    expect(verified).not.toContain('demo_tech_tara');
  });
});
