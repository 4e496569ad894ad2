import type { NestExpressApplication } from '@nestjs/platform-express';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, createCluster } from 'redis';
import type { FakeEnsemble } from '../../fakes/fake-ensemble.server';
import type { RedisClusterInstance, RedisInstance } from '../redis-harness';
import type { HttpResult } from '../http';

export const ADMIN_KEY = 'scaling-e2e-admin-key-0123456789';

/** Distinct TTLs per kind, so a key stored with the wrong kind's TTL is caught. */
export const TTL_SECONDS = { profile: 1111, posts: 2222, hashtag: 333, users: 444, analysis: 555 };
export const TTL_ENV = {
  CACHE_PROFILE_TTL: String(TTL_SECONDS.profile),
  CACHE_POSTS_TTL: String(TTL_SECONDS.posts),
  CACHE_TRENDS_TTL: String(TTL_SECONDS.hashtag),
  CACHE_USERS_TTL: String(TTL_SECONDS.users),
  CACHE_ANALYSIS_TTL: String(TTL_SECONDS.analysis),
};

/** Where the app keeps its cache: one Redis server, or a cluster. */
export type RedisTarget =
  { kind: 'single'; redis: RedisInstance } | { kind: 'cluster'; cluster: RedisClusterInstance };

export function redisEnv(target: RedisTarget): Record<string, string> {
  return target.kind === 'single'
    ? { REDIS_URL: target.redis.url }
    : { REDIS_CLUSTER_NODES: target.cluster.nodes.join(',') };
}

/**
 * The live-mode environment of the issue: the fake Ensemble with a token, fast retries, the
 * given Redis, the admin key and generous limits unless a test narrows them.
 */
export function liveEnv(
  fake: FakeEnsemble,
  target: RedisTarget,
  extra: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    ENSEMBLE_API_TOKEN: fake.token,
    ENSEMBLE_BASE_URL: fake.url,
    ENSEMBLE_RETRY_BASE_MS: '20',
    ADMIN_API_KEY: ADMIN_KEY,
    MAX_REQUESTS_PER_MINUTE: '100000',
    ANALYZE_REQUESTS_PER_MINUTE: '100000',
    ...redisEnv(target),
    ...extra,
  };
}

export interface ScalingApp {
  app: NestExpressApplication;
  url: string;
}

export async function closeAll(apps: (ScalingApp | undefined)[]): Promise<void> {
  await Promise.all(
    apps.map(async (a) => {
      await a?.app.close();
    }),
  );
}

export { getPath as get, postJson as post, type HttpResult } from '../http';

/** The value of `field` in a JSON body, for bodies typed `unknown`. */
export function field(body: unknown, ...path: string[]): unknown {
  let value = body;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Fails with the body in the message, which says more than "expected 200, got 502". */
export function expectStatus(res: HttpResult, status: number): HttpResult {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
  return res;
}

/** Ensemble calls per path, e.g. { '/tt/user/info': 1, ... }. */
export function callCounts(fake: FakeEnsemble): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of fake.calls) counts[call.path] = (counts[call.path] ?? 0) + 1;
  return counts;
}

/** Polls `check` until it is true or `timeoutMs` passes; returns the last result. */
export async function eventually(
  check: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(intervalMs);
  }
}

/** Records unhandled rejections while a test runs. */
export function trackUnhandledRejections(): { seen: unknown[]; stop(): void } {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', listener);
  return { seen, stop: () => process.off('unhandledRejection', listener) };
}

/** Read/write access to the test's own Redis, outside the app. */
export interface RawRedis {
  /** Every key matching `pattern`, on every master. */
  keys(pattern: string): Promise<string[]>;
  pTTL(key: string): Promise<number>;
  set(key: string, value: string): Promise<void>;
  get(key: string): Promise<string | null>;
  /** Deletes the keys matching `pattern` (on every master). */
  del(pattern: string): Promise<void>;
  /** Empties every master (and, from useScalingWorld, every instance's memory tier). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export async function connectRaw(target: RedisTarget): Promise<RawRedis> {
  const ports = target.kind === 'single' ? [target.redis.port] : target.cluster.ports.map((p) => p);
  const nodes = ports.map((port) => createClient({ url: `redis://127.0.0.1:${port}` }));
  for (const node of nodes) {
    node.on('error', () => undefined);
    await node.connect();
  }
  const cluster =
    target.kind === 'cluster'
      ? createCluster({
          rootNodes: ports.map((port) => ({ socket: { host: '127.0.0.1', port } })),
        })
      : undefined;
  if (cluster) {
    cluster.on('error', () => undefined);
    await cluster.connect();
  }
  const keyed = cluster ?? nodes[0];
  const keys = async (pattern: string) =>
    (await Promise.all(nodes.map((n) => n.keys(pattern)))).flat().sort();
  return {
    keys,
    pTTL: (key) => keyed.pTTL(key),
    set: async (key, value) => {
      await keyed.set(key, value);
    },
    get: (key) => keyed.get(key),
    del: async (pattern) => {
      for (const key of await keys(pattern)) await keyed.del(key);
    },
    flush: async () => {
      for (const node of nodes) await node.flushAll();
    },
    close: async () => {
      for (const node of nodes) if (node.isOpen) node.destroy();
      if (cluster?.isOpen) cluster.destroy();
    },
  };
}
