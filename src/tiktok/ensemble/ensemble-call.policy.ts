import { Inject, Injectable } from '@nestjs/common';
import { RequestContext } from '../../common/context/request-context';
import type { DomainException } from '../../common/errors/domain.exception';
import { BreakerRegistry } from '../../common/resilience/breaker-registry';
import type { CircuitBreaker } from '../../common/resilience/circuit-breaker';
import { resilienceConfig, type ResilienceConfig } from '../../config/configuration';
import { UnitBudget } from '../../rate-limit/unit-budget.service';
import type { EnsembleCallLimits } from './ensemble-transport';
import type { EnsemblePath } from './ensemble.types';

/**
 * What surrounds every Ensemble call besides HTTP: the breaker of its endpoint, the request's
 * deadline (carried into the transport as a signal; no retry that cannot finish in time), and
 * the daily unit budget (checked before each attempt, charged after).
 */
@Injectable()
export class EnsembleCallPolicy {
  constructor(
    private readonly breakers: BreakerRegistry,
    @Inject(resilienceConfig.KEY) private readonly config: ResilienceConfig,
    private readonly budget: UnitBudget,
  ) {}

  /** One breaker per endpoint; `isOutage` says which failures count against Ensemble. */
  breaker(endpoint: EnsemblePath, isOutage: (error: unknown) => boolean): CircuitBreaker {
    return this.breakers.get(`ensemble:${endpoint}`, {
      ...this.config.upstreamBreaker,
      isFailure: isOutage,
    });
  }

  /** Throws UNIT_BUDGET_EXHAUSTED when today's budget (global or the client's) is spent. */
  async beforeAttempt(): Promise<void> {
    await this.budget.assertCanSpend(RequestContext.current()?.clientName);
  }

  async charge(endpoint: EnsemblePath, units: number): Promise<void> {
    await this.budget.recordUnits(endpoint, units, RequestContext.current()?.clientName);
  }

  /** The request's deadline as transport limits; none outside a request. */
  limits(): EnsembleCallLimits {
    const deadline = RequestContext.current()?.deadline;
    if (!deadline) return {};
    return { signal: deadline.signal, timeoutMs: Math.max(1, deadline.remainingMs()) };
  }

  /** The request's 504 when its deadline has passed, otherwise undefined. */
  deadlineExceeded(cause: unknown): DomainException | undefined {
    const deadline = RequestContext.current()?.deadline;
    return deadline?.expired() ? deadline.exceeded(cause) : undefined;
  }

  /** Whether another attempt, judged by how long the last one took, fits before the deadline. */
  attemptFits(lastAttemptMs: number): boolean {
    const deadline = RequestContext.current()?.deadline;
    return !deadline || lastAttemptMs < deadline.remainingMs();
  }

  /** The time a call may spend retrying: the configured budget, cut to the deadline. */
  retryBudgetMs(configured: number): number {
    const deadline = RequestContext.current()?.deadline;
    return deadline ? Math.min(configured, deadline.remainingMs()) : configured;
  }
}
