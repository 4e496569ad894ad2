export enum ErrorCode {
  VALIDATION_ERROR = 'VALIDATION_ERROR',
  NOT_FOUND = 'NOT_FOUND',
  PROFILE_PRIVATE = 'PROFILE_PRIVATE',
  PROFILE_RESTRICTED = 'PROFILE_RESTRICTED',
  UNAUTHORIZED = 'UNAUTHORIZED',
  FORBIDDEN = 'FORBIDDEN',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  RATE_LIMITED = 'RATE_LIMITED',
  UPSTREAM_ERROR = 'UPSTREAM_ERROR',
  UPSTREAM_MALFORMED = 'UPSTREAM_MALFORMED',
  UPSTREAM_UNAVAILABLE = 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_QUOTA_EXCEEDED = 'UPSTREAM_QUOTA_EXCEEDED',
  UPSTREAM_AUTH = 'UPSTREAM_AUTH',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  /** A feature that needs infrastructure this deployment has not configured (e.g. Redis). */
  FEATURE_UNAVAILABLE = 'FEATURE_UNAVAILABLE',
  INTERNAL_ERROR = 'INTERNAL_ERROR',
}

/** Codes that say "our account cannot call Ensemble": no request succeeds until an operator acts. */
const ACCOUNT_FAILURES: ReadonlySet<string> = new Set([
  ErrorCode.UPSTREAM_AUTH,
  ErrorCode.UPSTREAM_QUOTA_EXCEEDED,
]);

export function isAccountFailure(code: string | null | undefined): boolean {
  return typeof code === 'string' && ACCOUNT_FAILURES.has(code);
}
