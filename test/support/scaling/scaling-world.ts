import {
  startFakeEnsemble,
  type FakeEnsemble,
  type FakeEnsembleOptions,
} from '../../fakes/fake-ensemble.server';
import {
  startRedis,
  startRedisCluster,
  type RedisClusterInstance,
  type RedisInstance,
} from '../redis-harness';
import { CACHE_MEMORY_TIER } from '../../../src/cache/cache-store.provider';
import type { MemoryTier } from '../../../src/cache/memory-tier';
import { createTestApp } from '../test-app';
import {
  closeAll,
  connectRaw,
  liveEnv,
  type RawRedis,
  type RedisTarget,
  type ScalingApp,
} from './scaling-app';

export interface ScalingWorldOptions {
  /** One Redis server (default) or a 3-master cluster. */
  redis?: 'single' | 'cluster';
  fake?: FakeEnsembleOptions;
  /** One app instance per entry: each entry is laid over the live-mode environment. */
  instances: Record<string, string | undefined>[];
  /** A cluster takes longer to start than the default hook timeout allows for. */
  setupTimeoutMs?: number;
}

/** Filled in by the describe block's beforeAll; read it inside hooks and tests only. */
export interface ScalingWorld {
  fake: FakeEnsemble;
  target: RedisTarget;
  raw: RawRedis;
  apps: ScalingApp[];
  /** The single Redis server, for kill/restart; undefined on a cluster. */
  redis: RedisInstance | undefined;
}

/**
 * The setup every scaling spec shares: a fake Ensemble, a Redis (or cluster) of the test's own,
 * a raw client to inspect it, and N app instances on it — started before, stopped after the
 * describe block that calls this.
 */
export function useScalingWorld(options: ScalingWorldOptions): ScalingWorld {
  const world = { apps: [] as ScalingApp[] } as unknown as ScalingWorld;
  let cluster: RedisClusterInstance | undefined;

  beforeAll(async () => {
    world.fake = await startFakeEnsemble(options.fake);
    if (options.redis === 'cluster') {
      cluster = await startRedisCluster();
      world.target = { kind: 'cluster', cluster };
    } else {
      world.redis = await startRedis();
      world.target = { kind: 'single', redis: world.redis };
    }
    world.raw = await connectRaw(world.target);
    for (const overlay of options.instances) {
      world.apps.push(await createTestApp(liveEnv(world.fake, world.target, overlay)));
    }
    // A clean slate is Redis and every instance's memory tier, or the memory answers instead.
    const flushRedis = world.raw.flush;
    world.raw = {
      ...world.raw,
      flush: async () => {
        await flushRedis();
        for (const { app } of world.apps) app.get<MemoryTier>(CACHE_MEMORY_TIER).clear();
      },
    };
  }, options.setupTimeoutMs);

  afterAll(async () => {
    await closeAll(world.apps);
    await world.raw?.close();
    await world.redis?.stop();
    await cluster?.stop();
    await world.fake?.close();
  });

  return world;
}
