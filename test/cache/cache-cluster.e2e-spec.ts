import request from 'supertest';
import { createClient, createCluster } from 'redis';
import type { App } from 'supertest/types';
import { setTimeout as sleep } from 'node:timers/promises';
import { CacheAdminService } from '../../src/cache/cache-admin.service';
import { cacheKey, type CacheEntry } from '../../src/cache/cache-key';
import { startRedisCluster, type RedisClusterInstance } from '../support/redis-harness';
import {
  createCacheApp,
  gate,
  trackUnhandledRejections,
  type CacheTestApp,
} from '../support/cache/cache-testing';

const ADMIN_KEY = 'cluster-admin-key';
const USERNAMES = Array.from({ length: 30 }, (_, i) => `creator${i}`);

describe('cache, locks and limiter on a Redis Cluster', () => {
  let cluster: RedisClusterInstance;
  let nodes: ReturnType<typeof createClient>[];
  let raw: ReturnType<typeof createCluster>;
  let a: CacheTestApp;
  let b: CacheTestApp;

  /** Keys per master, read node by node the way an operator would. */
  async function keysPerNode(pattern: string): Promise<string[][]> {
    return Promise.all(nodes.map((node) => node.keys(pattern)));
  }

  beforeAll(async () => {
    cluster = await startRedisCluster();
    nodes = cluster.ports.map((port) => createClient({ url: `redis://127.0.0.1:${port}` }));
    for (const node of nodes) {
      node.on('error', () => undefined);
      await node.connect();
    }
    raw = createCluster({
      rootNodes: cluster.ports.map((port) => ({ socket: { host: '127.0.0.1', port } })),
    });
    raw.on('error', () => undefined);
    await raw.connect();
    const env = {
      REDIS_CLUSTER_NODES: cluster.nodes.join(','),
      ADMIN_API_KEY: ADMIN_KEY,
      CACHE_PROFILE_TTL: '1800',
      CACHE_POSTS_TTL: '900',
    };
    a = await createCacheApp(env);
    b = await createCacheApp(env);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    for (const node of nodes ?? []) if (node.isOpen) node.destroy();
    if (raw?.isOpen) raw.destroy();
    await cluster?.stop();
  });

  beforeEach(async () => {
    for (const node of nodes) await node.flushDb();
    a.memory.clear();
    b.memory.clear();
    await raw.set('{foreign}:session', 'keep me');
  });

  it('connects as a cluster client and reports healthy', async () => {
    expect(a.connection.backend).toBe('cluster');
    expect(a.connection.isReady()).toBe(true);
    expect(await a.health.isHealthy()).toMatchObject({ backend: 'cluster', connected: true });
  });

  it('stores entries with their TTL, spread over the masters, and hits from another instance', async () => {
    for (const name of USERNAMES) {
      await a.cache.getOrLoad({ kind: 'profile', id: name }, async () => ({ name }));
    }
    const perNode = await keysPerNode('trendxl:v2:*');
    expect(perNode.flat().sort()).toEqual(
      USERNAMES.map((n) => cacheKey({ kind: 'profile', id: n })).sort(),
    );
    expect(perNode.filter((keys) => keys.length > 0).length).toBeGreaterThan(1);

    const pttl = await raw.pTTL(cacheKey({ kind: 'profile', id: 'creator3' }));
    expect(pttl).toBeGreaterThan(1_790_000);
    expect(pttl).toBeLessThanOrEqual(1_800_000);

    const hit = await b.cache.getOrLoad({ kind: 'profile', id: 'creator7' }, async () => ({
      name: 'wrong',
    }));
    expect(hit).toEqual({ value: { name: 'creator7' }, hit: true });
  });

  it('makes one upstream call for 50 concurrent cold requests on two instances', async () => {
    const entry: CacheEntry = { kind: 'posts', id: 'cluster-busy' };
    const held = gate();
    let calls = 0;
    const loader = async () => {
      calls++;
      await held.opened;
      return ['x'];
    };
    const lookups = Array.from({ length: 50 }, (_, i) =>
      (i % 2 ? a : b).cache.getOrLoad(entry, loader),
    );
    await sleep(100);
    held.open();
    const results = await Promise.all(lookups);
    expect(calls).toBe(1);
    expect(results.every((r) => r.value[0] === 'x')).toBe(true);
    expect((await keysPerNode('trendxl:lock:*')).flat()).toEqual([]);
  });

  it('counts and clears across every master, leaving foreign keys alone', async () => {
    for (const name of USERNAMES) {
      await a.cache.getOrLoad({ kind: 'profile', id: name }, async () => name);
      await a.cache.getOrLoad({ kind: 'posts', id: name }, async () => [name]);
    }
    const server = a.app.getHttpServer() as App;
    // Key counts come from a background scan; take a fresh one before reading the stats.
    await a.app.get(CacheAdminService).refreshKeyCounts();
    const stats = await request(server).get('/api/v1/cache/stats').expect(200);
    expect(stats.body).toMatchObject({
      backend: 'cluster',
      connected: true,
      total_keys: 60,
      keys_by_kind: { profile: 30, posts: 30, hashtag: 0 },
    });

    const byKind = await request(server)
      .post('/api/v1/cache/clear')
      .set('X-API-Key', ADMIN_KEY)
      .send({ kind: 'posts' })
      .expect(200);
    expect(byKind.body).toMatchObject({ deleted: 30, pattern: 'trendxl:v2:posts:*' });
    expect((await keysPerNode('trendxl:v2:posts:*')).flat()).toEqual([]);

    const all = await request(server)
      .post('/api/v1/cache/clear?pattern=*')
      .set('Authorization', `Bearer ${ADMIN_KEY}`)
      .expect(200);
    expect(all.body).toMatchObject({ deleted: 30 });
    expect((await keysPerNode('*')).flat()).toEqual(['{foreign}:session']);
  });

  it('enforces one atomic limit with its counters in the cluster', async () => {
    const records = await Promise.all(
      Array.from({ length: 61 }, () =>
        a.throttler.increment('cluster-client', 60_000, 60, 60_000, 'default'),
      ),
    );
    expect(records.filter((r) => r.isBlocked)).toHaveLength(1);
    expect(new Set(records.map((r) => r.totalHits)).size).toBe(61);
  });

  it('serves every key while one master is down, then caches on it again after it rejoins', async () => {
    const unhandled = trackUnhandledRejections();
    try {
      await cluster.kill(2);
      let calls = 0;
      const results = await Promise.all(
        USERNAMES.map((name) =>
          a.cache.getOrLoad({ kind: 'users', id: name }, async () => {
            calls++;
            return name;
          }),
        ),
      );
      expect(results.map((r) => r.value)).toEqual(USERNAMES);
      expect(calls).toBe(USERNAMES.length);
      expect(await a.health.isHealthy()).toMatchObject({ backend: 'cluster', connected: false });

      await cluster.restart(2);
      const deadline = Date.now() + 15_000;
      while (!(await a.health.isHealthy()).connected && Date.now() < deadline) await sleep(100);
      // Keys new to this instance (the others are in its memory now) land on every master again.
      for (const name of USERNAMES) {
        await a.cache.getOrLoad({ kind: 'users', id: `${name}-after` }, async () => name);
      }
      expect((await keysPerNode('trendxl:v2:users:*'))[2].length).toBeGreaterThan(0);
      expect(unhandled.seen).toEqual([]);
    } finally {
      unhandled.stop();
    }
  });
});
