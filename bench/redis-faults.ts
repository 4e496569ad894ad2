/**
 * Cached routes while Redis misbehaves, against a baseline measured in the same run.
 *
 * Boots the real AppModule in live mode against the loopback fake Ensemble and a throwaway
 * redis-server of its own (test/support/redis-harness), warms one profile, then drives cached
 * POST /api/v1/profile with autocannon (in a worker thread) through three phases:
 *   1. baseline: Redis healthy;
 *   2. frozen:   the test's redis-server is SIGSTOPped (connections open, nothing answers);
 *   3. killed:   the redis-server is gone (connections refused).
 * It prints throughput and p99 of each phase, their ratios to the baseline, and the Ensemble
 * calls each phase cost (the fake counts them).
 *
 *   npm run bench:redis-faults   [BENCH_SECONDS=8]
 *
 * Goals (issue 10): frozen and killed throughput >= 0.5 x baseline, p99 < 300 ms on the cached
 * route, and no Ensemble call for a key this instance holds. A missed goal prints MISS; the
 * process exits non-zero only if the benchmark itself fails.
 */
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { setTimeout as sleep } from 'node:timers/promises';
import { startFakeEnsemble, type FakeEnsemble } from '../test/fakes/fake-ensemble.server';
import { startRedis, type RedisInstance } from '../test/support/redis-harness';
import { autocannon, positiveInt, type AutocannonResult } from './support/autocannon';

const SECONDS = positiveInt(process.env.BENCH_SECONDS, 8);
const CONNECTIONS = 16;
const GOAL_THROUGHPUT_RATIO = 0.5;
const GOAL_P99_MS = 300;
const USERNAME = 'chefmaya';
const BODY = JSON.stringify({ username: USERNAME });

async function boot(fake: FakeEnsemble, redis: RedisInstance): Promise<INestApplication> {
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ENSEMBLE_API_TOKEN: fake.token,
    ENSEMBLE_BASE_URL: fake.url,
    REDIS_URL: redis.url,
    MAX_REQUESTS_PER_MINUTE: '1000000',
    ANALYZE_REQUESTS_PER_MINUTE: '1000000',
  });
  for (const name of ['OPENAI_API_KEY', 'REDIS_CLUSTER_NODES', 'CLIENT_API_KEYS']) {
    delete process.env[name];
  }
  // Imported after the environment is set: the env-file choice is read at import time.
  const { AppModule } = await import('../src/app.module');
  const { configureApp } = await import('../src/bootstrap/configure-app');
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false,
    bufferLogs: true,
  });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  return app;
}

interface Phase {
  name: string;
  result: AutocannonResult;
  upstreamCalls: number;
}

async function phase(name: string, url: string, fake: FakeEnsemble): Promise<Phase> {
  const callsBefore = fake.calls.length;
  const result = await autocannon({
    url: `${url}/api/v1/profile`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    connections: CONNECTIONS,
    duration: SECONDS,
    workers: 1,
  });
  return { name, result, upstreamCalls: fake.calls.length - callsBefore };
}

function describe(p: Phase, baseline: Phase): string {
  const r = p.result;
  const ratio = r.requests.average / baseline.result.requests.average;
  return (
    `${p.name.padEnd(9)} ${r.requests.average.toFixed(0).padStart(7)} req/s (x${ratio.toFixed(2)})  ` +
    `p99 ${r.latency.p99.toFixed(0).padStart(4)} ms  max ${r.latency.max.toFixed(0).padStart(5)} ms  ` +
    `non-2xx ${r.non2xx}  errors ${r.errors}  Ensemble calls ${p.upstreamCalls}`
  );
}

function verdicts(p: Phase, baseline: Phase): string[] {
  const ratio = p.result.requests.average / baseline.result.requests.average;
  const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  return [
    `${mark(ratio >= GOAL_THROUGHPUT_RATIO)} ${p.name}: throughput ${ratio.toFixed(2)} x baseline >= ${GOAL_THROUGHPUT_RATIO}`,
    `${mark(p.result.latency.p99 < GOAL_P99_MS)} ${p.name}: p99 ${p.result.latency.p99.toFixed(0)} ms < ${GOAL_P99_MS} ms ` +
      `(x${(p.result.latency.p99 / baseline.result.latency.p99).toFixed(2)} the baseline's p99)`,
    `${mark(p.upstreamCalls === 0)} ${p.name}: ${p.upstreamCalls} Ensemble calls for a key this instance holds (goal 0)`,
    `${mark(p.result.non2xx + p.result.errors === 0)} ${p.name}: every request answered 2xx`,
  ];
}

async function main(): Promise<void> {
  const fake = await startFakeEnsemble();
  const redis = await startRedis();
  let app: INestApplication | undefined;
  try {
    app = await boot(fake, redis);
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    for (let i = 0; i < 2; i++) {
      await fetch(`${url}/api/v1/profile`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: BODY,
      });
    }
    console.log(
      `redis-faults bench: ${CONNECTIONS} connections, ${SECONDS} s per phase, cached POST /api/v1/profile`,
    );
    const baseline = await phase('baseline', url, fake);

    redis.pause();
    const frozen = await phase('frozen', url, fake);
    redis.resume();
    await sleep(1_000);

    await redis.kill();
    const killed = await phase('killed', url, fake);

    for (const p of [baseline, frozen, killed]) console.log(describe(p, baseline));
    for (const line of [...verdicts(frozen, baseline), ...verdicts(killed, baseline)]) {
      console.log(line);
    }
  } finally {
    redis.resume();
    await app?.close();
    await redis.stop();
    await fake.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
