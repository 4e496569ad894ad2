import type { FakeEnsemble } from '../../fakes/fake-ensemble.server';
import { callCounts, field, post, type ScalingApp } from './scaling-app';

/**
 * Fires `total` identical cold /analyze requests at once, alternating between the instances,
 * and checks that Ensemble saw exactly the calls of one analysis (`expected`, per path) and
 * that every request got 200 with the same trends.
 */
export async function expectCoalescedAnalyses(
  apps: ScalingApp[],
  creator: string,
  total: number,
  fake: FakeEnsemble,
  expected: Record<string, number>,
): Promise<void> {
  const results = await Promise.all(
    Array.from({ length: total }, (_, i) =>
      post(apps[i % apps.length].url, '/api/v1/analyze', { profile_url: creator }),
    ),
  );
  const statuses = results.map((r) => r.status);
  expect(statuses).toEqual(Array.from({ length: total }, () => 200));
  expect(callCounts(fake)).toEqual(expected);

  const trends = results.map((r) => JSON.stringify(field(r.body, 'trends')));
  expect(new Set(trends).size).toBe(1);
  expect((field(results[0].body, 'trends') as unknown[]).length).toBeGreaterThan(0);
}
