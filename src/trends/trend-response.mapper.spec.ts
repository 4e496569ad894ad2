import { RequestStats } from '../common/context/request-context';
import type { Profile } from '../tiktok/models/tiktok.models';
import { makePost, NOW } from './trend-arbitraries.spec-helper';
import { rankTrends } from './trend-ranking';
import type { TrendAnalysis } from './trend-analysis.service';
import { toAnalyzeResponse, toTrendDto } from './trend-response.mapper';

const profile: Profile = {
  username: 'maya',
  userId: 'uid-maya',
  nickname: 'Maya',
  bio: 'cooking',
  followerCount: 10,
  followingCount: 1,
  likesCount: 5,
  videoCount: 3,
  avatarUrl: null,
  isVerified: false,
  isPrivate: false,
  region: null,
};

function analysis(): TrendAnalysis {
  const found = [
    { hashtag: 'pasta', posts: [makePost({ id: 'a', username: 'u1', views: 90_000 })] },
    {
      hashtag: 'mealprep',
      posts: [
        makePost({ id: 'a', username: 'u1', views: 90_000 }),
        makePost({ id: 'b', username: 'u2', views: 50_000 }),
        makePost({ id: 'c', username: 'u3', views: 20_000 }),
      ],
    },
  ];
  const { trends, dropped } = rankTrends({
    found,
    ownUsername: 'maya',
    now: NOW,
    windowDays: 7,
    minViews: 1000,
    maxPerAuthor: 2,
    maxResults: 50,
  });
  return {
    id: '6f1c2d3e-4b5a-4c6d-8e7f-901234567890',
    profile,
    posts: [],
    pick: {
      hashtags: ['mealprep', 'pasta', 'x', 'y', 'z'],
      insights: [],
      source: 'local',
      model: 'local-extractor',
      warnings: [],
      llmTokens: 0,
    },
    trends: trends.map((t, i) => ({
      ...t,
      firstSeenAt: NOW - i * 3_600_000,
      isNew: i === 0 ? true : false,
    })),
    dropped,
    warnings: [],
    partial: false,
    generatedAt: NOW,
    previousAnalysisAt: NOW - 86_400_000,
  };
}

describe('trend response mapping', () => {
  it('carries the trend memory: first sighting, is_new, analysis id and the previous analysis', () => {
    const full = analysis();
    const body = toAnalyzeResponse(full, {
      limit: 50,
      source: 'demo',
      stats: new RequestStats(),
      durationMs: 5,
      windowDays: 7,
    });
    expect(body.meta.analysis_id).toBe(full.id);
    expect(body.meta.previous_analysis_at).toBe(new Date(NOW - 86_400_000).toISOString());
    expect(body.trends.map((t) => t.is_new)).toEqual(full.trends.map((t) => t.isNew));
    expect(body.trends[1].first_seen_at).toBe(new Date(NOW - 3_600_000).toISOString());
    expect(body.trends[0].score_breakdown.velocity_source).toBe('lifetime');
  });

  it('names the best-ranked pick a video matched as its `hashtag`, not the alphabetical first', () => {
    const a = analysis().trends.find((t) => t.post.id === 'a')!;
    expect(a.matchedHashtags).toEqual(['mealprep', 'pasta']);
    expect(toTrendDto(a, ['pasta', 'mealprep']).hashtag).toBe('pasta');
    expect(toTrendDto(a, ['mealprep', 'pasta']).hashtag).toBe('mealprep');
  });

  it('cuts the cached ranking to the requested limit, keeping its top', () => {
    const full = analysis();
    const ctx = {
      source: 'demo' as const,
      stats: new RequestStats(),
      durationMs: 5,
      windowDays: 7,
    };
    const two = toAnalyzeResponse(full, { ...ctx, limit: 2 });
    const all = toAnalyzeResponse(full, { ...ctx, limit: 50 });
    expect(all.trends).toHaveLength(3);
    expect(two.trends.map((t) => t.id)).toEqual(all.trends.slice(0, 2).map((t) => t.id));
    expect(two.meta.cache).toBe('MISS');
    expect(two.analysis_summary).toContain('Found 2 trending videos');
  });
});
