import { DomainException, type ErrorDetails } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-code.enum';
import { redactUpstreamText } from '../../common/redaction/redact';

/**
 * Ensemble HTTP status -> domain error. Decided by status code only: detail texts are
 * Ensemble's prose, not a contract, and may change or echo request input.
 *
 * Messages are written here, generic and client-safe; the upstream status and a redacted
 * detail travel in `cause` (logged, never serialised).
 */

/** Transient upstream answers worth another attempt. 495 (quota) is deliberately absent. */
const RETRYABLE = new Set([429, 500, 502, 503, 504]);

export function isRetryableEnsembleStatus(status: number): boolean {
  return RETRYABLE.has(status);
}

/** What the client knows about a failed upstream answer, for logs only. */
export class EnsembleUpstreamError extends Error {
  constructor(
    readonly status: number,
    readonly endpoint: string,
    detail: string,
  ) {
    super(`Ensemble ${endpoint} answered ${status}${detail === '' ? '' : `: ${detail}`}`);
    this.name = 'EnsembleUpstreamError';
  }
}

interface Mapping {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

const AUTH: Mapping = {
  code: ErrorCode.UPSTREAM_AUTH,
  message: 'The TikTok data provider rejected our credentials',
};

const BY_STATUS: Record<number, Mapping> = {
  463: { code: ErrorCode.NOT_FOUND, message: 'TikTok user not found' },
  473: { code: ErrorCode.NOT_FOUND, message: 'TikTok user not found' },
  472: { code: ErrorCode.PROFILE_PRIVATE, message: 'This TikTok profile is private' },
  471: { code: ErrorCode.PROFILE_RESTRICTED, message: 'This TikTok profile is restricted' },
  474: {
    code: ErrorCode.PROFILE_RESTRICTED,
    message: 'This TikTok profile is not available in the provider region',
  },
  520: { code: ErrorCode.PROFILE_RESTRICTED, message: 'This TikTok content is restricted' },
  /*
   * The country code is the one parameter whose value comes straight from the caller and that
   * only Ensemble can judge: the caller can fix it, so it is their 400, not our 502.
   */
  466: {
    code: ErrorCode.VALIDATION_ERROR,
    message: 'Unsupported country code',
    details: { fields: { country: ['country is not supported by the TikTok data provider'] } },
  },
  401: AUTH,
  403: AUTH,
  491: AUTH,
  492: AUTH,
  493: AUTH,
  495: {
    code: ErrorCode.UPSTREAM_QUOTA_EXCEEDED,
    message: 'The TikTok data provider quota is used up for today',
  },
};

const UNAVAILABLE = 'The TikTok data provider is temporarily unavailable';

/**
 * Maps a non-200 Ensemble answer. `retryAfterMs` (from a 429's Retry-After) becomes the
 * exception's retryAfterSeconds. 422/400 and any other unlisted 4xx mean *our* request was
 * wrong (every other parameter is validated before it is sent): a 502, not the caller's 400.
 */
export function mapEnsembleStatus(
  status: number,
  cause?: EnsembleUpstreamError,
  retryAfterMs?: number,
): DomainException {
  const known = BY_STATUS[status];
  if (known) {
    return new DomainException(known.code, known.message, { details: known.details, cause });
  }
  if (status === 429 || (status >= 500 && status <= 599)) {
    return new DomainException(ErrorCode.UPSTREAM_UNAVAILABLE, UNAVAILABLE, {
      cause,
      retryAfterSeconds:
        retryAfterMs === undefined ? undefined : Math.max(1, Math.ceil(retryAfterMs / 1000)),
    });
  }
  return new DomainException(
    ErrorCode.UPSTREAM_ERROR,
    'The TikTok data provider returned an unexpected error',
    { cause },
  );
}

/** Network failure or timeout after retries. */
export function ensembleUnavailable(cause?: Error): DomainException {
  return new DomainException(ErrorCode.UPSTREAM_UNAVAILABLE, UNAVAILABLE, { cause });
}

/** A 200 whose body is not JSON or lacks the promised shape. */
export function ensembleMalformed(cause?: Error): DomainException {
  return new DomainException(
    ErrorCode.UPSTREAM_MALFORMED,
    'The TikTok data provider returned an unreadable response',
    { cause },
  );
}

/**
 * A short, log-safe rendering of an error body: the detail text (or 422 `msg`s), with URLs and
 * the secret removed, any `token=` parameter masked and the length capped.
 */
export function describeErrorBody(body: string, secret: string | undefined): string {
  return redactUpstreamText(detailOf(body), [secret]).slice(0, 200);
}

function detailOf(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return '';
  }
  if (typeof parsed !== 'object' || parsed === null || !('detail' in parsed)) return '';
  const detail = parsed.detail;
  if (typeof detail === 'string') return detail;
  if (!Array.isArray(detail)) return '';
  // 422 problems: keep the messages, drop `input`, which may echo what we sent.
  return detail
    .map((p: unknown) => (typeof p === 'object' && p !== null && 'msg' in p ? String(p.msg) : ''))
    .filter((m) => m !== '')
    .join('; ');
}
