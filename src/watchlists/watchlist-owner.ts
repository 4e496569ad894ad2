import { RequestContext } from '../common/context/request-context';

/**
 * Who owns the watchlists a request sees: the client key's name when client keys are configured,
 * null in open mode (no keys: everyone shares the unowned watchlists).
 * SEAM (client keys): the request context gains `clientName` with CLIENT_API_KEYS; until then
 * every request is in open mode.
 */
export function currentOwner(): string | null {
  const stats = RequestContext.current() as { clientName?: string } | undefined;
  return stats?.clientName ?? null;
}
