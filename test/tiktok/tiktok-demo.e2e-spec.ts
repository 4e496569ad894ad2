import type { NestExpressApplication } from '@nestjs/platform-express';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ErrorCode } from '../../src/common/errors/error-code.enum';
import { DEMO_CREATORS } from '../../src/tiktok/ensemble/demo/demo-creators';
import type {
  HashtagSearchResponseDto,
  PostDto,
  PostsResponseDto,
  ProfileResponseDto,
  UserSearchResponseDto,
} from '../../src/tiktok/dto/tiktok.response.dto';
import type { AnalyzeResponseDto, TrendDto } from '../../src/trends/dto/analyze.response.dto';
import { createTestApp } from '../support/test-app';
import { expectErrorEnvelope } from '../support/tiktok/error-envelope';
import { getPath, postJson } from '../support/http';

/**
 * Demo mode (no ENSEMBLE_API_TOKEN): every TikTok endpoint answers from the bundled dataset
 * for every advertised demo creator, marked source "demo", with enough posts to page through.
 * And as a browser sees it: every media URI the API returns (profile and author avatars, covers,
 * carousel photos) is an image a browser can decode — a `data:image/svg+xml` URI whose payload
 * is well-formed XML with an <svg> root and nothing after it.
 */

const MIN_DEMO_POSTS = 25;
const SVG_URI = /^data:image\/svg\+xml;charset=utf-8,/;

function expectDecodableSvg(where: string, uri: string | null): void {
  expect({ where, svgUri: uri !== null && SVG_URI.test(uri) }).toEqual({ where, svgUri: true });
  const svg = decodeURIComponent((uri ?? '').replace(SVG_URI, ''));
  expect({ where, valid: XMLValidator.validate(svg) }).toEqual({ where, valid: true });
  const root = Object.keys(new XMLParser().parse(svg) as Record<string, unknown>);
  expect({ where, root }).toEqual({ where, root: ['svg'] });
}

function expectPostMedia(where: string, post: PostDto | TrendDto): void {
  expectDecodableSvg(`${where} ${post.id} cover`, post.cover_image_url);
  expectDecodableSvg(`${where} ${post.id} author avatar`, post.author.avatar_url);
  post.images.forEach((image, i) => expectDecodableSvg(`${where} ${post.id} image ${i}`, image));
  // A carousel has images and no video; a video has no images.
  expect({ id: post.id, photo: post.images.length > 0 }).toEqual({
    id: post.id,
    photo: post.video_url === null,
  });
}

