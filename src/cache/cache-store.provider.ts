import { Logger, type Provider } from '@nestjs/common';
import KeyvRedis, { type RedisClientConnectionType } from '@keyv/redis';
import { Keyv } from 'keyv';
import { MemoryStore } from './memory-store';
import { RedisConnection } from './redis-connection';

/** The Keyv instance behind `CACHE_MANAGER`: Redis-backed, or in memory without Redis. */
export const CACHE_KEYV = Symbol('CACHE_KEYV');
/** The in-process map when the backend is memory, otherwise null (stats and clear read it). */
export const CACHE_MEMORY_STORE = Symbol('CACHE_MEMORY_STORE');

/**
 * The adapter shares RedisConnection's client, which owns the connection's lifetime.
 * cache-manager disconnects its stores on module destroy; closing the shared client there
 * would cut the limiter and locks off mid-shutdown, so that call does nothing here.
 */
class SharedClientKeyvRedis extends KeyvRedis<unknown> {
  override async disconnect(): Promise<void> {}
}

function createKeyv(connection: RedisConnection, memory: MemoryStore | null): Keyv {
  const logger = new Logger('CacheStore');
  const store = connection.client
    ? // `redis` types its clients with the bundled modules (JSON, search...) that the adapter's
      // plain @redis/client types lack; the runtime object is the same client.
      new SharedClientKeyvRedis(connection.client as unknown as RedisClientConnectionType, {
        throwOnConnectError: false,
        throwOnErrors: false,
        useUnlink: true,
      })
    : memory;
  const keyv = new Keyv({ store: store ?? new MemoryStore(), useKeyPrefix: false });
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
    provide: CACHE_MEMORY_STORE,
    inject: [RedisConnection],
    useFactory: (connection: RedisConnection) => (connection.client ? null : new MemoryStore()),
  },
  {
    provide: CACHE_KEYV,
    inject: [RedisConnection, CACHE_MEMORY_STORE],
    useFactory: createKeyv,
  },
];
