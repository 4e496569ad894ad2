import { UsageCounterStore } from '../cache/usage-counter.store';
import type { RedisConnection } from '../cache/redis-connection';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code.enum';
import { UnitBudget } from './unit-budget.service';

const NOON = Date.parse('2026-12-02T12:00:00Z');
const NEXT_DAY = Date.parse('2026-12-03T00:00:01Z');

function budget(global?: number, perClient?: number): UnitBudget {
  const store = new UsageCounterStore({ client: null } as unknown as RedisConnection);
  return new UnitBudget(store, {
    apiKeys: [],
    ensembleDailyUnitBudget: global,
    clientDailyUnitBudget: perClient,
  });
}

async function refusal(run: () => Promise<void>): Promise<DomainException | undefined> {
  try {
    await run();
  } catch (error) {
    if (error instanceof DomainException) return error;
    throw error;
  }
  return undefined;
}

describe('UnitBudget', () => {
  it('never refuses without budgets', async () => {
    const b = budget();
    await b.recordUnits('/tt/user/info', 1_000_000, 'acme', NOON);
    await expect(b.assertCanSpend('acme', NOON)).resolves.toBeUndefined();
  });

  it('refuses once the day is spent, until UTC midnight, with Retry-After', async () => {
    const b = budget(10);
    await b.recordUnits('/tt/user/posts', 9, undefined, NOON);
    await expect(b.assertCanSpend(undefined, NOON)).resolves.toBeUndefined();
    await b.recordUnits('/tt/user/info', 1, undefined, NOON);
    const error = await refusal(() => b.assertCanSpend(undefined, NOON));
    expect(error?.code).toBe(ErrorCode.UNIT_BUDGET_EXHAUSTED);
    expect(error?.retryAfterSeconds).toBe(12 * 3600);
    expect(error?.details).toMatchObject({ scope: 'service', daily_budget: 10 });
    await expect(b.assertCanSpend(undefined, NEXT_DAY)).resolves.toBeUndefined();
  });

  it('caps each client apart, and only clients', async () => {
    const b = budget(undefined, 5);
    await b.recordUnits('/tt/user/info', 5, 'acme', NOON);
    expect((await refusal(() => b.assertCanSpend('acme', NOON)))?.details).toMatchObject({
      scope: 'client',
    });
    await expect(b.assertCanSpend('beta', NOON)).resolves.toBeUndefined();
    await expect(b.assertCanSpend(undefined, NOON)).resolves.toBeUndefined();
  });

  it('reports the day by endpoint, tokens, budgets and the caller', async () => {
    const b = budget(100, 20);
    await b.recordUnits('/tt/user/info', 1, 'acme', NOON);
    await b.recordUnits('/tt/keyword/search', 5, 'acme', NOON);
    await b.recordUnits('/tt/keyword/search', 5, 'beta', NOON);
    await b.recordTokens(300, 'acme', NOON);
    expect(await b.usage('acme', NOON)).toEqual({
      day: '2026-12-02',
      resets_at: '2026-12-03T00:00:00.000Z',
      ensemble: {
        units: 11,
        by_endpoint: { '/tt/user/info': 1, '/tt/keyword/search': 10 },
        daily_budget: 100,
        remaining: 89,
      },
      llm: { tokens: 300 },
      client: { name: 'acme', units: 6, llm_tokens: 300, daily_budget: 20, remaining: 14 },
    });
    expect((await b.usage(undefined, NOON)).client).toBeNull();
  });
});
