const BASE_MS = 100;
const MAX_MS = 5_000;

/**
 * Exponential backoff for Redis reconnects, capped so a recovered server is picked up within a
 * few seconds. Jitter (from the injected `random`) keeps a fleet of instances from reconnecting
 * in lock-step. Always a number: the client must never give up and close itself.
 */
export function reconnectDelay(retries: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_MS, BASE_MS * 2 ** Math.min(retries, 16));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}
