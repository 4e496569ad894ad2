/**
 * How close a cached POST /api/v1/profile comes to a bare route of the same app, and what the
 * process holds in memory while serving it.
 *
 * Starts bench/support/bench-server.ts, compiled to JavaScript, in a process of its own with the node flags of the
 * production start command (`start:prod` in package.json), a throwaway Redis from the test
 * harness, demo data, limits raised out of the way and the access log on at `info` (written to a
 * temporary file, counted at the end). The bare route, POST /bench/bare, answers the very JSON the
 * cached profile answers through the same middleware, guard, interceptors, filter and access log,
 * so the ratio isolates the cost of the cached path itself. autocannon runs in a worker thread of
 * this process, 64 connections.
 *
 *   npm run bench:cache   [BENCH_SECONDS=10] [BENCH_BACKEND=memory] [BENCH_HISTORY=postgres|pglite|off] [BENCH_NODE_ARGS="--cpu-prof"]
 *                         [BENCH_COMPARE_NODE_ARGS="--max-semi-space-size=8 --heap-growing-percent=30"]
 *
 * Goals, each printed PASS/MISS:
 * - memory: RSS <= 150 MB after 20,000 cached requests, and flat (within 8 MB) over 20,000 more;
 * - throughput: cached req/s >= 0.8 x bare req/s (two rounds of cached, bare, bare, cached);
 * - latency: cached p99 <= 1.5 x the bare route's p99;
 * - when start:prod carries node flags, they keep throughput: the cached route with them >= 0.9 x
 *   the same app without them, side by side (ABBA). CPU time per request is printed too.
 * Then, for scale, the stack's own floor: a NestJS + Express + nestjs-pino app with one route
 * (bench/support/framework-floor-server.ts) under the same load.
 * Exits non-zero only if the benchmark itself crashes.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../test/support/postgres-harness';
import { startRedis, type RedisInstance } from '../test/support/redis-harness';
import { autocannon, positiveInt, type AutocannonResult } from './support/autocannon';
import { transpileForBench } from './support/transpile';

const ROOT = join(__dirname, '..');
const SECONDS = positiveInt(process.env.BENCH_SECONDS, 10);
/** `memory` runs the same bench without Redis (cache and limiter in process), for comparison. */
/**
 * The history store: `postgres` (the default: a production instance, whose module graph includes
 * the PostgreSQL driver and, with Redis, the watchlist queues), `pglite` (the embedded store of
 * the zero-setup start) or `off`.
 */
const HISTORY =
  (['pglite', 'off'] as const).find((h) => h === process.env.BENCH_HISTORY) ?? 'postgres';
const BACKEND = process.env.BENCH_BACKEND === 'memory' ? 'memory' : 'redis';
const words = (raw: string | undefined): string[] => (raw ?? '').split(/\s+/).filter(Boolean);
const EXTRA_NODE_ARGS = words(process.env.BENCH_NODE_ARGS);
/** Node flags to measure against the start command's when it has none (heap experiments). */
const COMPARE_NODE_ARGS = words(process.env.BENCH_COMPARE_NODE_ARGS);
const CONNECTIONS = 64;
const MEMORY_REQUESTS = 20_000;
const GOAL_RATIO = 0.8;
const GOAL_P99_FACTOR = 1.5;
const GOAL_RSS_MB = 150;
const GOAL_RSS_DRIFT_MB = 8;
/** The heap flags of the start command may cost at most this much throughput (noise included). */
const GOAL_FLAGS_RATIO = 0.9;
const USERNAME = 'demo_cooking_carlos';
const PROFILE_BODY = JSON.stringify({ username: USERNAME });

/**
 * The production start (`start:prod` in package.json, `VAR=value node --flags dist/main.js`):
 * its environment assignments (allocator settings) and its node flags.
 */
function productionStart(): { env: Record<string, string>; flags: string[] } {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = (pkg.scripts['start:prod'] ?? '').split(/\s+/).filter(Boolean);
  const node = words.indexOf('node');
  if (node < 0) return { env: {}, flags: [] };
  const env = Object.fromEntries(
    words
      .slice(0, node)
      .map((w) => /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(w))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m[2]]),
  );
  return { env, flags: words.slice(node + 1).filter((w) => w.startsWith('--')) };
}

