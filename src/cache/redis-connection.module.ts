import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { redisConfig } from '../config/configuration';
import { cacheStoreProviders, CACHE_KEYV, CACHE_MEMORY_STORE } from './cache-store.provider';
import { REDIS_CLIENT, redisClientProvider } from './redis-client.provider';
import { RedisConnection } from './redis-connection';

/**
 * The shared connection and the Keyv store built on it, in a module of their own so
 * `@nestjs/cache-manager`'s registerAsync can import them.
 */
@Module({
  imports: [ConfigModule.forFeature(redisConfig)],
  providers: [RedisConnection, redisClientProvider, ...cacheStoreProviders],
  exports: [RedisConnection, REDIS_CLIENT, CACHE_KEYV, CACHE_MEMORY_STORE],
})
export class RedisConnectionModule {}
