import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsService } from './metrics.service';
import { routePattern } from './route-pattern';

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
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.observeRequest(req.method, routePattern(req), res.statusCode, seconds);
    });
    next();
  }
}
