import type { Provider } from '@nestjs/common';
import { RedisConnection, type RedisClient } from './redis-connection';

/**
 * The shared node-redis v5 client: a single-server client, a cluster client, or null when
 * no Redis is configured. Its lifetime belongs to RedisConnection; never close it elsewhere.
 */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

export const redisClientProvider: Provider<RedisClient | null> = {
  provide: REDIS_CLIENT,
  inject: [RedisConnection],
  useFactory: (connection: RedisConnection) => connection.client,
};
