/**
 * How close a cold POST /api/v1/analyze comes to its critical path.
 *
 * The pipeline is profile ‖ posts → LLM pick → one round of parallel hashtag searches, so with
 * every Ensemble call taking ~300 ms and the LLM ~800 ms nothing can answer faster than
 * 300 + 800 + 300 = 1.4 s. Against loopback fakes with exactly those delays, each cold analysis
 * (a fresh app, so a fresh in-memory cache) is timed end to end and compared with the critical
 * path computed from the latencies actually observed per upstream call (recorded by proxies in
 * front of the fakes). A ratio near 1 means no needless serialisation and little overhead.
 *
 *   npx ts-node --transpile-only bench/analyze-critical-path.ts   [BENCH_RUNS=5]
 *
 * The corpus is the fixture corpus made deep enough to tempt extra calls: the creator has two
 * pinned posts and 37 in all (so "the latest 20" is not simply the first page), and every picked
 * hashtag matches three search pages. Goals: ratio <= 1.15, at most 7 Ensemble calls and
 * 10 units per cold analysis (meta.units_charged telling the same), 0 calls when warm.
 * Then, for information, one cold run per ANALYZE_SEARCH_PAGES value above the default.
 *
 * Exits non-zero only if the benchmark itself crashes; a missed goal prints MISS.
 */
import { startFakeEnsemble } from '../test/fakes/fake-ensemble.server';
import {
  FIXTURE_USERS,
  fixtureCorpus,
  type FixtureCorpus,
  type FixturePost,
} from '../test/fakes/ensemble-fixtures';
import { fakeReply, startFakeOpenAi } from '../test/fakes/fake-openai.server';
import { startRecordingProxy, type ProxyExchange } from '../test/support/analyze/recording-proxy';
import { createTestApp } from '../test/support/test-app';

const RUNS = positiveInt(process.env.BENCH_RUNS, 5);
const ENSEMBLE_LATENCY_MS = 300;
const LLM_DELAY_MS = 800;
const GOAL_RATIO = 1.15;
const CREATOR = 'chefmaya';
/** Every pick finds videos by keyword search, so there is exactly one search round. */
const PICKS = ['pasta', 'recipe', 'foodtok', 'easyrecipe', 'dinnerideas'];
const NOMINAL_CRITICAL_MS = ENSEMBLE_LATENCY_MS + LLM_DELAY_MS + ENSEMBLE_LATENCY_MS;
const GOAL_MAX_CALLS = 7;
const GOAL_MAX_UNITS = 10;
const HOUR_S = 3600;

/**
 * The fixture corpus plus 25 more posts by the creator (one more pinned) and 50 recent posts by
 * other authors for every pick, so searches have three pages and posts a third depth.
 */
function deepCorpus(now: number): FixtureCorpus {
  const base = fixtureCorpus(now);
  const t = Math.floor(now / 1000);
  // Distinct authors, so the two-per-author cap does not hide what deeper searches find.
  const others = Array.from({ length: 60 }, (_, i) => ({
    ...FIXTURE_USERS.grillmasterJoe,
    uid: `70199999999999${String(i).padStart(5, '0')}`,
    uniqueId: `bench_cook_${i}`,
    nickname: `Bench Cook ${i}`,
    secUid: `MS4wLjABAAAAbenchcook${i}`,
  }));
  const extra: FixturePost[] = [];
  for (let i = 0; i < 25; i++) {
    extra.push({
      id: `7499000000000000${String(i).padStart(3, '0')}`,
      author: FIXTURE_USERS.chefmaya,
      desc: `Kitchen diary ${i} #homecooking #recipe`,
      createTime: t - (5 + i * 30) * HOUR_S,
      views: 50_000 + i * 1_000,
      likes: 4_000 + i * 100,
      comments: 50,
      shares: 20,
      collects: 100,
      isTop: i === 24,
    });
  }
  PICKS.forEach((pick, p) => {
    for (let i = 0; i < 50; i++) {
      extra.push({
        id: `7498${String(p).padStart(2, '0')}000000000${String(i).padStart(3, '0')}`,
        author: others[(i + p * 7) % others.length],
        desc: `${pick} idea number ${i} #${pick}`,
        createTime: t - (1 + i * 3) * HOUR_S,
        views: 20_000 + i * 3_000,
        likes: 2_000 + i * 500,
        comments: 40,
        shares: 10,
        collects: 30,
      });
    }
  });
  return { ...base, users: [...base.users, ...others], posts: [...base.posts, ...extra] };
}

interface AnalyzeMeta {
  ai_source: string;
  upstream_calls: number;
  units_charged: number;
  partial: boolean;
  cache: string;
}

