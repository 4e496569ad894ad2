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
 * Exits non-zero only if the benchmark itself crashes; a missed goal prints MISS.
 */
import { startFakeEnsemble } from '../test/fakes/fake-ensemble.server';
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
  const fake = await startFakeEnsemble({ latencyMs: ENSEMBLE_LATENCY_MS });
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

  async function coldAnalysis(): Promise<RunResult> {
    const { app, url } = await createTestApp(env);
    try {
      ensembleProxy.reset();
      openaiProxy.reset();
      const started = performance.now();
      const res = await fetch(`${url}/api/v1/analyze`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ profile_url: CREATOR }),
      });
      const text = await res.text();
      const wallMs = performance.now() - started;
      if (res.status !== 200) throw new Error(`analyze answered ${res.status}: ${text}`);
      const { meta } = JSON.parse(text) as { meta: AnalyzeMeta };
      const criticalMs = criticalPath(ensembleProxy.exchanges, openaiProxy.exchanges);
      return {
        wallMs,
        criticalMs,
        ratio: wallMs / criticalMs,
        ensembleCalls: ensembleProxy.exchanges.length,
        units: ensembleProxy.exchanges.reduce((sum, e) => sum + e.units, 0),
        meta,
      };
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
    console.log(`warm-up: ${warmup.wallMs.toFixed(0)} ms (not counted)`);

    const results: RunResult[] = [];
    console.log(
      'run  wall_ms  critical_ms  ratio  vs_nominal  ensemble_calls  units  meta(calls/units)  ai',
    );
    for (let i = 1; i <= RUNS; i++) {
      const r = await coldAnalysis();
      results.push(r);
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
    const expectedCalls = 2 + PICKS.length;
    const callsOk = results.every(
      (r) => r.ensembleCalls === expectedCalls && r.meta.upstream_calls === expectedCalls,
    );
    const unitsOk = results.every((r) => r.meta.units_charged === r.units);
    const llmOk = results.every((r) => r.meta.ai_source === 'openai');
    console.log(
      `median wall ${median(results.map((r) => r.wallMs)).toFixed(0)} ms, ` +
        `median critical ${median(results.map((r) => r.criticalMs)).toFixed(0)} ms, ` +
        `median ratio ${ratio.toFixed(3)} (max ${maxOf(results.map((r) => r.ratio)).toFixed(3)})`,
    );
    console.log(
      `Ensemble calls per cold analysis: ${results[0].ensembleCalls} (expected 2 + ${PICKS.length} = ${expectedCalls}) ${callsOk ? 'ok' : 'MISMATCH'}; ` +
        `units per cold analysis: ${results[0].units} (meta.units_charged ${unitsOk ? 'matches' : 'DIFFERS'}); ` +
        `LLM used: ${llmOk ? 'yes' : 'NO (fell back to local)'}`,
    );
    console.log(
      ratio <= GOAL_RATIO && callsOk && llmOk
        ? `PASS: ratio ${ratio.toFixed(3)} <= ${GOAL_RATIO}`
        : `MISS: ratio ${ratio.toFixed(3)} (goal <= ${GOAL_RATIO})${callsOk ? '' : ', unexpected call count'}${llmOk ? '' : ', LLM not used'}`,
    );
  } finally {
    await Promise.all([ensembleProxy.close(), openaiProxy.close(), fake.close(), openai.close()]);
  }
}

main().catch((error: unknown) => {
  console.error('benchmark crashed:', error);
  process.exitCode = 1;
});
