import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { Observable, tap } from 'rxjs';
import { RequestContext } from './request-context';

/**
 * `X-Cache: HIT|MISS` on every response whose handler consulted the cache, errors included: a
 * not-found answered from the negative cache says HIT like any cached answer.
 */
@Injectable()
export class CacheHeaderInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const mark = () => {
      const outcome = RequestContext.current()?.cache;
      const res = context.switchToHttp().getResponse<Response>();
      if (outcome && !res.headersSent) res.setHeader('X-Cache', outcome);
    };
    return next.handle().pipe(tap({ next: mark, error: mark }));
  }
}