interface RunResult {
  wallMs: number;
  criticalMs: number;
  ratio: number;
  ensembleCalls: number;
  units: number;
  trends: number;
  meta: AnalyzeMeta;
}

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

const duration = (e: ProxyExchange): number => e.endedAt - e.startedAt;
const maxOf = (values: number[]): number => values.reduce((m, v) => Math.max(m, v), 0);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The shortest possible time given what each call took: the slower of profile and posts, then
 * the LLM (all attempts, they are sequential), then the slowest hashtag — its keyword search plus,
 * when the search came back empty, its hashtag-feed fallback.
 */
function criticalPath(ensemble: ProxyExchange[], llm: ProxyExchange[]): number {
  const creator = maxOf(
    ensemble.filter((e) => e.path === '/tt/user/info' || e.path === '/tt/user/posts').map(duration),
  );
  const pick = llm.reduce((sum, e) => sum + duration(e), 0);
  const perHashtag = new Map<string, number>();
  for (const e of ensemble) {
    if (e.path !== '/tt/keyword/search' && e.path !== '/tt/hashtag/posts') continue;
    const name = e.params.name ?? '';
    perHashtag.set(name, (perHashtag.get(name) ?? 0) + duration(e));
  }
  return creator + pick + maxOf([...perHashtag.values()]);
}

