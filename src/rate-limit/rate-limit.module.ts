import { Module } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { RedisThrottlerStorage } from '../cache/redis-throttler.storage';
import { limitsConfig, type LimitsConfig } from '../config/configuration';
import { RateLimitGuard } from './rate-limit.guard';
import { ANALYZE_LIMITED, ANALYZE_THROTTLER, DEFAULT_THROTTLER } from './rate-limit.decorators';

const MINUTE_MS = 60_000;

/**
 * The global guard: per client IP (req.ip, which honours X-Forwarded-For only when TRUST_PROXY
 * is set), counted atomically in Redis so the limit holds across instances.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [RedisThrottlerStorage, limitsConfig.KEY, Reflector],
      useFactory: (storage: RedisThrottlerStorage, limits: LimitsConfig, reflector: Reflector) => ({
        storage,
        // One budget per client across all routes (the default key is per route); the storage
        // namespaces keys by throttler name itself.
        generateKey: (_context, tracker) => tracker,
        throttlers: [
          { name: DEFAULT_THROTTLER, ttl: MINUTE_MS, limit: limits.requestsPerMinute },
          {
            name: ANALYZE_THROTTLER,
            ttl: MINUTE_MS,
            limit: limits.analyzeRequestsPerMinute,
            skipIf: (context) =>
              !reflector.getAllAndOverride<boolean>(ANALYZE_LIMITED, [
                context.getHandler(),
                context.getClass(),
              ]),
          },
        ],
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitModule {}
