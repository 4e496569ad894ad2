import { Module } from '@nestjs/common';
import { ResilienceModule } from '../common/resilience/resilience.module';
import {
  cacheStoreProviders,
  CACHE_MEMORY_KEYV,
  CACHE_MEMORY_TIER,
  CACHE_STORES,
} from './cache-store.provider';
import { RedisConnection } from './redis-connection';
import { UsageCounterStore } from './usage-counter.store';

/**
 * The shared connection and the Keyv store built on it, in a module of their own so
 * `@nestjs/cache-manager`'s registerAsync can import them.
 */
@Module({
  imports: [ResilienceModule],
  providers: [RedisConnection, UsageCounterStore, ...cacheStoreProviders],
  exports: [RedisConnection, UsageCounterStore, CACHE_STORES, CACHE_MEMORY_TIER, CACHE_MEMORY_KEYV],
})
export class RedisConnectionModule {}
