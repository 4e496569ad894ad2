import { AsyncLocalStorage } from 'node:async_hooks';
import type { Deadline } from '../deadline/deadline';

export type CacheOutcome = 'HIT' | 'MISS';

/**
 * Per-request accounting that deep layers (clients, cache) add to without threading
 * parameters through every call: upstream calls, units, tokens, cache outcome.
 */
export class RequestStats {
  ensembleCalls = 0;
  unitsCharged = 0;
  llmTokens = 0;
  /** The client API key's name when CLIENT_API_KEYS is set (never the key itself). */
  clientName?: string;
  /** When the request must be answered; upstream calls pass its signal and respect it. */
  deadline?: Deadline;
  /** The outcome of the request's first (outermost) cache lookup: the one that decides its answer. */
  cache?: CacheOutcome;
  private cacheClaimed = false;

  /**
   * Called by a cache lookup before it awaits anything. Only the first lookup of the request gets
   * a reporter: nested lookups inside its loader finish earlier but must not decide the outcome.
   */
  claimCacheOutcome(): ((outcome: CacheOutcome) => void) | undefined {
    if (this.cacheClaimed) return undefined;
    this.cacheClaimed = true;
    return (outcome) => {
      this.cache = outcome;
    };
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
