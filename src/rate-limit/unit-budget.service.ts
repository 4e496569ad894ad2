import { Inject, Injectable } from '@nestjs/common';
import { UsageCounterStore, type UsageCounts } from '../cache/usage-counter.store';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code.enum';
import { clientsConfig, type ClientsConfig } from '../config/configuration';
import type { UsageDto } from './dto/usage.dto';
import { nextUtcMidnight, secondsUntilUtcMidnight, utcDay } from './usage-day';

const UNITS = 'units';
const TOKENS = 'tokens';
const ENDPOINT_UNITS = 'units:';
const clientUnits = (client: string) => `client:${client}:units`;
const clientTokens = (client: string) => `client:${client}:tokens`;

/**
 * Daily Ensemble unit budgets (ENSEMBLE_DAILY_UNIT_BUDGET for everyone, CLIENT_DAILY_UNIT_BUDGET
 * per client key) and the usage they are checked against, counted per UTC day across instances.
 * A call is refused before it starts once the budget is spent; the units of a call already
 * under way are still counted, so a day can end slightly over by the calls in flight.
 */
@Injectable()
export class UnitBudget {
  constructor(
    private readonly store: UsageCounterStore,
    @Inject(clientsConfig.KEY) private readonly config: ClientsConfig,
  ) {}

  /** Throws UNIT_BUDGET_EXHAUSTED (Retry-After: UTC midnight) when no more units may be spent. */
  async assertCanSpend(client: string | undefined, now = Date.now()): Promise<void> {
    const global = this.config.ensembleDailyUnitBudget;
    const perClient = client === undefined ? undefined : this.config.clientDailyUnitBudget;
    if (global === undefined && perClient === undefined) return;
    const counts = await this.store.read(utcDay(now));
    if (global !== undefined && (counts[UNITS] ?? 0) >= global) {
      throw exhausted('service', global, now);
    }
    if (client !== undefined && perClient !== undefined) {
      if ((counts[clientUnits(client)] ?? 0) >= perClient)
        throw exhausted('client', perClient, now);
    }
  }

  async recordUnits(
    endpoint: string,
    units: number,
    client: string | undefined,
    now = Date.now(),
  ): Promise<void> {
    if (units <= 0) return;
    const increments: UsageCounts = { [UNITS]: units, [`${ENDPOINT_UNITS}${endpoint}`]: units };
    if (client !== undefined) increments[clientUnits(client)] = units;
    await this.store.add(utcDay(now), increments);
  }

  async recordTokens(tokens: number, client: string | undefined, now = Date.now()): Promise<void> {
    if (tokens <= 0) return;
    const increments: UsageCounts = { [TOKENS]: tokens };
    if (client !== undefined) increments[clientTokens(client)] = tokens;
    await this.store.add(utcDay(now), increments);
  }

  async usage(client: string | undefined, now = Date.now()): Promise<UsageDto> {
    const counts = await this.store.read(utcDay(now));
    const byEndpoint: Record<string, number> = {};
    for (const [field, n] of Object.entries(counts)) {
      if (field.startsWith(ENDPOINT_UNITS)) byEndpoint[field.slice(ENDPOINT_UNITS.length)] = n;
    }
    const units = counts[UNITS] ?? 0;
    const global = this.config.ensembleDailyUnitBudget ?? null;
    return {
      day: utcDay(now),
      resets_at: new Date(nextUtcMidnight(now)).toISOString(),
      ensemble: {
        units,
        by_endpoint: byEndpoint,
        daily_budget: global,
        remaining: global === null ? null : Math.max(0, global - units),
      },
      llm: { tokens: counts[TOKENS] ?? 0 },
      client: client === undefined ? null : this.clientUsage(client, counts),
    };
  }

  private clientUsage(client: string, counts: UsageCounts): UsageDto['client'] {
    const units = counts[clientUnits(client)] ?? 0;
    const budget = this.config.clientDailyUnitBudget ?? null;
    return {
      name: client,
      units,
      llm_tokens: counts[clientTokens(client)] ?? 0,
      daily_budget: budget,
      remaining: budget === null ? null : Math.max(0, budget - units),
    };
  }
}

function exhausted(scope: 'service' | 'client', budget: number, now: number): DomainException {
  const message =
    scope === 'service'
      ? "Today's Ensemble unit budget is spent; cached answers are still served"
      : "This client's daily Ensemble unit budget is spent; cached answers are still served";
  return new DomainException(ErrorCode.UNIT_BUDGET_EXHAUSTED, message, {
    details: {
      scope,
      daily_budget: budget,
      resets_at: new Date(nextUtcMidnight(now)).toISOString(),
    },
    retryAfterSeconds: secondsUntilUtcMidnight(now),
  });
}
