import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { Observable, tap } from 'rxjs';
import { RequestContext } from './request-context';

/** `X-Cache: HIT|MISS` on every response whose handler consulted the cache. */
@Injectable()
export class CacheHeaderInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      tap(() => {
        const outcome = RequestContext.current()?.cache;
        const res = context.switchToHttp().getResponse<Response>();
        // A stream (SSE) emits many values, most after its headers are out.
        if (outcome && !res.headersSent) res.setHeader('X-Cache', outcome);
      }),
    );
  }
}
