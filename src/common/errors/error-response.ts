import { HttpException, HttpStatus } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { DomainException } from './domain.exception';
import { ErrorCode } from './error-code.enum';
import { ERROR_STATUS } from './error-status.map';

export interface ErrorEnvelope {
  error: string;
  code: ErrorCode;
  details?: unknown;
}

export interface ErrorResponse {
  status: number;
  body: ErrorEnvelope;
  retryAfter?: number;
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

const FRAMEWORK_MESSAGES: Partial<Record<number, string>> = {
  400: 'Malformed request: the body is not valid JSON or the URL is badly encoded',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Route not found',
  405: 'Method not allowed',
  413: 'Request body too large',
  415: 'Unsupported media type: request bodies must be JSON',
};

const RATE_LIMITED = 'Too many requests, slow down';

interface FrameworkHttpError {
  status?: number;
  statusCode?: number;
}

/** Body-parser and other framework errors that Nest passes through carry a numeric status. */
function frameworkStatus(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const e = exception as FrameworkHttpError;
  const status = e.status ?? e.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function envelope(error: string, code: ErrorCode, details?: unknown): ErrorEnvelope {
  return details === undefined ? { error, code } : { error, code, details };
}

/**
 * What any thrown value becomes on the wire: the global filter sends it and the OpenAPI error
 * examples are rendered by it, so the documented answers are the real ones.
 */
export function toErrorResponse(exception: unknown): ErrorResponse {
  if (exception instanceof DomainException) {
    return {
      status: exception.status ?? ERROR_STATUS[exception.code],
      body: envelope(exception.message, exception.code, exception.details),
      retryAfter: exception.retryAfterSeconds,
    };
  }
  if (exception instanceof ThrottlerException) {
    return {
      status: HttpStatus.TOO_MANY_REQUESTS,
      body: envelope(RATE_LIMITED, ErrorCode.RATE_LIMITED),
    };
  }
  // Our code throws DomainExceptions only, so any other 4xx comes from the framework (body
  // parser, router, guards): its text is not ours to show, the status decides the message.
  const status =
    exception instanceof HttpException ? exception.getStatus() : frameworkStatus(exception);
  if (status !== undefined && status >= 400 && status < 500) {
    const code = HTTP_STATUS_CODES[status] ?? ErrorCode.VALIDATION_ERROR;
    return { status, body: envelope(FRAMEWORK_MESSAGES[status] ?? 'Bad request', code) };
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: envelope('Internal server error', ErrorCode.INTERNAL_ERROR),
  };
}
