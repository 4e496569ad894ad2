import { Injectable } from '@nestjs/common';
import { defer, filter, mergeMap, Observable, ReplaySubject, Subject, take } from 'rxjs';
import type { AnalysisProgress, AnalysisProgressEvent } from './analysis-progress';

interface Run {
  key: string;
  events: ReplaySubject<AnalysisProgressEvent>;
}

/**
 * The progress of analyses running in this process, by coalescing key (the analysis cache
 * key). The one run that computes an analysis reports into it; any number of listeners follow
 * it: a listener that arrives late gets the steps so far, then the rest. Listeners come and go
 * without touching the run, so a client that leaves never cancels work that others wait for.
 */
@Injectable()
export class AnalysisProgressHub {
  private readonly runs = new Map<string, Run>();
  private readonly started = new Subject<Run>();

  /** Runs `work` as the analysis for `key`, publishing what it reports until it settles. */
  async track<T>(key: string, work: (progress: AnalysisProgress) => Promise<T>): Promise<T> {
    const run: Run = { key, events: new ReplaySubject<AnalysisProgressEvent>() };
    this.runs.set(key, run);
    this.started.next(run);
    // rxjs reports a listener's own failure asynchronously; it never reaches the pipeline.
    const progress: AnalysisProgress = (event) => run.events.next(event);
    try {
      return await work(progress);
    } finally {
      if (this.runs.get(key) === run) this.runs.delete(key);
      run.events.complete();
    }
  }

  /**
   * The steps of the run for `key`: the one in progress, or else the next one to start. Completes
   * when that run settles; a caller that gets its answer from the cache simply unsubscribes.
   */
  watch(key: string): Observable<AnalysisProgressEvent> {
    return defer(() => {
      const current = this.runs.get(key);
      if (current) return current.events;
      return this.started.pipe(
        filter((run) => run.key === key),
        take(1),
        mergeMap((run) => run.events),
      );
    });
  }

  /** How many analyses are reporting progress now (for tests and diagnostics). */
  get activeRuns(): number {
    return this.runs.size;
  }
}
