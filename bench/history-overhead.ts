/**
 * What the trend memory costs a cold POST /api/v1/analyze: the same analysis with history on and
 * off, against loopback fakes with realistic latencies (Ensemble 300 ms per call, LLM 800 ms).
 * Two apps run side by side — one with the store, one with HISTORY_ENABLED=false — every cache TTL
 * is 0 so each analysis is cold, and runs alternate between them so both see the same machine load.
 * The history app reads the previous analysis and video observations and queues its writes, as in
 * production. Goal: on/off <= 1.05.
 *
 *   npx ts-node --transpile-only bench/history-overhead.ts   [BENCH_RUNS=7]
 *   BENCH_DATABASE_URL=postgres://… measures PostgreSQL instead of the embedded store.
 *
 * Exits non-zero only if the benchmark itself crashes; a missed goal prints MISS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeEnsemble } from '../test/fakes/fake-ensemble.server';
import { fakeReply, startFakeOpenAi } from '../test/fakes/fake-openai.server';
import { createTestApp } from '../test/support/test-app';

const RUNS = positiveInt(process.env.BENCH_RUNS, 7);
const DATABASE_URL = process.env.BENCH_DATABASE_URL;
const ENSEMBLE_LATENCY_MS = 300;
const LLM_DELAY_MS = 800;
const GOAL_RATIO = 1.05;
const CREATOR = 'chefmaya';
const PICKS = ['pasta', 'recipe', 'foodtok', 'easyrecipe', 'dinnerideas'];

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function timedAnalysis(url: string): Promise<{ ms: number; analysisId: unknown }> {
  const started = performance.now();
  const res = await fetch(`${url}/api/v1/analyze`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ profile_url: CREATOR }),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`analyze answered ${res.status}: ${text}`);
  const { meta } = JSON.parse(text) as { meta: { analysis_id: unknown; cache: string } };
  if (meta.cache !== 'MISS') throw new Error('expected a cold analysis');
  return { ms, analysisId: meta.analysis_id };
}

async function main(): Promise<void> {
  const fake = await startFakeEnsemble({ latencyMs: ENSEMBLE_LATENCY_MS });
  const openai = await startFakeOpenAi();
  openai.setDefault(fakeReply.answer(PICKS, { delayMs: LLM_DELAY_MS }));
  const dataDir = DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), 'trendxl-bench-'));
  const env = {
    ENSEMBLE_API_TOKEN: fake.token,
    ENSEMBLE_BASE_URL: fake.url,
    OPENAI_API_KEY: 'sk-bench-history-overhead-0000',
    OPENAI_BASE_URL: openai.url,
    OPENAI_TIMEOUT_MS: '5000',
    MAX_REQUESTS_PER_MINUTE: '100000',
    ANALYZE_REQUESTS_PER_MINUTE: '100000',
    CACHE_PROFILE_TTL: '0',
    CACHE_POSTS_TTL: '0',
    CACHE_HASHTAG_TTL: '0',
    CACHE_ANALYSIS_TTL: '0',
  };
  const on = await createTestApp({
    ...env,
    HISTORY_ENABLED: 'true',
    HISTORY_OBSERVATION_INTERVAL_S: '0',
    ...(DATABASE_URL ? { DATABASE_URL } : { DATA_DIR: dataDir }),
  });
  const off = await createTestApp({ ...env, HISTORY_ENABLED: 'false' });
  try {
    console.log(
      `history overhead — cold /analyze, Ensemble ${ENSEMBLE_LATENCY_MS} ms/call, LLM ${LLM_DELAY_MS} ms, ` +
        `store ${DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}, ${RUNS} runs each (alternating), goal on/off <= ${GOAL_RATIO}`,
    );
    // The first analyses pay for JIT and the store's first queries; they say nothing about the steady state.
    await timedAnalysis(on.url);
    await timedAnalysis(off.url);

    const onMs: number[] = [];
    const offMs: number[] = [];
    console.log('run  on_ms  off_ms  on/off');
    for (let i = 1; i <= RUNS; i++) {
      // Alternate which goes first so neither always follows the other's background writes.
      const first = i % 2 === 1 ? on : off;
      const second = first === on ? off : on;
      const a = await timedAnalysis(first.url);
      const b = await timedAnalysis(second.url);
      const [withHistory, without] = first === on ? [a, b] : [b, a];
      if (typeof withHistory.analysisId !== 'string') throw new Error('history app stored nothing');
      onMs.push(withHistory.ms);
      offMs.push(without.ms);
      console.log(
        `${String(i).padStart(3)} ${withHistory.ms.toFixed(0).padStart(6)} ${without.ms.toFixed(0).padStart(7)} ` +
          `${(withHistory.ms / without.ms).toFixed(3).padStart(7)}`,
      );
    }
    const ratio = median(onMs) / median(offMs);
    console.log(
      `median on ${median(onMs).toFixed(0)} ms, median off ${median(offMs).toFixed(0)} ms, ratio ${ratio.toFixed(3)}`,
    );
    console.log(
      ratio <= GOAL_RATIO
        ? `PASS: on/off ${ratio.toFixed(3)} <= ${GOAL_RATIO}`
        : `MISS: on/off ${ratio.toFixed(3)} (goal <= ${GOAL_RATIO})`,
    );
  } finally {
    await Promise.all([on.app.close(), off.app.close()]);
    await Promise.all([fake.close(), openai.close()]);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('benchmark crashed:', error);
  process.exitCode = 1;
});
