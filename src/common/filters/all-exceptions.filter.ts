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

/** Body-parser and other framework errors carry a numeric status and a `type`. */
interface FrameworkHttpError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

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
        status: ERROR_STATUS[exception.code],
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
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code =
        HTTP_STATUS_CODES[status] ??
        (status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.VALIDATION_ERROR);
      const message = status >= 500 ? 'Internal server error' : this.httpMessage(exception);
      return { status: status >= 500 ? 500 : status, body: this.envelope(message, code) };
    }
    const framework = this.frameworkError(exception);
    if (framework) return framework;
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: this.envelope('Internal server error', ErrorCode.INTERNAL_ERROR),
    };
  }

  private frameworkError(exception: unknown): { status: number; body: Envelope } | undefined {
    if (typeof exception !== 'object' || exception === null) return undefined;
    const e = exception as FrameworkHttpError;
    const status = e.status ?? e.statusCode;
    if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
    if (e.type === 'entity.too.large') {
      return {
        status: HttpStatus.PAYLOAD_TOO_LARGE,
        body: this.envelope('Request body too large', ErrorCode.PAYLOAD_TOO_LARGE),
      };
    }
    if (e.type === 'entity.parse.failed') {
      return {
        status: HttpStatus.BAD_REQUEST,
        body: this.envelope('Request body is not valid JSON', ErrorCode.VALIDATION_ERROR),
      };
    }
    return {
      status,
      body: this.envelope('Bad request', HTTP_STATUS_CODES[status] ?? ErrorCode.VALIDATION_ERROR),
    };
  }

  private httpMessage(exception: HttpException): string {
    const status = exception.getStatus();
    if (status === 404) return 'Route not found';
    if (status === 413) return 'Request body too large';
    const response = exception.getResponse();
    if (typeof response === 'string') return response;
    if (typeof response === 'object' && response !== null && 'message' in response) {
      const message = response.message;
      if (typeof message === 'string')
        return message.includes('JSON') ? 'Request body is not valid JSON' : message;
    }
    return exception.message;
  }

  private envelope(error: string, code: ErrorCode, details?: unknown): Envelope {
    return details === undefined ? { error, code } : { error, code, details };
  }
}
