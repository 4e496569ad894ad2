import { Module } from '@nestjs/common';
import { cacheStoreProviders, CACHE_KEYV, CACHE_MEMORY_STORE } from './cache-store.provider';
import { RedisConnection } from './redis-connection';

/**
 * The shared connection and the Keyv store built on it, in a module of their own so
 * `@nestjs/cache-manager`'s registerAsync can import them.
 */
@Module({
  providers: [RedisConnection, ...cacheStoreProviders],
  exports: [RedisConnection, CACHE_KEYV, CACHE_MEMORY_STORE],
})
export class RedisConnectionModule {}
