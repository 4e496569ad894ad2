import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AiModule } from './ai/ai.module';
import { CacheModule } from './cache/cache.module';
import { ConsoleModule } from './console/console.module';
import { CacheHeaderInterceptor } from './common/context/cache-header.interceptor';
import { RequestContextMiddleware } from './common/context/request-context.middleware';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { DeadlineInterceptor } from './common/deadline/deadline.interceptor';
import { ResilienceModule } from './common/resilience/resilience.module';
import { JsonBodyMiddleware } from './common/validation/json-body.middleware';
import { UpstreamCallModule } from './common/upstream/upstream-call.recorder';
import { StrictValidationPipe } from './common/validation/validation.pipe';
import { ConfigurationModule } from './config/configuration.module';
import { HealthModule } from './health/health.module';
import { HistoryModule } from './history/history.module';
import { ObservabilityModule } from './observability/observability.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RootController } from './root.controller';
import { TiktokModule } from './tiktok/tiktok.module';
import { TrendsModule } from './trends/trends.module';
import { WatchlistsModule } from './watchlists/watchlists.module';

@Module({
  imports: [
    ConfigurationModule,
    UpstreamCallModule,
    ResilienceModule,
    CacheModule,
    TiktokModule,
    AiModule,
    HistoryModule,
    TrendsModule,
    WatchlistsModule,
    HealthModule,
    ObservabilityModule,
    RateLimitModule,
    ConsoleModule,
  ],
  controllers: [RootController],
  providers: [
    { provide: APP_PIPE, useClass: StrictValidationPipe },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    { provide: APP_INTERCEPTOR, useClass: CacheHeaderInterceptor },
    { provide: APP_INTERCEPTOR, useClass: DeadlineInterceptor },
  ],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware, JsonBodyMiddleware).forRoutes('{*path}');
  }
}
