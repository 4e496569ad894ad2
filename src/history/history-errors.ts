import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code.enum';

/** Nothing stored under this analysis id, video id, creator or hashtag. */
export function historyNotFound(what: string, details: Record<string, string>): DomainException {
  return new DomainException(ErrorCode.NOT_FOUND, `No history for this ${what}`, { details });
}

export function historyDisabled(): DomainException {
  return new DomainException(
    ErrorCode.SERVICE_UNAVAILABLE,
    'History is turned off on this server (HISTORY_ENABLED=false)',
  );
}
