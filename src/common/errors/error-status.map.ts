import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from './error-code.enum';

/** The single mapping from domain error codes to HTTP status. */
export const ERROR_STATUS: Record<ErrorCode, HttpStatus> = {
  [ErrorCode.VALIDATION_ERROR]: HttpStatus.BAD_REQUEST,
  [ErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.PROFILE_PRIVATE]: HttpStatus.FORBIDDEN,
  [ErrorCode.PROFILE_RESTRICTED]: HttpStatus.FORBIDDEN,
  [ErrorCode.UNAUTHORIZED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [ErrorCode.PAYLOAD_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [ErrorCode.RATE_LIMITED]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.UPSTREAM_ERROR]: HttpStatus.BAD_GATEWAY,
  [ErrorCode.UPSTREAM_MALFORMED]: HttpStatus.BAD_GATEWAY,
  [ErrorCode.UPSTREAM_UNAVAILABLE]: HttpStatus.BAD_GATEWAY,
  [ErrorCode.UPSTREAM_QUOTA_EXCEEDED]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.UPSTREAM_AUTH]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.UPSTREAM_TIMEOUT]: HttpStatus.GATEWAY_TIMEOUT,
  [ErrorCode.UNIT_BUDGET_EXHAUSTED]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.SERVICE_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.FEATURE_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.INTERNAL_ERROR]: HttpStatus.INTERNAL_SERVER_ERROR,
};
