import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ResilienceModule } from '../common/resilience/resilience.module';
import { cacheConfig, redisConfig, resilienceConfig } from '../config/configuration';
import {
  cacheStoreProviders,
  CACHE_MEMORY_KEYV,
  CACHE_MEMORY_TIER,
  CACHE_STORES,
} from './cache-store.provider';
import { REDIS_CLIENT, redisClientProvider } from './redis-client.provider';
import { RedisConnection } from './redis-connection';
import { UsageCounterStore } from './usage-counter.store';

/**
 * The shared connection and the Keyv store built on it, in a module of their own so
 * `@nestjs/cache-manager`'s registerAsync can import them.
 */
@Module({
  imports: [
    ConfigModule.forFeature(redisConfig),
    ConfigModule.forFeature(cacheConfig),
    ConfigModule.forFeature(resilienceConfig),
    ResilienceModule,
  ],
  providers: [RedisConnection, redisClientProvider, UsageCounterStore, ...cacheStoreProviders],
  exports: [
    RedisConnection,
    UsageCounterStore,
    REDIS_CLIENT,
    CACHE_STORES,
    CACHE_MEMORY_TIER,
    CACHE_MEMORY_KEYV,
  ],
})
export class RedisConnectionModule {}
