import type { NestExpressApplication } from '@nestjs/platform-express';
import { createTestApp } from '../support/test-app';
import { getPath, postJson } from '../support/http';
import { captureStdout, requestLogLines } from '../support/stdout-capture';

/**
 * The operational endpoints are for orchestrators and scrapers: never rate limited (a probe
 * must not be refused because a client used up the budget) and never logged per request at
 * info level (they would drown the request log). An API route under the same settings is both.
 */

const OPS = ['/health', '/health/live', '/health/ready', '/metrics'];
const CALLS_EACH = 10;

describe('health and metrics endpoints', () => {
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await createTestApp({
      MAX_REQUESTS_PER_MINUTE: '2',
      ANALYZE_REQUESTS_PER_MINUTE: '1',
      LOG_LEVEL: 'info',
    }));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('are neither rate limited nor logged, while /api/v1/profile is both', async () => {
    const opsStatuses: Record<string, number[]> = {};
    const opsLines = requestLogLines(
      await captureStdout(async () => {
        for (const path of OPS) {
          opsStatuses[path] = [];
          for (let i = 0; i < CALLS_EACH; i++) {
            opsStatuses[path].push((await getPath(url, path)).status);
          }
        }
      }),
    );
    for (const path of OPS) {
      expect({ path, statuses: opsStatuses[path] }).toEqual({
        path,
        statuses: Array<number>(CALLS_EACH).fill(200),
      });
    }
    expect(opsLines.map((l) => l.req?.url)).toEqual([]);

    // The limiter is on (2 per minute) and the 40 probes above did not use up its budget.
    const apiStatuses: number[] = [];
    const apiLines = requestLogLines(
      await captureStdout(async () => {
        for (let i = 0; i < 3; i++) {
          const res = await postJson(url, '/api/v1/profile', { username: 'demo_cooking_carlos' });
          apiStatuses.push(res.status);
        }
      }),
    );
    expect(apiStatuses).toEqual([200, 200, 429]);
    expect(apiLines.map((l) => [l.req?.method, l.req?.url, l.res?.statusCode])).toEqual([
      ['POST', '/api/v1/profile', 200],
      ['POST', '/api/v1/profile', 200],
      ['POST', '/api/v1/profile', 429],
    ]);
    // Info level, the level the probes would have been logged at.
    expect(apiLines[0].level).toBe(30);
  });
});
