import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../app.module';
import { appConfig, type AppConfig, watchlistsConfig } from '../config/configuration';
import { WatchlistWorkers } from '../watchlists/watchlist.workers';
import { installGracefulShutdown } from './graceful-shutdown';
import { readConfig } from './read-config';

/**
 * A worker-only process (`APP_ROLE=worker` or `npm run worker`): the application without an HTTP
 * server, running the watchlist queue workers. Any number of them share the work.
 */
export async function startWorker(): Promise<void> {
  const watchlists = await readConfig(watchlistsConfig);
  if (!watchlists.enabled)
    throw new WorkerConfigError('The worker role needs Redis: set REDIS_URL');
  const app = await NestFactory.createApplicationContext(AppModule, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  const logger = new NestLogger('Bootstrap');
  app.get(WatchlistWorkers).start();
  installGracefulShutdown(app, app.get<AppConfig>(appConfig.KEY).shutdownTimeoutMs, logger);
  logger.log(`TrendXL worker ready (concurrency ${watchlists.workerConcurrency})`);
}

export class WorkerConfigError extends Error {}
