import { Global, Injectable, Logger, Module } from '@nestjs/common';
import { RequestContext } from '../context/request-context';
import type { Upstream, UpstreamCall, UpstreamCallEvent } from './upstream-call.event';

export type UpstreamCallListener = (event: UpstreamCallEvent) => void;

/**
 * Where every upstream client reports each logical call: it logs the one line per call, adds the
 * call to the request's accounting, keeps the last outcome per upstream (health) and tells the
 * subscribers (metrics). A failing subscriber never changes the outcome of a data call.
 */
@Injectable()
export class UpstreamCallRecorder {
  private readonly logger = new Logger(UpstreamCallRecorder.name);
  private readonly last = new Map<Upstream, UpstreamCallEvent>();
  private readonly listeners: UpstreamCallListener[] = [];

  record(call: UpstreamCall): void {
    const event: UpstreamCallEvent = { ...call, at: new Date().toISOString() };
    this.last.set(event.upstream, event);
    const stats = RequestContext.current();
    if (stats) {
      if (event.upstream === 'ensemble') stats.ensembleCalls += event.attempts;
      stats.unitsCharged += event.units;
      stats.llmTokens += event.tokens;
    }
    // Never the URL, the key, the prompt or the answer.
    const line = {
      upstream: event.upstream,
      endpoint: event.endpoint,
      outcome: event.outcome,
      status: event.status,
      durationMs: event.durationMs,
      retries: Math.max(0, event.attempts - 1),
      units: event.units,
      tokens: event.tokens,
    };
    if (event.outcome === 'ok') this.logger.log(line);
    else this.logger.warn(line);
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // Observability must never change the outcome of a data call.
      }
    }
  }

  /** The latest call to `upstream`, or null before the first one. */
  lastCall(upstream: Upstream): UpstreamCallEvent | null {
    const event = this.last.get(upstream);
    return event === undefined ? null : { ...event };
  }

  subscribe(listener: UpstreamCallListener): void {
    this.listeners.push(listener);
  }
}

@Global()
@Module({ providers: [UpstreamCallRecorder], exports: [UpstreamCallRecorder] })
export class UpstreamCallModule {}