interface Server {
  child: ChildProcess;
  url: string;
  stop: () => Promise<void>;
}

async function startServer(
  env: Record<string, string>,
  logFd: number,
  buildDir: string,
  nodeFlags: string[],
  script = 'bench-server.js',
): Promise<Server> {
  const args = [...nodeFlags, join(buildDir, 'bench', 'support', script)];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_PATH: join(ROOT, 'node_modules'),
      // glibc's allocator settings reach the server, to measure their effect on RSS.
      ...(process.env.MALLOC_ARENA_MAX ? { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX } : {}),
      ...env,
    },
    stdio: ['ignore', logFd, 'pipe'],
  });
  let errors = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`bench server did not start:\n${errors}`)),
      90_000,
    );
    child.stderr?.on('data', (d: Buffer) => {
      errors += d.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(errors);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench server exited (${code}):\n${errors}`));
    });
  });
  return {
    child,
    url,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** CPU time (user + system) a process has used, ms; NaN where /proc is missing. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime (fields 14 and 15 of stat) in clock ticks, 100 per second on Linux.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** Resident set size of a process, MB (Linux /proc; ps elsewhere). */
function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    if (kb) return Number(kb[1]) / 1024;
  } catch {
    // not Linux: fall through to ps
  }
  return (
    Number(
      execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
        .toString()
        .trim(),
    ) / 1024
  );
}

/** Where the server's memory is, from its own /metrics (prom-client's process gauges), MB. */
async function memoryBreakdown(url: string): Promise<string> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const gauge = (name: string, label = ''): number => {
    const line = text.split('\n').find((l) => l.startsWith(`trendxl_${name}${label} `));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) / 2 ** 20 : NaN;
  };
  const space = (name: string) =>
    gauge('nodejs_heap_space_size_total_bytes', `{space="${name}"}`).toFixed(1);
  return (
    `heap used ${gauge('nodejs_heap_size_used_bytes').toFixed(1)} of ` +
    `${gauge('nodejs_heap_size_total_bytes').toFixed(1)} MB (new ${space('new')}, old ` +
    `${space('old')}, code ${space('code')}), external ${gauge('nodejs_external_memory_bytes').toFixed(1)} MB`
  );
}

async function post(url: string): Promise<{ status: number; cache: string | null; body: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: PROFILE_BODY,
  });
  return { status: res.status, cache: res.headers.get('x-cache'), body: await res.text() };
}

function load(
  url: string,
  limit: { seconds: number } | { amount: number },
): Promise<AutocannonResult> {
  return autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: PROFILE_BODY,
    connections: CONNECTIONS,
    ...('seconds' in limit ? { duration: limit.seconds } : { amount: limit.amount }),
    workers: 1,
  });
}

function describeRun(name: string, r: AutocannonResult): string {
  return (
    `${name.padEnd(30)} ${r.requests.average.toFixed(0).padStart(7)} req/s   ` +
    `latency p50 ${r.latency.p50.toFixed(1)} ms, p99 ${r.latency.p99.toFixed(1)} ms, ` +
    `max ${r.latency.max.toFixed(1)} ms   non-2xx ${r.non2xx}, errors ${r.errors}`
  );
}

const failed = (runs: AutocannonResult[]): number =>
  runs.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0);
const reqPerSec = (runs: AutocannonResult[]): number =>
  runs.reduce((sum, r) => sum + r.requests.total, 0) / runs.reduce((sum, r) => sum + r.duration, 0);
const meanP99 = (runs: AutocannonResult[]): number =>
  runs.reduce((sum, r) => sum + r.latency.p99, 0) / runs.length;
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

async function main(): Promise<void> {
  const redis: RedisInstance | undefined = BACKEND === 'redis' ? await startRedis() : undefined;
  const database: TestDatabase | undefined =
    HISTORY === 'postgres' ? await createTestDatabase() : undefined;
  const logDir = mkdtempSync(join(tmpdir(), 'trendxl-bench-'));
  const logPath = join(logDir, 'server.log');
  const logFd = openSync(logPath, 'w');
  const plainLogFd = openSync(join(logDir, 'plain.log'), 'w');
  const buildDir = join(logDir, 'build');
  const serverEnv = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    BENCH_USERNAME: USERNAME,
    MAX_REQUESTS_PER_MINUTE: '1000000',
    ANALYZE_REQUESTS_PER_MINUTE: '1000000',
    // A cached profile never touches the history (bench:history measures it), but the store's
    // driver, and with Redis the watchlist queues it enables, count in RSS.
    ...(HISTORY === 'off' ? { HISTORY_ENABLED: 'false' } : { HISTORY_ENABLED: 'true' }),
    ...(HISTORY === 'pglite' ? { DATA_DIR: join(logDir, 'data') } : {}),
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...(redis ? { REDIS_URL: redis.url } : {}),
  };
  const production = productionStart();
  const startFlags = [...production.flags, ...EXTRA_NODE_ARGS];
  const startEnv = { ...serverEnv, ...production.env };
  const startSettings = [
    ...Object.entries(production.env).map(([k, v]) => `${k}=${v}`),
    ...startFlags,
  ];
  let server: Server | undefined;
  let plain: Server | undefined;
  let floor: Server | undefined;
  const floorLogFd = openSync(join(logDir, 'floor.log'), 'w');
  try {
    transpileForBench(ROOT, buildDir);
    server = await startServer(startEnv, logFd, buildDir, startFlags);
    const { url, child } = server;
    const pid = child.pid ?? 0;
    const profileUrl = `${url}/api/v1/profile`;
    const bareUrl = `${url}/bench/bare`;

    const warm = await post(profileUrl);
    const bare = await post(bareUrl);
    if (warm.status !== 200 || warm.cache !== 'HIT') {
      throw new Error(`profile not served from cache: ${warm.status}/${warm.cache}`);
    }
    if (bare.body !== warm.body) throw new Error('the bare route answers other JSON');

    const flags = startSettings.join(' ') || '(none)';
    console.log(
      `cached-profile bench: ${CONNECTIONS} connections, demo data, ` +
        `${redis ? `Redis cache on ${redis.url}` : 'in-memory cache'}, ${warm.body.length} B body, ` +
        `access log at info, history ${HISTORY}, node flags ${flags}`,
    );

    // Memory: from boot, through 20,000 cached requests, then 20,000 more.
    const idle = rssMb(pid);
    const idleBreakdown = await memoryBreakdown(url);
    const first = await load(profileUrl, { amount: MEMORY_REQUESTS });
    const after20k = rssMb(pid);
    const loadedBreakdown = await memoryBreakdown(url);
    const second = await load(profileUrl, { amount: MEMORY_REQUESTS });
    const after40k = rssMb(pid);
    const drift = after40k - after20k;
    console.log(
      `server RSS: idle ${idle.toFixed(1)} MB, after ${MEMORY_REQUESTS} cached requests ` +
        `${after20k.toFixed(1)} MB, after ${2 * MEMORY_REQUESTS} ${after40k.toFixed(1)} MB ` +
        `(drift ${drift >= 0 ? '+' : ''}${drift.toFixed(1)} MB)`,
    );
    console.log(`  idle: ${idleBreakdown}`);
    console.log(`  after ${MEMORY_REQUESTS}: ${loadedBreakdown}`);
    await load(bareUrl, { seconds: 2 });

    // Throughput and latency: A B B A, so a machine that speeds up or slows down hurts neither.
    const cachedRuns: AutocannonResult[] = [];
    const bareRuns: AutocannonResult[] = [];
    // Two A B B A rounds of short runs: a neighbour's burst on a shared machine hits both routes.
    const half = Math.max(2, Math.round(SECONDS / 4));
    const cpu = { cached: 0, bare: 0 };
    const timed = async (route: 'cached' | 'bare'): Promise<AutocannonResult> => {
      const before = cpuMs(pid);
      const result = await load(route === 'cached' ? profileUrl : bareUrl, { seconds: half });
      cpu[route] += cpuMs(pid) - before;
      return result;
    };
    for (let round = 0; round < 2; round++) {
      cachedRuns.push(await timed('cached'));
      bareRuns.push(await timed('bare'));
      bareRuns.push(await timed('bare'));
      cachedRuns.push(await timed('cached'));
    }
    const peak = rssMb(pid);
    const after = await post(profileUrl);

    cachedRuns.forEach((r, i) =>
      console.log(describeRun(`cached POST /api/v1/profile #${i + 1}`, r)),
    );
    bareRuns.forEach((r, i) => console.log(describeRun(`bare POST /bench/bare #${i + 1}`, r)));
    const cachedRps = reqPerSec(cachedRuns);
    const bareRps = reqPerSec(bareRuns);
    const ratio = cachedRps / bareRps;
    const cachedP99 = meanP99(cachedRuns);
    const bareP99 = meanP99(bareRuns);
    console.log(
      `cached ${cachedRps.toFixed(0)} req/s vs bare ${bareRps.toFixed(0)} req/s: ratio ${ratio.toFixed(3)}; ` +
        `p99 cached ${cachedP99.toFixed(1)} ms vs bare ${bareP99.toFixed(1)} ms: ` +
        `${(cachedP99 / bareP99).toFixed(2)}x; server RSS after all ${peak.toFixed(1)} MB`,
    );
    const total = (runs: AutocannonResult[]): number =>
      runs.reduce((sum, r) => sum + r.requests.total, 0);
    console.log(
      `server CPU per request: cached ${((1000 * cpu.cached) / total(cachedRuns)).toFixed(0)} us, ` +
        `bare ${((1000 * cpu.bare) / total(bareRuns)).toFixed(0)} us ` +
        `(CPU-time ratio bare/cached ${(cpu.bare / total(bareRuns) / (cpu.cached / total(cachedRuns))).toFixed(3)}: ` +
        'what the throughput ratio tends to when the server has a core to itself)',
    );
    console.log(`still served from cache afterwards: X-Cache ${after.cache}`);

    // Heap flags against the start command's: the same app with other node flags, side by side
    // (ABBA). Without start flags, BENCH_COMPARE_NODE_ARGS names candidates to try.
    let flagRatio: number | undefined;
    const flagged: AutocannonResult[] = [];
    const other: AutocannonResult[] = [];
    const startHasSettings = production.flags.length > 0 || Object.keys(production.env).length > 0;
    if (startHasSettings || COMPARE_NODE_ARGS.length > 0) {
      // Against the start command's settings: the same app without them (node flags and
      // allocator environment alike).
      const otherFlags = startHasSettings ? EXTRA_NODE_ARGS : COMPARE_NODE_ARGS;
      plain = await startServer(serverEnv, plainLogFd, buildDir, otherFlags);
      const plainPid = plain.child.pid ?? 0;
      const plainUrl = `${plain.url}/api/v1/profile`;
      await load(plainUrl, { amount: MEMORY_REQUESTS });
      const cpuOf = { start: 0, other: 0 };
      const run = async (which: 'start' | 'other'): Promise<AutocannonResult> => {
        const target = which === 'start' ? pid : plainPid;
        const before = cpuMs(target);
        const result = await load(which === 'start' ? profileUrl : plainUrl, { seconds: half });
        cpuOf[which] += cpuMs(target) - before;
        return result;
      };
      flagged.push(await run('start'));
      other.push(await run('other'));
      other.push(await run('other'));
      flagged.push(await run('start'));
      const otherRss = rssMb(plainPid);
      await plain.stop();
      const ratioStart = reqPerSec(flagged) / reqPerSec(other);
      if (startHasSettings) flagRatio = ratioStart;
      const us = (ms: number, runs: AutocannonResult[]): string =>
        ((1000 * ms) / runs.reduce((sum, r) => sum + r.requests.total, 0)).toFixed(0);
      console.log(
        `start settings "${startSettings.join(' ')}" vs "${otherFlags.join(' ')}", cached route: ` +
          `${reqPerSec(flagged).toFixed(0)} vs ${reqPerSec(other).toFixed(0)} req/s ` +
          `(ratio ${ratioStart.toFixed(3)}), CPU ${us(cpuOf.start, flagged)} vs ` +
          `${us(cpuOf.other, other)} us/req, p99 ${meanP99(flagged).toFixed(1)} vs ` +
          `${meanP99(other).toFixed(1)} ms, RSS ${rssMb(pid).toFixed(1)} vs ${otherRss.toFixed(1)} MB`,
      );
    }

    await server.stop();

    // The stack's own floor under the same load: what Nest, Express and pino-http cost alone.
    floor = await startServer(
      { ...serverEnv, BENCH_BODY: warm.body },
      floorLogFd,
      buildDir,
      EXTRA_NODE_ARGS,
      'framework-floor-server.js',
    );
    const floorPid = floor.child.pid ?? 0;
    const floorUrl = `${floor.url}/bench/bare`;
    const floorIdle = rssMb(floorPid);
    const floorFirst = await load(floorUrl, { amount: MEMORY_REQUESTS });
    const floor20k = rssMb(floorPid);
    await load(floorUrl, { amount: MEMORY_REQUESTS });
    const floor40k = rssMb(floorPid);
    await floor.stop();
    console.log(
      `framework floor (NestJS + Express + nestjs-pino at info, one route, same body and load): ` +
        `RSS idle ${floorIdle.toFixed(1)} MB, after ${MEMORY_REQUESTS} ${floor20k.toFixed(1)} MB, ` +
        `after ${2 * MEMORY_REQUESTS} ${floor40k.toFixed(1)} MB ` +
        `(${floorFirst.requests.average.toFixed(0)} req/s)`,
    );
    closeSync(logFd);
    const log = readFileSync(logPath, 'utf8');
    const served = [first, second, ...cachedRuns, ...bareRuns].reduce(
      (sum, r) => sum + r.requests.total,
      0,
    );
    const logged = log.split('\n').filter((line) => line.includes('"request completed"')).length;
    console.log(
      `access log lines: ${logged} for ${served} measured requests (plus warm-ups), ` +
        `${(Buffer.byteLength(log) / 1024 / 1024).toFixed(1)} MB written`,
    );
    const problems = failed([first, second, ...cachedRuns, ...bareRuns, ...flagged, ...other]);
    if (problems > 0) console.log(`WARNING: ${problems} requests failed; the figures are suspect`);
    if (logged < served) console.log('WARNING: fewer access-log lines than requests');

    console.log(
      `${verdict(after20k <= GOAL_RSS_MB)} RSS after ${MEMORY_REQUESTS} cached requests ` +
        `${after20k.toFixed(1)} MB <= ${GOAL_RSS_MB} MB`,
    );
    console.log(
      `${verdict(after40k <= GOAL_RSS_MB && Math.abs(drift) <= GOAL_RSS_DRIFT_MB)} RSS flat over ` +
        `${MEMORY_REQUESTS} more: ${after40k.toFixed(1)} MB, drift ${drift.toFixed(1)} MB ` +
        `(within ${GOAL_RSS_DRIFT_MB} MB, <= ${GOAL_RSS_MB} MB)`,
    );
    console.log(
      `${verdict(ratio >= GOAL_RATIO)} throughput ratio ${ratio.toFixed(3)} >= ${GOAL_RATIO}`,
    );
    console.log(
      `${verdict(cachedP99 <= GOAL_P99_FACTOR * bareP99)} cached p99 ${cachedP99.toFixed(1)} ms ` +
        `<= ${GOAL_P99_FACTOR} x bare p99 ${bareP99.toFixed(1)} ms`,
    );
    if (flagRatio !== undefined) {
      console.log(
        `${verdict(flagRatio >= GOAL_FLAGS_RATIO)} start flags keep throughput: ` +
          `${flagRatio.toFixed(3)} >= ${GOAL_FLAGS_RATIO} x without them`,
      );
    }
  } finally {
    await server?.stop();
    await plain?.stop();
    await floor?.stop();
    for (const fd of [logFd, plainLogFd, floorLogFd]) {
      try {
        closeSync(fd);
      } catch {
        // already closed after a normal run
      }
    }
    rmSync(logDir, { recursive: true, force: true });
    await redis?.stop();
    await database?.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
