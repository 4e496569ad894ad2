/** How many recent calls the window keeps, and how old they may be. */
const WINDOW_SIZE = 20;
const WINDOW_MS = 5 * 60_000;
/** Fewer calls than this say nothing about a dependency's health. */
const MIN_CALLS = 3;

export interface CallWindowSummary {
  calls: number;
  failures: number;
  /** Failed share of the recent calls; 0 without calls. */
  failureRatio: number;
  /** True when enough recent calls failed to call the dependency unhealthy. */
  failing: boolean;
}

/**
 * The outcomes of a dependency's recent calls, so health reflects a trend rather than
 * whichever call happened to finish last.
 */
export class CallWindow {
  private readonly outcomes: { ok: boolean; at: number }[] = [];

  record(ok: boolean, now: number): void {
    this.outcomes.push({ ok, at: now });
    if (this.outcomes.length > WINDOW_SIZE) this.outcomes.shift();
  }

  summary(now: number): CallWindowSummary {
    const recent = this.outcomes.filter((o) => now - o.at <= WINDOW_MS);
    const failures = recent.filter((o) => !o.ok).length;
    const failureRatio = recent.length === 0 ? 0 : failures / recent.length;
    return {
      calls: recent.length,
      failures,
      failureRatio: Math.round(failureRatio * 100) / 100,
      failing: recent.length >= MIN_CALLS && failureRatio >= 0.5,
    };
  }
}
