import { AsyncLocalStorage } from 'node:async_hooks';

export type CacheOutcome = 'HIT' | 'MISS';

/**
 * Per-request accounting that deep layers (clients, cache) add to without threading
 * parameters through every call: upstream calls, units, tokens, cache outcome.
 */
export class RequestStats {
  upstreamCalls = 0;
  unitsCharged = 0;
  llmTokens = 0;
  /** The outcome of the first cache lookup of the request: the one that decides its answer. */
  cache?: CacheOutcome;

  recordCache(outcome: CacheOutcome): void {
    this.cache ??= outcome;
  }
}

const storage = new AsyncLocalStorage<RequestStats>();

export const RequestContext = {
  run<T>(fn: () => T, stats = new RequestStats()): T {
    return storage.run(stats, fn);
  },
  current(): RequestStats | undefined {
    return storage.getStore();
  },
};
