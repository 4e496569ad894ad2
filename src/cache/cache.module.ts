import { CacheModule as CacheManagerModule } from '@nestjs/cache-manager';
import { Global, Module } from '@nestjs/common';
import type { Keyv } from 'keyv';
import { AdminApiKeyGuard } from './admin-api-key.guard';
import { CacheAdminService } from './cache-admin.service';
import { CacheHealth } from './cache-health';
import { CacheInvalidation } from './cache-invalidation';
import { CACHE_STORES } from './cache-store.provider';
import { CacheController } from './cache.controller';
import { CacheService } from './cache.service';
import { DistributedLock } from './distributed-lock';
import { RedisConnectionModule } from './redis-connection.module';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/**
 * Caching for the whole app: CacheService (cache-aside with coalescing), the shared Redis
 * connection (RedisConnection), the throttler storage, CacheHealth for /health, and the
 * /cache/stats and /cache/clear endpoints. `@nestjs/cache-manager` provides CACHE_MANAGER over
 * our Keyv store, so the Redis adapter and the memory fallback sit behind one interface.
 */
@Global()
@Module({
  imports: [
    RedisConnectionModule,
    CacheManagerModule.registerAsync({
      imports: [RedisConnectionModule],
      inject: [CACHE_STORES],
      // cache-manager's own multi-store: reads try memory, then Redis; writes go to both.
      useFactory: (stores: Keyv[]) => ({ stores }),
    }),
  ],
  controllers: [CacheController],
  providers: [
    CacheService,
    CacheAdminService,
    CacheInvalidation,
    CacheHealth,
    DistributedLock,
    RedisThrottlerStorage,
    AdminApiKeyGuard,
  ],
  exports: [
    CacheService,
    CacheHealth,
    RedisThrottlerStorage,
    AdminApiKeyGuard,
    RedisConnectionModule,
  ],
})
export class CacheModule {}
