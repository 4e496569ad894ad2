import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { toErrorResponse } from '../errors/error-response';

/**
 * The one place where errors become HTTP responses. Every body is `{error, code, details?}`;
 * internals (stack traces, upstream bodies, URLs) are logged, never sent.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body, retryAfter } = toErrorResponse(exception);

    if (status >= 500) {
      this.logger.error(
        { err: exception instanceof Error ? exception : String(exception), code: body.code },
        'request failed',
      );
    }
    if (res.headersSent) return;
    if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
    res.status(status).json(body);
  }
}
