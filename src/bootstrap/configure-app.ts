import type { NestExpressApplication } from '@nestjs/platform-express';
import { appConfig, type AppConfig } from '../config/configuration';
import { setupDocs } from './openapi';

/**
 * Everything main.ts applies to the app besides listening, so e2e tests boot the exact
 * production behaviour (body limits, CORS, proxy trust, docs).
 */
export function configureApp(app: NestExpressApplication): void {
  const config = app.get<AppConfig>(appConfig.KEY);
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: config.bodyLimitBytes });
  app.enableCors({
    origin: config.corsOrigins,
    methods: ['GET', 'POST', 'OPTIONS'],
    exposedHeaders: ['X-Request-Id', 'X-Cache', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After'],
  });
  app.enableShutdownHooks();
  setupDocs(app);
}
