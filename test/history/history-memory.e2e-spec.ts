import { parse } from 'csv-parse/sync';
import type { AnalyzeResponseDto, TrendDto } from '../../src/trends/dto/analyze.response.dto';
import { CREATOR } from '../support/analyze/analyze-corpus';
import { getPath, postJson } from '../support/http';
import {
  createTempDataDir,
  createTestDatabase,
  type TestDatabase,
} from '../support/postgres-harness';
import {
  newcomerPost,
  NO_CACHE,
  seedStore,
  sleep,
  startHistoryWorld,
  storeEnv,
  type Driver,
  type HistoryWorld,
  type SeedRow,
} from './history-testing';

interface VideoHistory {
  id: string;
  observations: { observed_at: string; views: number; likes: number }[];
}

interface AnalysesPage {
  analyses: { id: string; analyzed_at: string; hashtags: string[]; trend_count: number }[];
  next_cursor: string | null;
}

const HOUR_MS = 3_600_000;

describe.each<Driver>(['postgres', 'embedded'])('trend memory on %s', (driver) => {
  let world: HistoryWorld;
  let database: TestDatabase | undefined;
  let dataDir: { path: string; remove: () => void } | undefined;
  let target: string;

  beforeAll(async () => {
    world = await startHistoryWorld();
    if (driver === 'postgres') {
      database = await createTestDatabase();
      target = database.url;
    } else {
      dataDir = createTempDataDir();
      target = dataDir.path;
    }
  });

  afterAll(async () => {
    await world?.close();
    await database?.drop();
    dataDir?.remove();
  });

  it('remembers two analyses: observed velocity, what is new, video history, CSV, listing', async () => {
    const { url } = await world.boot(driver, {
      ...storeEnv(driver, target),
      ...NO_CACHE,
      HISTORY_OBSERVATION_INTERVAL_S: '1',
      HISTORY_VELOCITY_MIN_GAP_S: '1',
    });

    const first = await world.analyze(url, CREATOR.uniqueId);
    expect(first.meta.analysis_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.meta.previous_analysis_at).toBeNull();
    expect(first.trends.length).toBeGreaterThan(1);
    for (const trend of first.trends) {
      expect(trend.is_new).toBeNull();
      expect(trend.score_breakdown.velocity_source).toBe('lifetime');
      expect(trend.first_seen_at).toBe(first.meta.generated_at);
    }

    // The upstream moves on: the top video gains views, a new video appears.
    const moved = first.trends[0];
    const corpusPost = world.live.fake.corpus.posts.find((p) => p.id === moved.id)!;
    const gained = 36_000;
    corpusPost.views = moved.views + gained;
    const newcomer = newcomerPost(Date.now());
    world.live.fake.corpus.users.push(newcomer.author);
    world.live.fake.corpus.posts.push(newcomer);
    await sleep(1500); // past HISTORY_VELOCITY_MIN_GAP_S and the observation interval

    const second = await world.analyze(url, CREATOR.uniqueId);
    expect(second.meta.analysis_id).not.toBe(first.meta.analysis_id);
    expect(second.meta.previous_analysis_at).toBe(first.meta.generated_at);

    // is_new: the newcomer is new, every video the first analysis listed is not.
    const firstIds = new Set(first.trends.map((t) => t.id));
    const fresh = second.trends.find((t) => t.id === newcomer.id);
    expect(fresh?.is_new).toBe(true);
    expect(fresh?.first_seen_at).toBe(second.meta.generated_at);
    for (const trend of second.trends) {
      expect(trend.is_new).toBe(!firstIds.has(trend.id));
    }

    // A two-point history of the moved video, oldest first.
    const history = await getPath(url, `/api/v1/videos/${moved.id}/history`);
    expect(history.status).toBe(200);
    const { observations } = history.body as VideoHistory;
    expect(observations.map((o) => o.views)).toEqual([moved.views, moved.views + gained]);

    // The creator's own posts and /hashtag/search results are observed as well.
    expect((await getPath(url, `/api/v1/videos/${second.posts[0].id}/history`)).status).toBe(200);
    const search = await postJson(url, '/api/v1/hashtag/search', {
      hashtag: 'smoker',
      count: 5,
      period: 30,
    });
    const found = (search.body as { posts: { id: string }[] }).posts;
    const unseen = found.find((p) => !second.trends.some((t) => t.id === p.id));
    expect(unseen).toBeDefined();
    expect((await getPath(url, `/api/v1/videos/${unseen!.id}/history`)).status).toBe(200);

    // Observed velocity: views gained since the first observation, per hour, up to this analysis.
    const again = second.trends.find((t) => t.id === moved.id)!;
    const hours =
      (Date.parse(second.meta.generated_at) - Date.parse(observations[0].observed_at)) / HOUR_MS;
    expect(again.score_breakdown.velocity_source).toBe('observed');
    expect(again.score_breakdown.views_per_hour).toBeCloseTo(gained / hours, 1);
    expect(again.first_seen_at).toBe(observations[0].observed_at);
    expect(fresh?.score_breakdown.velocity_source).toBe('lifetime');

    // The stored analysis answers in the /analyze shape.
    const stored = await getPath(url, `/api/v1/analyses/${second.meta.analysis_id}`);
    expect(stored.status).toBe(200);
    const storedBody = stored.body as AnalyzeResponseDto;
    expect(storedBody.trends).toEqual(second.trends);
    expect(storedBody.hashtags).toEqual(second.hashtags);
    expect(storedBody.meta.analysis_id).toBe(second.meta.analysis_id);

    // The CSV reads back to the same trends.
    const csv = await getPath(url, `/api/v1/analyses/${second.meta.analysis_id}/trends.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.text).toMatch(
      /^rank,id,tiktok_url,author,caption,views,likes,comments,shares,create_time,score,matched_hashtags,is_new\r\n/,
    );
    const rows = parse<Record<string, string>>(csv.text, { columns: true });
    expect(rows).toEqual(second.trends.map((t, i) => csvRow(t, i)));

    // The creator's analyses, newest first, page by page.
    const page1 = await getPath(url, `/api/v1/creators/${CREATOR.uniqueId}/analyses?limit=1`);
    expect(page1.status).toBe(200);
    const p1 = page1.body as AnalysesPage;
    expect(p1.analyses.map((a) => a.id)).toEqual([second.meta.analysis_id]);
    expect(p1.analyses[0].trend_count).toBe(second.trends.length);
    expect(p1.next_cursor).not.toBeNull();
    const page2 = await getPath(
      url,
      `/api/v1/creators/@${CREATOR.uniqueId}/analyses?limit=1&cursor=${p1.next_cursor}`,
    );
    const p2 = page2.body as AnalysesPage;
    expect(p2.analyses.map((a) => a.id)).toEqual([first.meta.analysis_id]);
    expect(p2.next_cursor).toBeNull();

    // The hashtag's daily series counts the videos seen under it today.
    const tag = await getPath(url, '/api/v1/hashtags/pasta/history?days=3');
    expect(tag.status).toBe(200);
    const points = (tag.body as { points: { date: string; videos: number; views: number }[] })
      .points;
    expect(points).toHaveLength(3);
    const today = points[2];
    expect(today.date).toBe(new Date().toISOString().slice(0, 10));
    expect(today.videos).toBeGreaterThanOrEqual(2);
    expect(today.views).toBeGreaterThan(newcomer.views as number);

    // Writes are counted.
    const metrics = await getPath(url, '/metrics');
    expect(metrics.text).toContain('trendxl_history_rows_written_total{kind="analysis"} 2');
    expect(metrics.text).toContain('trendxl_history_write_failures_total{kind="analysis"} 0');

    const health = await getPath(url, '/health');
    expect((health.body as { services: { database: string } }).services.database).toBe(
      driver === 'postgres' ? 'connected' : 'embedded',
    );
  });

  it('compares "what is new" with the last analysis run as the same country', async () => {
    await world.closeApps();
    const { url } = await world.boot(driver, { ...storeEnv(driver, target), ...NO_CACHE });
    const creator = CREATOR.uniqueId;

    const plain = await world.analyzeStored(url, creator);
    const gb = await world.analyzeStored(url, creator, 'GB');
    // Searches run as another country answer other videos: no earlier analysis to compare with.
    expect(gb.meta.previous_analysis_at).toBeNull();
    for (const trend of gb.trends) expect(trend.is_new).toBeNull();

    const gbAgain = await world.analyzeStored(url, creator, 'gb');
    expect(gbAgain.meta.previous_analysis_at).toBe(gb.meta.generated_at);
    const plainAgain = await world.analyzeStored(url, creator);
    expect(plainAgain.meta.previous_analysis_at).toBe(plain.meta.generated_at);
    for (const trend of plainAgain.trends) expect(trend.is_new).toBe(false);
  });

  it('prunes what is older than HISTORY_RETENTION_DAYS at boot', async () => {
    await world.closeApps();
    const now = Date.now();
    const oldVideo = '7400000000000000881';
    const recentVideo = '7400000000000000882';
    const oldAnalysis = '11111111-1111-4111-8111-111111111111';
    const daysAgo = (days: number) => new Date(now - days * 24 * HOUR_MS).toISOString();
    const observation = (video: string, days: number): SeedRow => ({
      table: 'video_observations',
      values: {
        video_id: video,
        observed_at: daysAgo(days),
        views: 100,
        likes: 1,
        comments: 1,
        shares: 1,
        favorites: 1,
      },
    });
    await seedStore(driver, target, [
      observation(oldVideo, 40),
      observation(recentVideo, 5),
      {
        table: 'analyses',
        values: {
          id: oldAnalysis,
          creator: 'chefmaya',
          analyzed_at: daysAgo(40),
          ai_source: 'local',
          hashtags: '{}',
          trend_ids: '{}',
          trend_count: 0,
          units_charged: 0,
          warnings: '[]',
          snapshot: '{}',
        },
      },
    ]);

    const { url } = await world.boot(driver, {
      ...storeEnv(driver, target),
      HISTORY_RETENTION_DAYS: '30',
    });

    expect((await getPath(url, `/api/v1/videos/${oldVideo}/history`)).status).toBe(404);
    expect((await getPath(url, `/api/v1/analyses/${oldAnalysis}`)).status).toBe(404);
    const recent = await getPath(url, `/api/v1/videos/${recentVideo}/history`);
    expect(recent.status).toBe(200);
    expect((recent.body as VideoHistory).observations).toHaveLength(1);
  });
});

function csvRow(t: TrendDto, i: number): Record<string, string> {
  return {
    rank: String(i + 1),
    id: t.id,
    tiktok_url: t.tiktok_url,
    author: t.author.username,
    caption: t.caption,
    views: String(t.views),
    likes: String(t.likes),
    comments: String(t.comments),
    shares: String(t.shares),
    create_time: t.create_time,
    score: String(t.trend_score),
    matched_hashtags: t.matched_hashtags.join(' '),
    is_new: t.is_new === null ? '' : String(t.is_new),
  };
}
