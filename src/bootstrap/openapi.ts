import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ADMIN_SECURITY_SCHEMES } from '../common/openapi/admin-security';
import { APP_VERSION } from '../version';
import { buildFavicon, REDOC_LOGO_SVG } from './docs-assets';

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
    .addTag('history', 'Stored analyses, CSV export, video and hashtag history')
    .addTag('cache', 'Cache statistics and administration')
    .addTag('usage', 'Daily Ensemble units, LLM tokens and budgets')
    .addTag('health', 'Health probes and metrics')
    .addTag('service', 'What this service is and where its docs live')
    .build();
  config.components = { ...config.components, securitySchemes: ADMIN_SECURITY_SCHEMES };
  return SwaggerModule.createDocument(app, config);
}

const REDOC_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>TrendXL API — ReDoc</title>
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="icon" href="/favicon.ico" />
  </head>
  <body>
    <div id="redoc-container"></div>
    <script src="/redoc/redoc.standalone.js"></script>
    <script src="/redoc/init.js"></script>
  </body>
</html>`;

/** The one external URL in ReDoc's bundle: its footer logo, served from here instead. */
const REDOC_CDN_LOGO = 'https://cdn.redoc.ly/redoc/logo-mini.svg';

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

  // Read on first use: a megabyte (two as a JS string) that only a docs reader needs, kept as
  // bytes rather than held in every process from boot.
  let redocBundle: Buffer | undefined;
  const loadRedocBundle = (): Buffer =>
    (redocBundle ??= Buffer.from(
      readFileSync(
        join(dirname(require.resolve('redoc/package.json')), 'bundles', 'redoc.standalone.js'),
        'utf8',
      ).replaceAll(REDOC_CDN_LOGO, '/redoc/logo-mini.svg'),
    ));
  const favicon = buildFavicon();
  const http = app.getHttpAdapter().getInstance();
  http.get('/favicon.ico', (_req: Request, res: Response) => {
    res.type('image/x-icon').set('Cache-Control', 'public, max-age=86400').send(favicon);
  });
  http.get('/redoc/logo-mini.svg', (_req: Request, res: Response) => {
    res.type('image/svg+xml').set('Cache-Control', 'public, max-age=86400').send(REDOC_LOGO_SVG);
  });
  http.get('/redoc', (_req: Request, res: Response) => {
    res.type('html').send(REDOC_HTML);
  });
  http.get('/redoc/init.js', (_req: Request, res: Response) => {
    res.type('application/javascript').send(REDOC_INIT);
  });
  http.get('/redoc/redoc.standalone.js', (_req: Request, res: Response) => {
    res
      .type('application/javascript')
      .set('Cache-Control', 'public, max-age=86400')
      .send(loadRedocBundle());
  });
}
