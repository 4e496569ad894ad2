import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import {
  appConfig,
  clientsConfig,
  databaseConfig,
  ensembleConfig,
  openaiConfig,
  type AppConfig,
  type ClientsConfig,
  type DatabaseConfig,
  type EnsembleConfig,
  type OpenAiConfig,
} from '../config/configuration';
import { HistoryModule } from '../history/history.module';
import { WatchlistsModule } from '../watchlists/watchlists.module';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { buildLoggerParams } from './logger.options';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [
        appConfig.KEY,
        ensembleConfig.KEY,
        openaiConfig.KEY,
        databaseConfig.KEY,
        clientsConfig.KEY,
      ],
      useFactory: (
        app: AppConfig,
        ensemble: EnsembleConfig,
        openai: OpenAiConfig,
        database: DatabaseConfig,
        clients: ClientsConfig,
      ) =>
        buildLoggerParams(app, ensemble, openai, [
          database.password,
          // Client keys are redacted by header path too; this catches any other place.
          ...clients.apiKeys.map((client) => client.key),
        ]),
    }),
    HistoryModule,
    WatchlistsModule,
  ],
  controllers: [MetricsController],
  // configureApp mounts the middleware ahead of the body parser, so that 400 (malformed JSON),
  // 413 and 415 answers are observed too; Nest's own middleware runs after the parser.
  providers: [MetricsService, HttpMetricsMiddleware],
  exports: [HttpMetricsMiddleware],
})
export class ObservabilityModule {}
