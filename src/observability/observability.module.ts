import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import {
  appConfig,
  databaseConfig,
  ensembleConfig,
  openaiConfig,
  type AppConfig,
  type DatabaseConfig,
  type EnsembleConfig,
  type OpenAiConfig,
} from '../config/configuration';
import { HistoryModule } from '../history/history.module';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { buildLoggerParams } from './logger.options';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [appConfig.KEY, ensembleConfig.KEY, openaiConfig.KEY, databaseConfig.KEY],
      useFactory: (
        app: AppConfig,
        ensemble: EnsembleConfig,
        openai: OpenAiConfig,
        database: DatabaseConfig,
      ) => buildLoggerParams(app, ensemble, openai, [database.password]),
    }),
    HistoryModule,
  ],
  controllers: [MetricsController],
  // configureApp mounts the middleware ahead of the body parser, so that 400 (malformed JSON),
  // 413 and 415 answers are observed too; Nest's own middleware runs after the parser.
  providers: [MetricsService, HttpMetricsMiddleware],
  exports: [HttpMetricsMiddleware],
})
export class ObservabilityModule {}
