import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AiModule } from './ai/ai.module';
import { CacheModule } from './cache/cache.module';
import { ConsoleModule } from './console/console.module';
import { CacheHeaderInterceptor } from './common/context/cache-header.interceptor';
import { RequestContextMiddleware } from './common/context/request-context.middleware';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { JsonBodyMiddleware } from './common/validation/json-body.middleware';
import { StrictValidationPipe } from './common/validation/validation.pipe';
import { ALL_CONFIGS } from './config/configuration';
import { ENV_FILE_OPTIONS } from './config/env-file';
import { HealthModule } from './health/health.module';
import { ObservabilityModule } from './observability/observability.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RootController } from './root.controller';
import { TiktokModule } from './tiktok/tiktok.module';
import { TrendsModule } from './trends/trends.module';

@Module({
  imports: [
    // Validation happens in the namespace factories (config/configuration.ts) when the app is
    // created, so a bad value stops the boot with a message naming the variable.
    ConfigModule.forRoot({ isGlobal: true, load: ALL_CONFIGS, ...ENV_FILE_OPTIONS }),
    CacheModule,
    TiktokModule,
    AiModule,
    TrendsModule,
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
  ],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware, JsonBodyMiddleware).forRoutes('{*path}');
  }
}
