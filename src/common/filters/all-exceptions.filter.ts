import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Response } from 'express';
import { DomainException } from '../errors/domain.exception';
import { ErrorCode } from '../errors/error-code.enum';
import { ERROR_STATUS } from '../errors/error-status.map';

interface Envelope {
  error: string;
  code: ErrorCode;
  details?: unknown;
}

const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: ErrorCode.VALIDATION_ERROR,
  401: ErrorCode.UNAUTHORIZED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.VALIDATION_ERROR,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: ErrorCode.RATE_LIMITED,
  503: ErrorCode.SERVICE_UNAVAILABLE,
};

interface FrameworkHttpError {
  status?: number;
  statusCode?: number;
}

const FRAMEWORK_MESSAGES: Partial<Record<number, string>> = {
  400: 'Malformed request: the body is not valid JSON or the URL is badly encoded',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Route not found',
  405: 'Method not allowed',
  413: 'Request body too large',
  415: 'Unsupported media type: request bodies must be JSON',
};

/**
 * The one place where errors become HTTP responses. Every body is `{error, code, details?}`;
 * internals (stack traces, upstream bodies, URLs) are logged, never sent.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body, retryAfter } = this.toResponse(exception);

    if (status >= 500) {
      this.logger.error(
        { err: exception instanceof Error ? exception : String(exception), code: body.code },
        'request failed',
      );
    }
    if (res.headersSent) return;
    if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
    if (status === 429 && !res.hasHeader('Retry-After')) this.copyNamedRetryAfter(res);
    res.status(status).json(body);
  }

  /** The throttler names its header after a non-default limit (Retry-After-analyze). */
  private copyNamedRetryAfter(res: Response): void {
    const named = res.getHeaderNames().find((h) => h.toLowerCase().startsWith('retry-after-'));
    const value = named ? res.getHeader(named) : undefined;
    if (value !== undefined) res.setHeader('Retry-After', String(value));
  }

  private toResponse(exception: unknown): {
    status: number;
    body: Envelope;
    retryAfter?: number;
  } {
    if (exception instanceof DomainException) {
      return {
        status: exception.status ?? ERROR_STATUS[exception.code],
        body: this.envelope(exception.message, exception.code, exception.details),
        retryAfter: exception.retryAfterSeconds,
      };
    }
    if (exception instanceof ThrottlerException) {
      return {
        status: HttpStatus.TOO_MANY_REQUESTS,
        body: this.envelope('Too many requests, slow down', ErrorCode.RATE_LIMITED),
      };
    }
    // Our code throws DomainExceptions only, so any other 4xx comes from the framework (body
    // parser, router, guards): its text is not ours to show, the status decides the message.
    const status =
      exception instanceof HttpException ? exception.getStatus() : this.frameworkStatus(exception);
    if (status !== undefined && status >= 400 && status < 500) {
      const code = HTTP_STATUS_CODES[status] ?? ErrorCode.VALIDATION_ERROR;
      return { status, body: this.envelope(FRAMEWORK_MESSAGES[status] ?? 'Bad request', code) };
    }
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: this.envelope('Internal server error', ErrorCode.INTERNAL_ERROR),
    };
  }

  /** Body-parser and other framework errors that Nest passes through carry a numeric status. */
  private frameworkStatus(exception: unknown): number | undefined {
    if (typeof exception !== 'object' || exception === null) return undefined;
    const e = exception as FrameworkHttpError;
    const status = e.status ?? e.statusCode;
    return typeof status === 'number' ? status : undefined;
  }

  private envelope(error: string, code: ErrorCode, details?: unknown): Envelope {
    return details === undefined ? { error, code } : { error, code, details };
  }
}
