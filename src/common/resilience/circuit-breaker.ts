import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import { CallWindow, type CallWindowSummary } from './call-window';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  /** Consecutive failures that open the circuit. */
  threshold: number;
  /** How long the circuit stays open before one probe call may pass (half-open). */
  cooldownMs: number;
  /** Which errors count against the dependency; others (a 404, bad input) pass through. */
  isFailure?: (error: unknown) => boolean;
}

export interface BreakerSnapshot {
  name: string;
  state: BreakerState;
  /** ms until a probe may pass; 0 unless open. */
  retryAfterMs: number;
  recent: CallWindowSummary;
}

/** Thrown instead of calling a dependency whose circuit is open. */
export class CircuitOpenError extends Error {
  constructor(
    readonly breaker: string,
    readonly retryAfterMs: number,
  ) {
    super(`${breaker} circuit is open; retry in ${Math.ceil(retryAfterMs / 1000)} s`);
    this.name = 'CircuitOpenError';
  }
}

/**
 * A circuit breaker around one dependency (cockatiel's ConsecutiveBreaker): after `threshold`
 * consecutive failures calls fail fast for `cooldownMs`, then a single probe decides between
 * closing and another cool-down. Unlike cockatiel's default, calls that arrive while the probe
 * runs fail fast too instead of queueing behind it, so a hung dependency never holds a request.
 */
export class CircuitBreaker {
  private readonly policy: CircuitBreakerPolicy;
  private readonly window = new CallWindow();
  private openedAt = 0;

  constructor(
    readonly name: string,
    private readonly options: BreakerOptions,
  ) {
    const isFailure = options.isFailure ?? (() => true);
    this.policy = circuitBreaker(
      handleWhen((error) => isFailure(error)),
      { halfOpenAfter: options.cooldownMs, breaker: new ConsecutiveBreaker(options.threshold) },
    );
    this.policy.onBreak(() => {
      this.openedAt = Date.now();
    });
  }

  /** Called with 'open' when the circuit opens and 'closed' when a probe closes it. */
  onStateChange(listener: (state: BreakerState) => void): void {
    this.policy.onBreak(() => listener('open'));
    this.policy.onReset(() => listener('closed'));
  }

  get state(): BreakerState {
    switch (this.policy.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.HalfOpen:
        return 'half_open';
      default:
        return this.retryAfterMs() > 0 ? 'open' : 'half_open';
    }
  }

  /** False while open (or probing): the caller should not even try. */
  get allowsCalls(): boolean {
    return this.policy.state === CircuitState.Closed || this.state === 'half_open';
  }

  retryAfterMs(now = Date.now()): number {
    if (this.policy.state !== CircuitState.Open) return 0;
    return Math.max(0, this.openedAt + this.options.cooldownMs - now);
  }

  async execute<T>(fn: () => Promise<T>): Promise<T> {
    if (this.policy.state === CircuitState.HalfOpen) {
      throw new CircuitOpenError(this.name, this.options.cooldownMs);
    }
    const isFailure = this.options.isFailure ?? (() => true);
    try {
      const value = await this.policy.execute(fn);
      this.window.record(true, Date.now());
      return value;
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        throw new CircuitOpenError(this.name, this.retryAfterMs());
      }
      this.window.record(!isFailure(error), Date.now());
      throw error;
    }
  }

  snapshot(now = Date.now()): BreakerSnapshot {
    return {
      name: this.name,
      state: this.state,
      retryAfterMs: this.retryAfterMs(now),
      recent: this.window.summary(now),
    };
  }
}
