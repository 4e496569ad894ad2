import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/bootstrap/configure-app';

/** Variables that tests control; anything else in the developer's shell is ignored. */
const CONTROLLED = [
  'ENSEMBLE_API_TOKEN',
  'ENSEMBLE_BASE_URL',
  'ENSEMBLE_TIMEOUT_MS',
  'ENSEMBLE_MAX_RETRIES',
  'ENSEMBLE_RETRY_BASE_MS',
  'ENSEMBLE_RETRY_BUDGET_MS',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'OPENAI_MODEL',
  'OPENAI_TIMEOUT_MS',
  'OPENAI_MAX_RETRIES',
  'REDIS_URL',
  'REDIS_CLUSTER_NODES',
  'ADMIN_API_KEY',
  'MAX_REQUESTS_PER_MINUTE',
  'ANALYZE_REQUESTS_PER_MINUTE',
  'TRUST_PROXY',
  'LOG_LEVEL',
  'LOG_PRETTY',
  'DEBUG',
  'CORS_ORIGINS',
  'BODY_LIMIT_BYTES',
  'CLIENT_API_KEYS',
  'CLIENT_DAILY_UNIT_BUDGET',
  'ENSEMBLE_DAILY_UNIT_BUDGET',
  'REQUEST_TIMEOUT_MS',
  'ANALYZE_TIMEOUT_MS',
  'CACHE_NEGATIVE_TTL',
  'CACHE_MEMORY_MAX_ENTRIES',
  'CACHE_MEMORY_MAX_MB',
  'UPSTREAM_BREAKER_THRESHOLD',
  'UPSTREAM_BREAKER_COOLDOWN_MS',
  'REDIS_BREAKER_THRESHOLD',
  'REDIS_BREAKER_COOLDOWN_MS',
  'SERVER_HEADERS_TIMEOUT_MS',
  'SERVER_REQUEST_TIMEOUT_MS',
  'SERVER_KEEP_ALIVE_TIMEOUT_MS',
  'DATABASE_URL',
  'DATA_DIR',
  'HISTORY_ENABLED',
  'HISTORY_RETENTION_DAYS',
  'HISTORY_OBSERVATION_INTERVAL_S',
  'HISTORY_VELOCITY_MIN_GAP_S',
  'APP_ROLE',
  'WATCHLIST_MIN_INTERVAL_MINUTES',
  'WORKER_CONCURRENCY',
  'WORKER_ANALYSES_PER_MINUTE',
  'WORKER_STALLED_TIMEOUT_MS',
  'WEBHOOK_RETRY_BASE_MS',
  'WEBHOOK_TIMEOUT_MS',
  'WEBHOOK_MAX_ATTEMPTS',
  'WEBHOOK_ALLOW_PRIVATE',
];

/**
 * Boots the real AppModule (global pipe, filter, guards, interceptors) with the same
 * configureApp() as main.ts, under the given environment, listening on 127.0.0.1:0.
 */
export async function createTestApp(env: Record<string, string | undefined> = {}): Promise<{
  app: NestExpressApplication;
  url: string;
}> {
  const touched = [...new Set([...CONTROLLED, ...Object.keys(env)])];
  const saved = new Map(touched.map((k) => [k, process.env[k]]));
  for (const key of CONTROLLED) delete process.env[key];
  process.env.LOG_LEVEL = 'silent';
  // The history store is opt-in per test (a database or a temp DATA_DIR of its own).
  process.env.HISTORY_ENABLED = 'false';
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false });
    configureApp(app);
    await app.listen(0, '127.0.0.1');
    return { app, url: await appUrl(app) };
  } finally {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

async function appUrl(app: INestApplication): Promise<string> {
  const url = await app.getUrl();
  return url.replace('[::1]', '127.0.0.1');
}
