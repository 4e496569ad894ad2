import type { DynamicModule, INestApplication, Provider, Type } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { CacheModule } from '../../../src/cache/cache.module';
import { CacheService } from '../../../src/cache/cache.service';
import { CacheHealth } from '../../../src/cache/cache-health';
import { CACHE_MEMORY_TIER } from '../../../src/cache/cache-store.provider';
import type { MemoryTier } from '../../../src/cache/memory-tier';
import { RedisConnection } from '../../../src/cache/redis-connection';
import { RedisThrottlerStorage } from '../../../src/cache/redis-throttler.storage';
import { AllExceptionsFilter } from '../../../src/common/filters/all-exceptions.filter';
import { StrictValidationPipe } from '../../../src/common/validation/validation.pipe';
import { ConfigurationModule } from '../../../src/config/configuration.module';

/** Everything the config reads that these tests care about; unset means "not configured". */
export interface CacheTestEnv {
  /** A placeholder token (live keys) unless given; `undefined` asks for demo mode. */
  ENSEMBLE_API_TOKEN?: string;
  REDIS_URL?: string;
  REDIS_CLUSTER_NODES?: string;
  ADMIN_API_KEY?: string;
  REDIS_OPERATION_TIMEOUT_MS?: string;
  CACHE_PROFILE_TTL?: string;
  CACHE_POSTS_TTL?: string;
  CACHE_HASHTAG_TTL?: string;
  CACHE_TRENDS_TTL?: string;
  CACHE_USERS_TTL?: string;
  CACHE_ANALYSIS_TTL?: string;
  REDIS_BREAKER_COOLDOWN_MS?: string;
}

const KEYS: (keyof CacheTestEnv)[] = [
  'ENSEMBLE_API_TOKEN',
  'REDIS_URL',
  'REDIS_CLUSTER_NODES',
  'ADMIN_API_KEY',
  'REDIS_OPERATION_TIMEOUT_MS',
  'CACHE_PROFILE_TTL',
  'CACHE_POSTS_TTL',
  'CACHE_HASHTAG_TTL',
  'CACHE_TRENDS_TTL',
  'CACHE_USERS_TTL',
  'CACHE_ANALYSIS_TTL',
  'REDIS_BREAKER_COOLDOWN_MS',
];

export interface CacheTestApp {
  app: INestApplication;
  cache: CacheService;
  connection: RedisConnection;
  throttler: RedisThrottlerStorage;
  health: CacheHealth;
  /** This instance's in-process tier (clear it with Redis for a clean slate). */
  memory: MemoryTier;
  close(): Promise<void>;
}

/**
 * One application instance with the real CacheModule, the global filter and validation pipe. Each call builds its own Redis connection, as a separate instance
 * of the service would. Variables not given are removed, so a developer's REDIS_URL can never
 * leak into a test.
 */
export interface CacheTestExtras {
  imports?: (Type | DynamicModule)[];
  controllers?: Type[];
  providers?: Provider[];
}

export async function createCacheApp(
  env: CacheTestEnv,
  extras: CacheTestExtras = {},
): Promise<CacheTestApp> {
  const saved = new Map(KEYS.map((k) => [k, process.env[k]]));
  const live = { ENSEMBLE_API_TOKEN: 'cache-tests-live-token' };
  for (const key of KEYS) {
    const value = key in env ? env[key] : live[key as keyof typeof live];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigurationModule, CacheModule, ...(extras.imports ?? [])],
      controllers: extras.controllers ?? [],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_PIPE, useClass: StrictValidationPipe },
        ...(extras.providers ?? []),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    return {
      app,
      cache: app.get(CacheService),
      connection: app.get(RedisConnection),
      throttler: app.get(RedisThrottlerStorage),
      health: app.get(CacheHealth),
      memory: app.get<MemoryTier>(CACHE_MEMORY_TIER),
      close: () => app.close(),
    };
  } finally {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** A promise and the function that resolves it: lets a test hold loaders open. */
export function gate(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Records unhandled rejections while a test runs. */
export function trackUnhandledRejections(): { seen: unknown[]; stop(): void } {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', listener);
  return { seen, stop: () => process.off('unhandledRejection', listener) };
}
