import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import {
  appConfig,
  ensembleConfig,
  openaiConfig,
  type AppConfig,
  type EnsembleConfig,
  type OpenAiConfig,
} from '../config/configuration';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { buildLoggerParams } from './logger.options';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [appConfig.KEY, ensembleConfig.KEY, openaiConfig.KEY],
      useFactory: (app: AppConfig, ensemble: EnsembleConfig, openai: OpenAiConfig) =>
        buildLoggerParams(app, ensemble, openai),
    }),
  ],
  controllers: [MetricsController],
  providers: [MetricsService],
})
export class ObservabilityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
