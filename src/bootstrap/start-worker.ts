import { type INestApplicationContext, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../app.module';
import { bounded } from '../common/deadline/bounded';
import { appConfig, type AppConfig, watchlistsConfig } from '../config/configuration';
import { WatchlistWorkers } from '../watchlists/watchlist.workers';
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
  stopOnSignal(app, app.get<AppConfig>(appConfig.KEY).shutdownTimeoutMs, logger);
  logger.log(`TrendXL worker ready (concurrency ${watchlists.workerConcurrency})`);
}

export class WorkerConfigError extends Error {}

/**
 * SIGTERM/SIGINT on a worker: no HTTP to drain; the shutdown hooks close the workers (jobs in
 * flight get a few seconds, then another worker takes them over), the database and Redis, within
 * `timeoutMs`. Exits 0, a clean stop.
 */
function stopOnSignal(app: INestApplicationContext, timeoutMs: number, logger: NestLogger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: stopping the worker`);
    void bounded(app.close(), timeoutMs).then((closed) => {
      if (!closed.ok) logger.warn(`Worker still closing after ${timeoutMs} ms; exiting`);
      process.exit(0);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
