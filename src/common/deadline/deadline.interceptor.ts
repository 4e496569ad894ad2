import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { finalize, Observable, throwError, timeout } from 'rxjs';
import { resilienceConfig, type ResilienceConfig } from '../../config/configuration';
import { RequestContext } from '../context/request-context';
import { ANALYZE_DEADLINE } from './analyze-deadline.decorator';
import { Deadline } from './deadline';

/**
 * Gives every request its deadline (REQUEST_TIMEOUT_MS, or ANALYZE_TIMEOUT_MS for /analyze),
 * puts it in the request context for the upstream clients, and answers 504 UPSTREAM_TIMEOUT
 * if the handler has not answered by then, whatever the upstreams are doing.
 */
@Injectable()
export class DeadlineInterceptor implements NestInterceptor {
  constructor(
    @Inject(resilienceConfig.KEY) private readonly config: ResilienceConfig,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const analyze = this.reflector.getAllAndOverride<boolean>(ANALYZE_DEADLINE, [
      context.getHandler(),
      context.getClass(),
    ]);
    const ms = analyze ? this.config.analyzeTimeoutMs : this.config.requestTimeoutMs;
    const deadline = Deadline.in(ms);
    const stats = RequestContext.current();
    if (stats) stats.deadline = deadline;
    return next.handle().pipe(
      timeout({
        first: ms,
        with: () => throwError(() => deadline.exceeded()),
      }),
      finalize(() => deadline.dispose()),
    );
  }
}
