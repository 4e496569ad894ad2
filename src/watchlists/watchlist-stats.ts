import { Injectable } from '@nestjs/common';

export interface WatchlistCounters {
  runs: { completed: number; failed: number };
  webhookAttempts: { delivered: number; failed: number };
  /** Run or delivery records the database refused (logged too): the work went on without them. */
  writeFailures: number;
}

/** This process's watchlist counters; /metrics reads them at scrape time. */
@Injectable()
export class WatchlistStats {
  private readonly counters: WatchlistCounters = {
    runs: { completed: 0, failed: 0 },
    webhookAttempts: { delivered: 0, failed: 0 },
    writeFailures: 0,
  };

  run(outcome: keyof WatchlistCounters['runs']): void {
    this.counters.runs[outcome]++;
  }

  webhookAttempt(outcome: keyof WatchlistCounters['webhookAttempts']): void {
    this.counters.webhookAttempts[outcome]++;
  }

  writeFailed(): void {
    this.counters.writeFailures++;
  }

  snapshot(): WatchlistCounters {
    return {
      runs: { ...this.counters.runs },
      webhookAttempts: { ...this.counters.webhookAttempts },
      writeFailures: this.counters.writeFailures,
    };
  }
}
