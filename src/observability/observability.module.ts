import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AiModule } from '../ai/ai.module';
import {
  appConfig,
  clientsConfig,
  ensembleConfig,
  openaiConfig,
  type AppConfig,
  type ClientsConfig,
  type EnsembleConfig,
  type OpenAiConfig,
} from '../config/configuration';
import { TiktokModule } from '../tiktok/tiktok.module';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { buildLoggerParams } from './logger.options';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [appConfig.KEY, ensembleConfig.KEY, openaiConfig.KEY, clientsConfig.KEY],
      useFactory: (
        app: AppConfig,
        ensemble: EnsembleConfig,
        openai: OpenAiConfig,
        clients: ClientsConfig,
      ) => buildLoggerParams(app, ensemble, openai, clients),
    }),
    TiktokModule,
    AiModule,
  ],
  controllers: [MetricsController],
  providers: [MetricsService],
})
export class ObservabilityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
