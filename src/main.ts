import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './bootstrap/configure-app';
import { installGracefulShutdown } from './bootstrap/graceful-shutdown';
import { readConfig } from './bootstrap/read-config';
import { startWorker, WorkerConfigError } from './bootstrap/start-worker';
import {
  appConfig,
  ensembleConfig,
  openaiConfig,
  watchlistsConfig,
  type AppConfig,
  type EnsembleConfig,
  type OpenAiConfig,
} from './config/configuration';
import { EnvValidationError } from './config/env.schema';

async function bootstrap(): Promise<void> {
  if ((await readConfig(watchlistsConfig)).role === 'worker') return startWorker();
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false,
    bufferLogs: true,
    // Boot errors reach the catch below, which prints a configuration error without a stack;
    // the buffered boot logs are written only once the app exists.
    abortOnError: false,
    autoFlushLogs: false,
  });
  configureApp(app);
  app.flushLogs();
  const logger = new Logger('Bootstrap');
  const config = app.get<AppConfig>(appConfig.KEY);
  const ensemble = app.get<EnsembleConfig>(ensembleConfig.KEY);
  const openai = app.get<OpenAiConfig>(openaiConfig.KEY);
  if (ensemble.mode === 'demo') {
    logger.warn(
      'DEMO MODE: no ENSEMBLE_API_TOKEN set, serving the bundled demo dataset. ' +
        'Set ENSEMBLE_API_TOKEN (and optionally OPENAI_API_KEY) to go live.',
    );
  }
  if (openai.mode === 'local') {
    logger.log('No OPENAI_API_KEY set: hashtags are picked by the local extractor.');
  }
  installGracefulShutdown(app, config.shutdownTimeoutMs, logger);
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  logger.log(`TrendXL listening on http://${config.host}:${port} (docs at /docs)`);
}

bootstrap().catch((error: unknown) => {
  const plain = error instanceof EnvValidationError || error instanceof WorkerConfigError;
  const message = plain ? error.message : 'TrendXL failed to start';
  process.stderr.write(`${message}\n`);
  if (!plain && error instanceof Error) {
    process.stderr.write(`${error.stack ?? error.message}\n`);
  }
  process.exit(1);
});
