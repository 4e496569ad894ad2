import { Inject, Injectable } from '@nestjs/common';
import { RequestContext } from '../common/context/request-context';
import { BreakerRegistry } from '../common/resilience/breaker-registry';
import type { CircuitBreaker } from '../common/resilience/circuit-breaker';
import { resilienceConfig, type ResilienceConfig } from '../config/configuration';
import { UnitBudget } from '../rate-limit/unit-budget.service';
import { AiUpstreamError, type AiFailureReason } from './ai-upstream.error';

/** Failures that say the LLM provider is in trouble; a refused key or a bad request are not. */
const OUTAGES = new Set<AiFailureReason>(['timeout', 'network', 'http_5xx', 'rate_limited']);

/**
 * What surrounds every LLM call besides the SDK: the LLM's circuit breaker (while open,
 * /analyze picks hashtags locally at once) and token usage.
 */
@Injectable()
export class LlmCallPolicy {
  readonly breaker: CircuitBreaker;

  constructor(
    breakers: BreakerRegistry,
    @Inject(resilienceConfig.KEY) config: ResilienceConfig,
    private readonly budget: UnitBudget,
  ) {
    this.breaker = breakers.get('openai', {
      ...config.upstreamBreaker,
      isFailure: (error) => error instanceof AiUpstreamError && OUTAGES.has(error.reason),
    });
  }

  async chargeTokens(tokens: number): Promise<void> {
    await this.budget.recordTokens(tokens, RequestContext.current()?.clientName);
  }
}
