import { sleep } from '../common/retry/retry';

/**
 * Spaces this process's watchlist analyses evenly so that at most `perMinute` start in any
 * minute: a large watchlist then never takes all of the upstream budget and CPU from the API.
 */
export class AnalysisPacer {
  private nextSlot = 0;
  private readonly spacingMs: number;

  constructor(
    perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly wait: (ms: number) => Promise<void> = sleep,
  ) {
    this.spacingMs = 60_000 / perMinute;
  }

  /** Resolves when the next analysis may start. */
  async slot(): Promise<void> {
    const now = this.now();
    const start = Math.max(now, this.nextSlot);
    this.nextSlot = start + this.spacingMs;
    if (start > now) await this.wait(start - now);
  }
}