async function main(): Promise<void> {
  const fake = await startFakeEnsemble({
    latencyMs: ENSEMBLE_LATENCY_MS,
    corpus: deepCorpus(Date.now()),
  });
  const ensembleProxy = await startRecordingProxy(fake.url);
  const openai = await startFakeOpenAi();
  openai.setDefault(fakeReply.answer(PICKS, { delayMs: LLM_DELAY_MS }));
  const openaiProxy = await startRecordingProxy(openai.url);

  const env = {
    ENSEMBLE_API_TOKEN: fake.token,
    ENSEMBLE_BASE_URL: ensembleProxy.url,
    OPENAI_API_KEY: 'sk-bench-analyze-critical-path-0000',
    OPENAI_BASE_URL: openaiProxy.url,
    OPENAI_TIMEOUT_MS: '5000',
    MAX_REQUESTS_PER_MINUTE: '100000',
    ANALYZE_REQUESTS_PER_MINUTE: '100000',
  };

  async function analyzeOnce(url: string): Promise<RunResult> {
    ensembleProxy.reset();
    openaiProxy.reset();
    const started = performance.now();
    const res = await fetch(`${url}/api/v1/analyze`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ profile_url: CREATOR, limit: 50 }),
    });
    const text = await res.text();
    const wallMs = performance.now() - started;
    if (res.status !== 200) throw new Error(`analyze answered ${res.status}: ${text}`);
    const { meta, trends } = JSON.parse(text) as { meta: AnalyzeMeta; trends: unknown[] };
    const criticalMs = criticalPath(ensembleProxy.exchanges, openaiProxy.exchanges);
    return {
      wallMs,
      criticalMs,
      ratio: wallMs / criticalMs,
      ensembleCalls: ensembleProxy.exchanges.length,
      units: ensembleProxy.exchanges.reduce((sum, e) => sum + e.units, 0),
      trends: trends.length,
      meta,
    };
  }

  /** A fresh app (fresh in-memory cache), analysed cold and then once more warm. */
  async function coldAnalysis(
    extraEnv: Record<string, string> = {},
  ): Promise<{ cold: RunResult; warm: RunResult }> {
    const { app, url } = await createTestApp({ ...env, ...extraEnv });
    try {
      const cold = await analyzeOnce(url);
      const warm = await analyzeOnce(url);
      return { cold, warm };
    } finally {
      await app.close();
    }
  }

  try {
    console.log(
      `analyze critical path — Ensemble ${ENSEMBLE_LATENCY_MS} ms/call, LLM ${LLM_DELAY_MS} ms, ` +
        `nominal critical path ${NOMINAL_CRITICAL_MS} ms, ${RUNS} cold runs (fresh app each), goal ratio <= ${GOAL_RATIO}`,
    );
    // The first boot pays for module loading and JIT; it says nothing about the pipeline.
    const warmup = await coldAnalysis();
    console.log(`warm-up: ${warmup.cold.wallMs.toFixed(0)} ms (not counted)`);

    const results: RunResult[] = [];
    const warmRuns: RunResult[] = [];
    console.log(
      'run  wall_ms  critical_ms  ratio  vs_nominal  ensemble_calls  units  meta(calls/units)  ai',
    );
    for (let i = 1; i <= RUNS; i++) {
      const { cold: r, warm } = await coldAnalysis();
      results.push(r);
      warmRuns.push(warm);
      console.log(
        [
          String(i).padStart(3),
          r.wallMs.toFixed(0).padStart(8),
          r.criticalMs.toFixed(0).padStart(12),
          r.ratio.toFixed(3).padStart(6),
          (r.wallMs / NOMINAL_CRITICAL_MS).toFixed(3).padStart(11),
          String(r.ensembleCalls).padStart(15),
          String(r.units).padStart(6),
          `${r.meta.upstream_calls}/${r.meta.units_charged}`.padStart(18),
          ` ${r.meta.ai_source}`,
        ].join(' '),
      );
    }

    const ratio = median(results.map((r) => r.ratio));
    const maxCalls = maxOf(results.map((r) => r.ensembleCalls));
    const maxUnits = maxOf(results.map((r) => r.units));
    const callsOk = results.every(
      (r) => r.ensembleCalls <= GOAL_MAX_CALLS && r.meta.upstream_calls === r.ensembleCalls,
    );
    const unitsOk = results.every(
      (r) => r.units <= GOAL_MAX_UNITS && r.meta.units_charged === r.units,
    );
    const metaUnitsOk = results.every((r) => r.meta.units_charged === r.units);
    const warmOk = warmRuns.every(
      (w) =>
        w.ensembleCalls === 0 &&
        w.meta.upstream_calls === 0 &&
        w.meta.units_charged === 0 &&
        w.meta.cache === 'HIT',
    );
    const llmOk = results.every((r) => r.meta.ai_source === 'openai');
    console.log(
      `median wall ${median(results.map((r) => r.wallMs)).toFixed(0)} ms, ` +
        `median critical ${median(results.map((r) => r.criticalMs)).toFixed(0)} ms, ` +
        `median ratio ${ratio.toFixed(3)} (max ${maxOf(results.map((r) => r.ratio)).toFixed(3)})`,
    );
    console.log(
      `warm (same app, second request): Ensemble calls ${maxOf(warmRuns.map((w) => w.ensembleCalls))}, ` +
        `meta ${warmRuns[0].meta.upstream_calls}/${warmRuns[0].meta.units_charged}, cache ${warmRuns[0].meta.cache}, ` +
        `median ${median(warmRuns.map((w) => w.wallMs)).toFixed(1)} ms`,
    );
    console.log(`LLM used: ${llmOk ? 'yes' : 'NO (fell back to local)'}`);
    const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
    console.log(
      `${verdict(ratio <= GOAL_RATIO && llmOk)} ratio ${ratio.toFixed(3)} <= ${GOAL_RATIO}`,
    );
    console.log(
      `${verdict(callsOk)} Ensemble calls per cold analysis: max ${maxCalls} <= ${GOAL_MAX_CALLS}` +
        ` (meta.upstream_calls ${callsOk || results.every((r) => r.meta.upstream_calls === r.ensembleCalls) ? 'matches' : 'DIFFERS'})`,
    );
    console.log(
      `${verdict(unitsOk)} units per cold analysis: max ${maxUnits} <= ${GOAL_MAX_UNITS}` +
        ` (meta.units_charged ${metaUnitsOk ? 'matches' : 'DIFFERS'})`,
    );
    console.log(
      `${verdict(warmOk)} warm analysis: 0 Ensemble calls, meta.units_charged 0, X-Cache HIT`,
    );
    const all = ratio <= GOAL_RATIO && llmOk && callsOk && unitsOk && warmOk;
    console.log(all ? 'PASS: every goal met' : 'MISS: see the lines above');

    // What more search pages buy: more candidates per hashtag, for units and serial round trips.
    console.log(
      'ANALYZE_SEARCH_PAGES  wall_ms  critical_ms  ratio  ensemble_calls  units  trends (limit 50)',
    );
    for (const pages of [1, 2, 3]) {
      const r =
        pages === 1
          ? results[0]
          : (await coldAnalysis({ ANALYZE_SEARCH_PAGES: String(pages) })).cold;
      console.log(
        [
          String(pages).padStart(20),
          r.wallMs.toFixed(0).padStart(8),
          r.criticalMs.toFixed(0).padStart(12),
          r.ratio.toFixed(3).padStart(6),
          String(r.ensembleCalls).padStart(15),
          String(r.units).padStart(6),
          String(r.trends).padStart(7),
        ].join(' '),
      );
    }
  } finally {
    await Promise.all([ensembleProxy.close(), openaiProxy.close(), fake.close(), openai.close()]);
  }
}

main().catch((error: unknown) => {
  console.error('benchmark crashed:', error);
  process.exitCode = 1;
});
