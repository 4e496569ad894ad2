import { Logger, type Provider } from '@nestjs/common';
import KeyvRedis, { type RedisClientConnectionType } from '@keyv/redis';
import { Keyv, type KeyvStoreAdapter } from 'keyv';
import { cacheConfig, type CacheConfig } from '../config/configuration';
import { MemoryTier } from './memory-tier';
import { RedisConnection } from './redis-connection';

/** The in-process tier, for stats and clear. */
export const CACHE_MEMORY_TIER = Symbol('CACHE_MEMORY_TIER');
/** The tiers behind `CACHE_MANAGER`, fastest first: memory, then Redis when configured. */
export const CACHE_STORES = Symbol('CACHE_STORES');
/** The memory tier's own Keyv, to fill it from a Redis hit. */
export const CACHE_MEMORY_KEYV = Symbol('CACHE_MEMORY_KEYV');

/**
 * The Redis tier. It shares RedisConnection's client (which owns the connection's lifetime;
 * cache-manager's disconnect on module destroy must not close it), and every operation goes
 * through `connection.run`: bounded by the operation timeout and refused at once while the
 * Redis circuit breaker is open, so a frozen Redis costs a cache lookup nothing.
 */
class GuardedKeyvRedis extends KeyvRedis<unknown> {
  constructor(
    private readonly connection: RedisConnection,
    private readonly memory: MemoryTier,
  ) {
    // `redis` types its clients with the bundled modules (JSON, search...) that the adapter's
    // plain @redis/client types lack; the runtime object is the same client.
    super(connection.client as unknown as RedisClientConnectionType, {
      throwOnConnectError: false,
      throwOnErrors: false,
      useUnlink: true,
    });
  }

  /**
   * A Redis hit also fills this instance's memory tier for the entry's remaining lifetime
   * (cache-manager's multi-store reads tiers in order but does not copy hits forward), so an
   * entry another instance loaded keeps being served here if Redis goes away.
   */
  override async get<U = unknown>(key: string): Promise<U | undefined> {
    const reply = await this.connection.run(() => super.get<U>(key));
    if (!reply.ok) return undefined;
    if (typeof reply.value === 'string') {
      const ttl = remainingMs(reply.value, Date.now());
      if (ttl === undefined || ttl > 0) this.memory.set(key, reply.value, ttl);
    }
    return reply.value;
  }

  override async set(key: string, value: string, ttl?: number): Promise<void> {
    await this.connection.run(() => super.set(key, value, ttl));
  }

  override async delete(key: string): Promise<boolean> {
    const reply = await this.connection.run(() => super.delete(key));
    return reply.ok && reply.value;
  }

  override async has(key: string): Promise<boolean> {
    const reply = await this.connection.run(() => super.has(key));
    return reply.ok && reply.value;
  }

  override async disconnect(): Promise<void> {}
}

const EXPIRES = '"expires":';

/** The remaining lifetime of a Keyv-serialised entry (`{"value":…,"expires":<ms>}`), if any. */
function remainingMs(serialised: string, now: number): number | undefined {
  const at = serialised.lastIndexOf(EXPIRES);
  if (at < 0) return undefined;
  const expires = Number.parseInt(serialised.slice(at + EXPIRES.length), 10);
  return Number.isFinite(expires) ? expires - now : undefined;
}

function keyvOver(store: KeyvStoreAdapter | MemoryTier, logger: Logger): Keyv {
  const keyv = new Keyv({ store: store as KeyvStoreAdapter, useKeyPrefix: false });
  // Keyv defaults to the namespace "keyv" and KeyvRedis would then write "keyv::<key>";
  // keys must be exactly `trendxl:v2:...` so SCAN-based stats and clear find them.
  keyv.namespace = undefined;
  keyv.on('error', (error: unknown) => {
    logger.debug(`cache store error: ${error instanceof Error ? error.message : String(error)}`);
  });
  return keyv;
}

export const cacheStoreProviders: Provider[] = [
  {
    provide: CACHE_MEMORY_TIER,
    inject: [cacheConfig.KEY],
    useFactory: (config: CacheConfig) => new MemoryTier(config.memory),
  },
  {
    provide: CACHE_MEMORY_KEYV,
    inject: [CACHE_MEMORY_TIER],
    useFactory: (tier: MemoryTier) => keyvOver(tier, new Logger('CacheStore')),
  },
  {
    provide: CACHE_STORES,
    inject: [RedisConnection, CACHE_MEMORY_TIER, CACHE_MEMORY_KEYV],
    useFactory: (connection: RedisConnection, tier: MemoryTier, memory: Keyv): Keyv[] =>
      connection.client
        ? [memory, keyvOver(new GuardedKeyvRedis(connection, tier), new Logger('CacheStore'))]
        : [memory],
  },
];
