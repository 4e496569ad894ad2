import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { dirname, join } from 'node:path';
import { APP_VERSION } from '../version';

export function buildOpenApiDocument(app: NestExpressApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('TrendXL API')
    .setDescription(
      'TikTok trend intelligence: profiles, posts, hashtag and user search, and niche trend ' +
        'analysis. Every error has the body `{error, code, details?}`.',
    )
    .setVersion(APP_VERSION)
    .addTag('tiktok', 'Profiles, posts, hashtag and user search')
    .addTag('trends', "Trend analysis for a creator's niche")
    .addTag('cache', 'Cache statistics and administration')
    .addTag('usage', 'Daily Ensemble units, LLM tokens and budgets')
    .addTag('health', 'Health probes and metrics')
    .addApiKey({ type: 'apiKey', name: 'X-API-Key', in: 'header' }, 'admin-api-key')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

const REDOC_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>TrendXL API — ReDoc</title>
    <meta name="viewport" content="width=device-width, initial-scale=1" />
  </head>
  <body>
    <div id="redoc-container"></div>
    <script src="/redoc/redoc.standalone.js"></script>
    <script src="/redoc/init.js"></script>
  </body>
</html>`;

const REDOC_INIT = `Redoc.init('/openapi.json', { hideDownloadButton: false }, document.getElementById('redoc-container'));`;

/**
 * Swagger UI at /docs, ReDoc at /redoc and the document at /openapi.json, all served from
 * local packages: no CDN, so the docs render on offline networks and under a strict CSP.
 */
export function setupDocs(app: NestExpressApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    customSiteTitle: 'TrendXL API',
  });

  const redocBundle = join(
    dirname(require.resolve('redoc/package.json')),
    'bundles',
    'redoc.standalone.js',
  );
  const http = app.getHttpAdapter().getInstance();
  http.get('/redoc', (_req: Request, res: Response) => {
    res.type('html').send(REDOC_HTML);
  });
  http.get('/redoc/init.js', (_req: Request, res: Response) => {
    res.type('application/javascript').send(REDOC_INIT);
  });
  http.get('/redoc/redoc.standalone.js', (_req: Request, res: Response) => {
    res.sendFile(redocBundle, { maxAge: '1d' });
  });
}
