import type { NestExpressApplication } from '@nestjs/platform-express';
import { isGenericHashtag } from '../../src/ai/generic-hashtags';
import { DEMO_CREATORS } from '../../src/tiktok/ensemble/demo/demo-creators';
import { createTestApp } from '../support/test-app';
import {
  expectOk,
  expectRankedTrendInvariants,
  postAnalyze,
} from '../support/analyze/analyze-testing';

describe('POST /api/v1/analyze — demo mode (no keys)', () => {
  let app: NestExpressApplication | undefined;
  let url = '';

  beforeAll(async () => {
    ({ app, url } = await createTestApp({
      MAX_REQUESTS_PER_MINUTE: '100000',
      ANALYZE_REQUESTS_PER_MINUTE: '100000',
    }));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('has demo creators to analyse', () => {
    expect(DEMO_CREATORS.length).toBeGreaterThan(0);
  });

  it.each(DEMO_CREATORS.map((c) => [c.username, c] as const))(
    '@%s: five niche hashtags and a ranked list of trends',
    async (username, creator) => {
      const body = expectOk(await postAnalyze(url, { profile_url: `@${username}` }));

      expect(body.profile.username).toBe(username);
      expect(body.meta).toMatchObject({
        data_source: 'demo',
        ai_source: 'local',
        partial: false,
        warnings: [],
      });

      expect(body.hashtags).toHaveLength(5);
      expect(new Set(body.hashtags).size).toBe(5);
      for (const tag of body.hashtags) {
        expect(tag).not.toContain('#');
        expect(isGenericHashtag(tag)).toBe(false);
      }
      // The pick names the creator's niche, not tags from elsewhere.
      expect(body.hashtags.some((tag) => creator.hashtags.includes(tag))).toBe(true);

      expect(body.trends.length).toBeGreaterThan(0);
      expectRankedTrendInvariants(body, username);
    },
  );
});
