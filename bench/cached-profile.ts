/**
 * How close a cached POST /api/v1/profile comes to a bare route of the same app.
 *
 * Boots the real AppModule (demo data, its own throwaway Redis from the test harness, limits
 * raised out of the way) plus one extra controller, POST /bench/bare, that returns the very JSON
 * the cached profile returns without validation, cache lookup or mapping. Both routes go through
 * the same middleware, global guard (the Redis rate limiter), interceptors and filter, so the
 * ratio isolates the cost of the cached path itself. The load generator runs in a worker thread
 * so it does not share the server's event loop.
 *
 *   npx ts-node --transpile-only bench/cached-profile.ts   [BENCH_SECONDS=10] [BENCH_BACKEND=memory]
 *
 * Goals: cached req/s >= 0.8 x bare req/s; cached p99 <= 10 ms. Exits non-zero only if the
 * benchmark itself crashes; a missed goal prints MISS.
 */
import { Controller, HttpCode, type INestApplication, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { startRedis, type RedisInstance } from '../test/support/redis-harness';
import { autocannon, positiveInt, type AutocannonResult } from './support/autocannon';

const SECONDS = positiveInt(process.env.BENCH_SECONDS, 10);
/** `memory` runs the same bench without Redis (cache and limiter in process), for comparison. */
const BACKEND = process.env.BENCH_BACKEND === 'memory' ? 'memory' : 'redis';
const WARMUP_SECONDS = 2;
const CONNECTIONS = 64;
const GOAL_RATIO = 0.8;
const GOAL_P99_MS = 10;
const USERNAME = 'demo_cooking_carlos';
const PROFILE_BODY = JSON.stringify({ username: USERNAME });

/** The cached profile as JSON, captured after warming; what the bare route answers. */
let snapshot: unknown = null;

@Controller('bench')
class BareController {
  @Post('bare')
  @HttpCode(200)
  bare(): unknown {
    return snapshot;
  }
}

async function boot(
  redis: RedisInstance | undefined,
): Promise<{ app: INestApplication; url: string }> {
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    MAX_REQUESTS_PER_MINUTE: '1000000',
    ANALYZE_REQUESTS_PER_MINUTE: '1000000',
  });
  for (const name of ['ENSEMBLE_API_TOKEN', 'OPENAI_API_KEY', 'REDIS_URL', 'REDIS_CLUSTER_NODES']) {
    delete process.env[name];
  }
  if (redis) process.env.REDIS_URL = redis.url;
  // Imported after the environment is set: the env-file choice is read at import time.
  const { AppModule } = await import('../src/app.module');
  const { configureApp } = await import('../src/bootstrap/configure-app');

  @Module({ imports: [AppModule], controllers: [BareController] })
  class BenchModule {}

  const app = await NestFactory.create<NestExpressApplication>(BenchModule, {
    bodyParser: false,
    bufferLogs: true,
  });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url };
}

async function postProfile(
  url: string,
): Promise<{ status: number; cache: string | null; body: string }> {
  const res = await fetch(`${url}/api/v1/profile`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: PROFILE_BODY,
  });
  return { status: res.status, cache: res.headers.get('x-cache'), body: await res.text() };
}

function load(url: string, seconds: number): Promise<AutocannonResult> {
  return autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: PROFILE_BODY,
    connections: CONNECTIONS,
    duration: seconds,
    workers: 1,
  });
}

function describeRun(name: string, r: AutocannonResult): string {
  return (
    `${name.padEnd(28)} ${r.requests.average.toFixed(0).padStart(7)} req/s   ` +
    `latency p50 ${r.latency.p50.toFixed(1)} ms, p99 ${r.latency.p99.toFixed(1)} ms, ` +
    `max ${r.latency.max.toFixed(1)} ms   non-2xx ${r.non2xx}, errors ${r.errors}`
  );
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const redis = BACKEND === 'redis' ? await startRedis() : undefined;
  let app: INestApplication | undefined;
  try {
    const booted = await boot(redis);
    app = booted.app;
    const { url } = booted;

    const cold = await postProfile(url);
    const warm = await postProfile(url);
    if (cold.status !== 200 || warm.status !== 200 || warm.cache !== 'HIT') {
      throw new Error(
        `warm-up failed: ${cold.status}/${cold.cache} then ${warm.status}/${warm.cache}: ${warm.body.slice(0, 200)}`,
      );
    }
    snapshot = JSON.parse(warm.body) as unknown;
    const bare = await fetch(`${url}/bench/bare`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: PROFILE_BODY,
    });
    if ((await bare.text()) !== warm.body) throw new Error('the bare route answers other JSON');
    // Same pipeline: the bare route also passes the global (Redis) rate-limit guard.
    if (bare.headers.get('x-ratelimit-limit') === null) {
      throw new Error('the bare route skipped the rate-limit guard');
    }

    console.log(
      `cached-profile bench: ${CONNECTIONS} connections, ${SECONDS} s per route, ` +
        `demo data, ${redis ? `Redis cache on ${redis.url}` : 'in-memory cache'}, ` +
        `${warm.body.length} B body`,
    );
    await load(`${url}/api/v1/profile`, WARMUP_SECONDS);
    await load(`${url}/bench/bare`, WARMUP_SECONDS);

    const cached = await load(`${url}/api/v1/profile`, SECONDS);
    const baseline = await load(`${url}/bench/bare`, SECONDS);
    const after = await postProfile(url);

    console.log(describeRun('cached POST /api/v1/profile', cached));
    console.log(describeRun('bare POST /bench/bare', baseline));
    const ratio = cached.requests.average / baseline.requests.average;
    console.log(`ratio cached/bare: ${ratio.toFixed(3)} (goal >= ${GOAL_RATIO})`);
    console.log(
      `cached p99 latency: ${cached.latency.p99.toFixed(1)} ms (goal <= ${GOAL_P99_MS} ms)`,
    );
    console.log(`still served from cache afterwards: X-Cache ${after.cache}`);
    const memory = process.memoryUsage();
    console.log(
      `process RSS after: ${mb(memory.rss)} (heap used ${mb(memory.heapUsed)}; ` +
        'load generator thread included)',
    );

    const clean = cached.non2xx + cached.errors + baseline.non2xx + baseline.errors === 0;
    if (!clean) console.log('WARNING: some requests failed; the numbers above are suspect');
    console.log(
      `${ratio >= GOAL_RATIO ? 'PASS' : 'MISS'} throughput ratio ${ratio.toFixed(3)} >= ${GOAL_RATIO}`,
    );
    console.log(
      `${cached.latency.p99 <= GOAL_P99_MS ? 'PASS' : 'MISS'} cached p99 ${cached.latency.p99.toFixed(1)} ms <= ${GOAL_P99_MS} ms`,
    );
  } finally {
    await app?.close();
    await redis?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
