import { Inject, Injectable } from '@nestjs/common';
import { RequestContext } from '../../common/context/request-context';
import { requestDeadline } from '../../common/deadline/deadline';
import { BreakerRegistry } from '../../common/resilience/breaker-registry';
import type { CircuitBreaker } from '../../common/resilience/circuit-breaker';
import { resilienceConfig, type ResilienceConfig } from '../../config/configuration';
import { UnitBudget } from '../../rate-limit/unit-budget.service';
import type { EnsembleCallLimits } from './ensemble-transport';
import type { EnsemblePath } from './ensemble.types';

/**
 * What surrounds every Ensemble call besides HTTP: the breaker of its endpoint, the request's
 * deadline as transport limits, and the daily unit budget (checked before each attempt, charged
 * after).
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
    const signal = requestDeadline.signal();
    return signal ? { signal, timeoutMs: requestDeadline.cap(Number.MAX_SAFE_INTEGER) } : {};
  }
}