describe('TikTok endpoints in demo mode', () => {
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await createTestApp({
      ENSEMBLE_API_TOKEN: undefined,
      MAX_REQUESTS_PER_MINUTE: '100000',
      ANALYZE_REQUESTS_PER_MINUTE: '100000',
    }));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('has demo creators to test', () => {
    expect(DEMO_CREATORS.length).toBeGreaterThanOrEqual(5);
  });

  it('reports demo mode on /health', async () => {
    const res = await getPath(url, '/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'healthy',
      services: { ensemble_api: 'demo' },
      mode: { tiktok: 'demo' },
    });
  });

  const photoPosts: PostDto[] = [];

  describe.each(DEMO_CREATORS.map((c) => [c.username, c] as const))('%s', (username, creator) => {
    it('POST /profile answers 200 from the demo dataset, in all input forms', async () => {
      for (const input of [username, `@${username}`, `https://www.tiktok.com/@${username}`]) {
        const res = await postJson(url, '/api/v1/profile', { username: input });
        expect({ input, status: res.status }).toEqual({ input, status: 200 });
        const body = res.body as ProfileResponseDto;
        expect(body).toMatchObject({
          username,
          nickname: creator.nickname,
          profile_url: `https://www.tiktok.com/@${username}`,
          source: 'demo',
        });
        expect(body.follower_count).toBeGreaterThan(0);
        expect(body.video_count).toBeGreaterThanOrEqual(MIN_DEMO_POSTS);
        expectDecodableSvg(`${username} avatar`, body.avatar_url);
      }
    });

    it(`POST /posts pages through at least ${MIN_DEMO_POSTS} distinct posts`, async () => {
      const ids: string[] = [];
      let cursor: string | undefined;
      for (let guard = 0; guard < 50; guard++) {
        const res = await postJson(url, '/api/v1/posts', { username, count: 10, cursor });
        expect(res.status).toBe(200);
        const page = res.body as PostsResponseDto;
        expect(page.source).toBe('demo');
        expect(page.total_posts).toBe(page.posts.length);
        for (const post of page.posts) {
          expect(post.author.username).toBe(username);
          expect(post.tiktok_url).toBe(`https://www.tiktok.com/@${username}/video/${post.id}`);
          expect(post.views).toBeGreaterThanOrEqual(0);
          expect(new Date(post.create_time).toISOString()).toBe(post.create_time);
          expectPostMedia(username, post);
        }
        photoPosts.push(...page.posts.filter((p) => p.images.length > 0));
        ids.push(...page.posts.map((p) => p.id));
        if (page.next_cursor === null) {
          expect(page.has_more).toBe(false);
          break;
        }
        cursor = page.next_cursor;
      }
      expect(ids.length).toBeGreaterThanOrEqual(MIN_DEMO_POSTS);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('POST /hashtag/search finds posts for its niche hashtag', async () => {
      const tag = creator.hashtags[0];
      const res = await postJson(url, '/api/v1/hashtag/search', { hashtag: `#${tag}`, count: 10 });
      expect(res.status).toBe(200);
      const body = res.body as HashtagSearchResponseDto;
      expect(body).toMatchObject({ hashtag: tag, source: 'demo' });
      expect(body.posts.length).toBeGreaterThan(0);
      expect(body.total_found).toBe(body.posts.length);
      // Keyword search, as upstream: a related tag (#fitnessmotivation for "fitness") counts.
      const unrelated = body.posts.filter(
        (p) => !p.hashtags.some((h) => h.includes(tag)) && !p.caption.toLowerCase().includes(tag),
      );
      expect(unrelated).toEqual([]);
      body.posts.forEach((post) => expectPostMedia(`#${tag}`, post));
    });

    it('POST /analyze: decodable media in the profile, its posts and every trend', async () => {
      const res = await postJson(url, '/api/v1/analyze', { profile_url: `@${username}` });
      expect(res.status).toBe(200);
      const body = res.body as AnalyzeResponseDto;
      expectDecodableSvg(`${username} analyze avatar`, body.profile.avatar_url);
      body.posts.forEach((post) => expectPostMedia(`${username} analyze`, post));
      expect(body.trends.length).toBeGreaterThan(0);
      body.trends.forEach((trend) => expectPostMedia(`${username} trend`, trend));
    });

    it('POST /users/search finds the creator', async () => {
      const res = await postJson(url, '/api/v1/users/search', { query: username });
      expect(res.status).toBe(200);
      const body = res.body as UserSearchResponseDto;
      expect(body.source).toBe('demo');
      expect(body.users.map((u) => u.username)).toContain(username);
      body.users.forEach((u) => expectDecodableSvg(`${u.username} search avatar`, u.avatar_url));
    });
  });

  it('includes photo carousels, so images are exercised', () => {
    expect(photoPosts.length).toBeGreaterThanOrEqual(3);
    expect(photoPosts.every((p) => p.images.length >= 3 && p.duration_s === 0)).toBe(true);
  });

  it('answers 404 NOT_FOUND for a user outside the demo dataset', async () => {
    const res = await postJson(url, '/api/v1/profile', { username: 'not_a_demo_creator' });
    expectErrorEnvelope(res, 404, ErrorCode.NOT_FOUND);
  });

  it('answers /posts for a user outside the demo dataset with 404 NOT_FOUND, like /profile', async () => {
    const res = await postJson(url, '/api/v1/posts', { username: 'not_a_demo_creator' });
    expectErrorEnvelope(res, 404, ErrorCode.NOT_FOUND);
  });

  it('still validates input in demo mode', async () => {
    const res = await postJson(url, '/api/v1/posts', { username: 'a b', count: 0 });
    expectErrorEnvelope(res, 400, ErrorCode.VALIDATION_ERROR);
  });
});
