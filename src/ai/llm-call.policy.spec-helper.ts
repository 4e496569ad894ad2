import type { RedisConnection } from '../cache/redis-connection';
import { UsageCounterStore } from '../cache/usage-counter.store';
import { BreakerRegistry } from '../common/resilience/breaker-registry';
import type { ClientsConfig, ResilienceConfig } from '../config/configuration';
import { UnitBudget } from '../rate-limit/unit-budget.service';
import { LlmCallPolicy } from './llm-call.policy';

/** An LLM call policy for specs: in-memory usage, a breaker that stays closed unless asked. */
export function testLlmPolicy(
  breaker: { threshold: number; cooldownMs: number } = { threshold: 1_000, cooldownMs: 1_000 },
): LlmCallPolicy {
  const usage = new UsageCounterStore({ client: null } as unknown as RedisConnection);
  const budget = new UnitBudget(usage, { apiKeys: [] } as unknown as ClientsConfig);
  return new LlmCallPolicy(
    new BreakerRegistry(),
    { upstreamBreaker: breaker } as ResilienceConfig,
    budget,
  );
}
