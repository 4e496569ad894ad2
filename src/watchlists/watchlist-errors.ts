import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code.enum';

/** The watchlist API's own errors: thrown by the code, and rendered as its OpenAPI examples. */
export const watchlistNotFound = () =>
  new DomainException(ErrorCode.NOT_FOUND, 'Watchlist not found');

export const watchlistsNeedRedis = () =>
  new DomainException(
    ErrorCode.FEATURE_UNAVAILABLE,
    'Watchlists need Redis: set REDIS_URL (a single Redis, not a cluster) to enable them',
  );

export const queueUnavailable = (cause?: unknown) =>
  new DomainException(
    ErrorCode.SERVICE_UNAVAILABLE,
    'The watchlist queue is unavailable: Redis cannot be reached',
    { cause, retryAfterSeconds: 30 },
  );
