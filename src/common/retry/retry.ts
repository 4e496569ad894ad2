export interface RetryPolicy {
  /** Retries after the first attempt (0 = a single attempt). */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Give up instead of sleeping past this much total elapsed time. */
  budgetMs: number;
}

export interface RetryDecision {
  retry: boolean;
  /** Server-requested wait (e.g. Retry-After), used instead of the backoff when present. */
  retryAfterMs?: number;
}

export interface RetryHooks {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with full jitter: uniform in [base*2^n / 2, base*2^n], capped. */
export function backoffDelay(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Runs `fn` until it succeeds, `classify` says the error is final, the retry count is
 * spent, or the next wait would exceed the time budget. The last error is rethrown.
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  classify: (error: unknown) => RetryDecision,
  policy: RetryPolicy,
  hooks: RetryHooks = {},
): Promise<T> {
  const wait = hooks.sleep ?? sleep;
  const now = hooks.now ?? Date.now;
  const started = now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      const decision = classify(error);
      if (!decision.retry || attempt >= policy.maxRetries) throw error;
      const delay =
        decision.retryAfterMs !== undefined
          ? Math.min(decision.retryAfterMs, policy.maxDelayMs)
          : backoffDelay(attempt, policy, hooks.random);
      if (now() - started + delay > policy.budgetMs) throw error;
      hooks.onRetry?.(attempt + 1, delay, error);
      await wait(delay);
    }
  }
}

/** IMF-fixdate, the one HTTP-date form servers send: `Sun, 06 Nov 1994 08:49:37 GMT`. */
const HTTP_DATE = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const DELTA_SECONDS = /^\d+(\.\d+)?$/;

/**
 * Parses a Retry-After header (delta-seconds or HTTP date) into milliseconds. Anything else —
 * negative numbers, garbage, dates in the past, text Date.parse happens to accept — is
 * undefined, so the caller's own backoff applies instead of an immediate retry.
 */
export function parseRetryAfter(value: unknown, nowMs: number = Date.now()): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  if (DELTA_SECONDS.test(text)) return Math.round(Number(text) * 1000);
  if (!HTTP_DATE.test(text)) return undefined;
  const wait = Date.parse(text) - nowMs;
  return Number.isFinite(wait) && wait > 0 ? wait : undefined;
}
