import { RequestContext } from '../common/context/request-context';

/**
 * Who owns the watchlists a request sees: the client key's name when CLIENT_API_KEYS is set,
 * null in open mode (no keys: everyone shares the unowned watchlists).
 */
export function currentOwner(): string | null {
  return RequestContext.current()?.clientName ?? null;
}
