import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import {
  appConfig,
  serverConfig,
  type AppConfig,
  type ServerConfig,
} from '../config/configuration';
import { HttpMetricsMiddleware } from '../observability/http-metrics.middleware';
import { setupDocs } from './openapi';
import { applyServerTimeouts } from './server-timeouts';

/**
 * Everything main.ts applies to the app besides listening, so e2e tests boot the exact
 * production behaviour (body limits, CORS, proxy trust, docs).
 */
export function configureApp(app: NestExpressApplication): void {
  const config = app.get<AppConfig>(appConfig.KEY);
  app.useLogger(app.get(Logger));
  applyServerTimeouts(app.getHttpServer(), app.get<ServerConfig>(serverConfig.KEY));
  // First of all, so every answer is measured, including those the body parser ends.
  const metrics = app.get(HttpMetricsMiddleware);
  app.use(metrics.use.bind(metrics));
  app.use(
    helmet({
      // Swagger UI and ReDoc are served from this origin; ReDoc needs inline styles and a blob worker.
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'https:'],
          fontSrc: ["'self'", 'data:'],
          workerSrc: ["'self'", 'blob:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          // Plain-HTTP deployments would otherwise have the docs' own assets rewritten to https.
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // Not strict: a JSON `null` (or any scalar) is valid JSON and reaches the validation pipe, which
  // treats `null` as "no body" and refuses other non-objects with a message saying so.
  app.useBodyParser('json', { limit: config.bodyLimitBytes, strict: false });
  app.enableCors({
    origin: config.corsOrigins,
    methods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
    exposedHeaders: [
      'X-Request-Id',
      'X-Cache',
      'X-RateLimit-Limit',
      'X-RateLimit-Remaining',
      'X-RateLimit-Reset',
      'Retry-After',
    ],
  });
  setupDocs(app);
}
