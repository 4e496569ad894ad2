import { Module } from '@nestjs/common';
import type { Request } from 'express';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { RedisThrottlerStorage } from '../cache/redis-throttler.storage';
import { limitsConfig, type LimitsConfig } from '../config/configuration';
import { ClientApiKeyGuard } from './client-api-key.guard';
import { ClientKeys } from './client-keys.service';
import { ClientKeysModule } from './client-keys.module';
import { RateLimitGuard } from './rate-limit.guard';
import { UsageController } from './usage.controller';
import { UsageModule } from './usage.module';
import { ANALYZE_LIMITED, ANALYZE_THROTTLER, DEFAULT_THROTTLER } from './rate-limit.decorators';

const MINUTE_MS = 60_000;

/**
 * The global guards, in order: the client key (when CLIENT_API_KEYS is set), then the limits,
 * per client key or else per client IP (req.ip, which honours X-Forwarded-For only when
 * TRUST_PROXY is set), counted atomically in Redis so a limit holds across instances.
 */
@Module({
  imports: [
    ClientKeysModule,
    UsageModule,
    ThrottlerModule.forRootAsync({
      imports: [ClientKeysModule],
      inject: [RedisThrottlerStorage, limitsConfig.KEY, Reflector, ClientKeys],
      useFactory: (
        storage: RedisThrottlerStorage,
        limits: LimitsConfig,
        reflector: Reflector,
        keys: ClientKeys,
      ) => ({
        storage,
        getTracker: (raw: Record<string, unknown>) => {
          const req = raw as unknown as Request;
          const client = keys.enabled ? keys.identify(req) : null;
          return client === null ? (req.ip ?? 'unknown') : `client:${client}`;
        },
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
  controllers: [UsageController],
  providers: [
    { provide: APP_GUARD, useClass: ClientApiKeyGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
})
export class RateLimitModule {}
