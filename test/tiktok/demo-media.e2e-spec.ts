import type { NestExpressApplication } from '@nestjs/platform-express';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ErrorCode } from '../../src/common/errors/error-code.enum';
import type {
  HashtagSearchResponseDto,
  PostDto,
  PostsResponseDto,
  ProfileResponseDto,
  UserSearchResponseDto,
} from '../../src/tiktok/dto/tiktok.response.dto';
import { DEMO_CREATORS } from '../../src/tiktok/ensemble/demo/demo-creators';
import type { AnalyzeResponseDto, TrendDto } from '../../src/trends/dto/analyze.response.dto';
import { postJson } from '../support/http';
import { createTestApp } from '../support/test-app';
import { expectErrorEnvelope } from './support/error-envelope';

/**
 * Demo mode as a browser sees it: every media URI the API returns (profile and author avatars,
 * covers, carousel photos) must be an image a browser can decode — a `data:image/svg+xml` URI
 * whose payload is well-formed XML with an <svg> root and nothing after it.
 */

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

describe('demo media in API answers', () => {
  let app: NestExpressApplication | undefined;
  let url = '';

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

  const photoPosts: PostDto[] = [];

  describe.each(DEMO_CREATORS.map((c) => [c.username, c] as const))('%s', (username, creator) => {
    it('/profile: the avatar', async () => {
      const res = await postJson(url, '/api/v1/profile', { username });
      expect(res.status).toBe(200);
      expectDecodableSvg(`${username} avatar`, (res.body as ProfileResponseDto).avatar_url);
    });

    it('/posts: every post on every page', async () => {
      let cursor: string | undefined;
      let seen = 0;
      for (let guard = 0; guard < 20; guard++) {
        const res = await postJson(url, '/api/v1/posts', { username, count: 50, cursor });
        expect(res.status).toBe(200);
        const page = res.body as PostsResponseDto;
        page.posts.forEach((post) => expectPostMedia(username, post));
        photoPosts.push(...page.posts.filter((p) => p.images.length > 0));
        seen += page.posts.length;
        if (page.next_cursor === null) break;
        cursor = page.next_cursor;
      }
      expect(seen).toBeGreaterThanOrEqual(25);
    });

    it('/analyze: the profile, its posts and every trend', async () => {
      const res = await postJson(url, '/api/v1/analyze', { profile_url: `@${username}` });
      expect(res.status).toBe(200);
      const body = res.body as AnalyzeResponseDto;
      expectDecodableSvg(`${username} analyze avatar`, body.profile.avatar_url);
      body.posts.forEach((post) => expectPostMedia(`${username} analyze`, post));
      expect(body.trends.length).toBeGreaterThan(0);
      body.trends.forEach((trend) => expectPostMedia(`${username} trend`, trend));
    });

    it('/hashtag/search: every post', async () => {
      const res = await postJson(url, '/api/v1/hashtag/search', {
        hashtag: creator.hashtags[0],
        count: 50,
        period: 30,
      });
      expect(res.status).toBe(200);
      const body = res.body as HashtagSearchResponseDto;
      expect(body.posts.length).toBeGreaterThan(0);
      body.posts.forEach((post) => expectPostMedia(`#${creator.hashtags[0]}`, post));
    });

    it('/users/search: every avatar', async () => {
      const res = await postJson(url, '/api/v1/users/search', { query: creator.niche, count: 50 });
      expect(res.status).toBe(200);
      const { users } = res.body as UserSearchResponseDto;
      expect(users.map((u) => u.username)).toContain(username);
      users.forEach((u) => expectDecodableSvg(`${u.username} search avatar`, u.avatar_url));
    });
  });

  it('includes photo carousels, so images are exercised', () => {
    expect(photoPosts.length).toBeGreaterThanOrEqual(3);
    expect(photoPosts.every((p) => p.images.length >= 3 && p.duration_s === 0)).toBe(true);
  });

  it('answers /posts for a user outside the demo dataset with 404 NOT_FOUND, like /profile', async () => {
    const res = await postJson(url, '/api/v1/posts', { username: 'not_a_demo_creator' });
    expectErrorEnvelope(res, 404, ErrorCode.NOT_FOUND);
  });
});
