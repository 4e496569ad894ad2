import type { RedisConnection } from '../../cache/redis-connection';
import { UsageCounterStore } from '../../cache/usage-counter.store';
import { BreakerRegistry } from '../../common/resilience/breaker-registry';
import type { ClientsConfig, ResilienceConfig } from '../../config/configuration';
import { UnitBudget } from '../../rate-limit/unit-budget.service';
import { EnsembleCallPolicy } from './ensemble-call.policy';

/**
 * A call policy for client specs: in-memory usage, and a breaker that stays closed unless the
 * spec asks for a threshold.
 */
export function testCallPolicy(
  breaker: { threshold: number; cooldownMs: number } = { threshold: 1_000, cooldownMs: 1_000 },
  budgets: Partial<ClientsConfig> = {},
): EnsembleCallPolicy {
  const usage = new UsageCounterStore({ client: null } as unknown as RedisConnection);
  const budget = new UnitBudget(usage, { apiKeys: [], ...budgets } as ClientsConfig);
  const resilience = { upstreamBreaker: breaker } as ResilienceConfig;
  return new EnsembleCallPolicy(new BreakerRegistry(), resilience, budget);
}
