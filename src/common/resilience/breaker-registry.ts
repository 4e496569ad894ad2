import { Injectable } from '@nestjs/common';
import { CircuitBreaker, type BreakerOptions, type BreakerSnapshot } from './circuit-breaker';

/**
 * Every circuit breaker of the process, by name (`ensemble:/tt/user/info`, `openai`, `redis`),
 * so /health reports them all from one place. Breakers are per instance on purpose: each
 * instance judges its own path to a dependency.
 */
@Injectable()
export class BreakerRegistry {
  private readonly breakers = new Map<string, CircuitBreaker>();

  /** The breaker called `name`, created with `options` on first use. */
  get(name: string, options: BreakerOptions): CircuitBreaker {
    let breaker = this.breakers.get(name);
    if (!breaker) {
      breaker = new CircuitBreaker(name, options);
      this.breakers.set(name, breaker);
    }
    return breaker;
  }

  /** Snapshots of the breakers whose name starts with `prefix`. */
  snapshots(prefix = '', now = Date.now()): BreakerSnapshot[] {
    return [...this.breakers.values()]
      .filter((b) => b.name.startsWith(prefix))
      .map((b) => b.snapshot(now));
  }
}
