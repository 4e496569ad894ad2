const DAY_MS = 24 * 3600 * 1000;

/** The UTC day a moment belongs to, as `YYYY-MM-DD`: the unit budget's accounting period. */
export function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** The next UTC midnight after `now`, in ms: when the daily budgets start over. */
export function nextUtcMidnight(now: number): number {
  return Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
}

/** Whole seconds until the next UTC midnight (at least 1), for Retry-After. */
export function secondsUntilUtcMidnight(now: number): number {
  return Math.max(1, Math.ceil((nextUtcMidnight(now) - now) / 1000));
}
