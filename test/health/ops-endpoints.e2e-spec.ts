import { spawnServer, type SpawnedServer } from '../support/spawn-server';
import { getPath, postJson } from '../support/http';
import { requestLogLines } from './support/request-log-lines';

/**
 * The operational endpoints are for orchestrators and scrapers: never rate limited (a probe
 * must not be refused because a client used up the budget) and never logged per request at
 * info level (they would drown the request log). An API route under the same settings is both.
 * The app runs as its own process: its log destination writes to the real stdout.
 */

const OPS = ['/health', '/health/live', '/health/ready', '/metrics'];
const CALLS_EACH = 10;

describe('health and metrics endpoints', () => {
  let server: SpawnedServer;
  let url: string;

  beforeAll(async () => {
    server = await spawnServer({
      MAX_REQUESTS_PER_MINUTE: '2',
      ANALYZE_REQUESTS_PER_MINUTE: '1',
      LOG_LEVEL: 'info',
    });
    url = server.url;
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('are neither rate limited nor logged, while /api/v1/profile is both', async () => {
    const opsStatuses: Record<string, number[]> = {};
    for (const path of OPS) {
      opsStatuses[path] = [];
      for (let i = 0; i < CALLS_EACH; i++) {
        opsStatuses[path].push((await getPath(url, path)).status);
      }
    }
    for (const path of OPS) {
      expect({ path, statuses: opsStatuses[path] }).toEqual({
        path,
        statuses: Array<number>(CALLS_EACH).fill(200),
      });
    }

    // The limiter is on (2 per minute) and the 40 probes above did not use up its budget.
    const apiStatuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await postJson(url, '/api/v1/profile', { username: 'demo_cooking_carlos' });
      apiStatuses.push(res.status);
    }
    expect(apiStatuses).toEqual([200, 200, 429]);

    // Stopping the process flushes its log destination: every line is in by then.
    await server.stop();
    const lines = requestLogLines(server.output().split('\n'));
    expect(lines.filter((l) => OPS.some((p) => l.req?.url?.startsWith(p)))).toEqual([]);
    const apiLines = lines.filter((l) => l.req?.url === '/api/v1/profile');
    expect(apiLines.map((l) => [l.req?.method, l.req?.url, l.res?.statusCode])).toEqual([
      ['POST', '/api/v1/profile', 200],
      ['POST', '/api/v1/profile', 200],
      ['POST', '/api/v1/profile', 429],
    ]);
    // Info level, the level the probes would have been logged at.
    expect(apiLines[0].level).toBe(30);
  });
});
