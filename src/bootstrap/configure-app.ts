import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import {
  appConfig,
  serverConfig,
  type AppConfig,
  type ServerConfig,
} from '../config/configuration';
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
  app.useBodyParser('json', { limit: config.bodyLimitBytes });
  app.enableCors({
    origin: config.corsOrigins,
    methods: ['GET', 'POST', 'OPTIONS'],
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
