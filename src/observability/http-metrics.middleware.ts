import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsService } from './metrics.service';

/**
 * Observes every response, including those ended by guards (429), the body parser (413) or
 * unknown routes, which interceptors never see. Labels use the route pattern, never the raw
 * URL, so label cardinality stays bounded.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const path = (req.route as { path?: unknown } | undefined)?.path;
      // A catch-all pattern is our own middleware's registration, not a matched handler.
      const route = typeof path === 'string' && !path.includes('*') ? path : undefined;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.observeRequest(
        req.method,
        typeof route === 'string' ? `${req.baseUrl}${route}` : 'unmatched',
        res.statusCode,
        seconds,
      );
    });
    next();
  }
}
