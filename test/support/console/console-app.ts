import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from '../../watchlists/support/webhook-receiver';
import { createTestDatabase } from '../postgres-harness';
import { startRedis } from '../redis-harness';
import { createTestApp } from '../test-app';

/** The rate limits out of the way, except in the tests that are about them. */
export const UNLIMITED_RATES = {
  MAX_REQUESTS_PER_MINUTE: '100000',
  ANALYZE_REQUESTS_PER_MINUTE: '100000',
};

/** The console's server with watchlists working: demo data, its own Redis and database. */
export interface WatchlistsConsole {
  app: NestExpressApplication;
  url: string;
  /** A webhook receiver on 127.0.0.1 (the server allows private webhook addresses for it). */
  receiver: WebhookReceiver;
  close(): Promise<void>;
}

/**
 * Boots the real AppModule in demo mode with everything watchlists need: a redis-server of its
 * own, a fresh PostgreSQL database for the history store and the worker in-process (APP_ROLE=all).
 */
export async function startWatchlistsConsole(): Promise<WatchlistsConsole> {
  const [redis, database, receiver] = await Promise.all([
    startRedis(),
    createTestDatabase(),
    startWebhookReceiver(),
  ]);
  const stopBackends = async () => {
    await Promise.all([redis.stop(), receiver.close()]);
    await database.drop();
  };
  try {
    const { app, url } = await createTestApp({
      ...UNLIMITED_RATES,
      APP_ROLE: 'all',
      REDIS_URL: redis.url,
      HISTORY_ENABLED: 'true',
      DATABASE_URL: database.url,
      // The receiver listens on 127.0.0.1, which webhooks may not reach unless allowed.
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_RETRY_BASE_MS: '50',
      WORKER_ANALYSES_PER_MINUTE: '100000',
    });
    return {
      app,
      url,
      receiver,
      close: async () => {
        await app.close();
        await stopBackends();
      },
    };
  } catch (error) {
    await stopBackends();
    throw error;
  }
}
