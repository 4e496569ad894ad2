import { RequestContext } from '../context/request-context';
import { DomainException } from '../errors/domain.exception';
import { ErrorCode } from '../errors/error-code.enum';

/**
 * When a request must be answered by, shared by everything the request calls: upstream clients
 * pass `signal` to their HTTP calls and ask `remainingMs()` before starting a retry. The signal
 * (and its timer) is created only when someone asks for it, so cached requests never pay for it.
 */
export class Deadline {
  private controller?: AbortController;
  private timer?: NodeJS.Timeout;

  /** `budgetMs`: the request's whole allowance, reported in the 504. */
  constructor(
    readonly at: number,
    readonly budgetMs: number,
  ) {}

  static in(ms: number, now = Date.now()): Deadline {
    return new Deadline(now + ms, ms);
  }

  /** The one error a request that ran out of time answers: 504 UPSTREAM_TIMEOUT. */
  exceeded(cause?: unknown): DomainException {
    return new DomainException(
      ErrorCode.UPSTREAM_TIMEOUT,
      'The request did not complete in time; try again later',
      { details: { timeout_ms: this.budgetMs }, cause },
    );
  }

  remainingMs(now = Date.now()): number {
    return Math.max(0, this.at - now);
  }

  /** True once the deadline has passed. */
  expired(now = Date.now()): boolean {
    return now >= this.at;
  }

  /** Aborts at the deadline. */
  get signal(): AbortSignal {
    if (!this.controller) {
      const controller = new AbortController();
      this.controller = controller;
      const remaining = this.remainingMs();
      if (remaining === 0) controller.abort(new DeadlineExceededError());
      else {
        this.timer = setTimeout(() => controller.abort(new DeadlineExceededError()), remaining);
        this.timer.unref();
      }
    }
    return this.controller.signal;
  }

  /** Stops the timer once the request is answered. */
  dispose(): void {
    clearTimeout(this.timer);
  }
}

export class DeadlineExceededError extends Error {
  constructor() {
    super('request deadline exceeded');
    this.name = 'DeadlineExceededError';
  }
}

/**
 * The current request's deadline as seen by an upstream client (outside a request there is
 * none, and everything below leaves the configured values alone).
 */
export const requestDeadline = {
  /** Aborts at the deadline. */
  signal(): AbortSignal | undefined {
    return RequestContext.current()?.deadline?.signal;
  },

  /** A configured duration (a timeout, a retry budget), cut to the time left. */
  cap(configuredMs: number): number {
    const deadline = RequestContext.current()?.deadline;
    return deadline ? Math.max(1, Math.min(configuredMs, deadline.remainingMs())) : configuredMs;
  },

  /** Whether another attempt, judged by how long the last one took, can finish in time. */
  fits(lastAttemptMs: number): boolean {
    const deadline = RequestContext.current()?.deadline;
    return !deadline || lastAttemptMs < deadline.remainingMs();
  },

  /** The request's 504 once its deadline has passed, otherwise undefined. */
  exceeded(cause?: unknown): DomainException | undefined {
    const deadline = RequestContext.current()?.deadline;
    return deadline?.expired() ? deadline.exceeded(cause) : undefined;
  },
};
