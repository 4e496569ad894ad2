import { createClient } from 'redis';
import { PATIENT_REDIS } from '../support/scaling/rate-limit';
import { expectStatus, get, post } from '../support/scaling/scaling-app';
import { useScalingWorld } from '../support/scaling/scaling-world';

type Monitored = ReturnType<typeof createClient>;

/**
 * The commands the limiter sends while `send` runs, as Redis's MONITOR sees them: commands a
 * client sent, not the ones a script runs inside Redis (logged as `[n lua]`).
 */
async function limiterCommands(
  probe: Monitored,
  lines: string[],
  send: () => Promise<unknown>,
): Promise<string[]> {
  lines.length = 0;
  await send();
  // MONITOR streams asynchronously: a marker sent afterwards arrives after everything before it.
  const marker = `round-trips-marker-${Math.random()}`;
  await probe.echo(marker);
  for (let i = 0; i < 200 && !lines.some((l) => l.includes(marker)); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(lines.some((l) => l.includes(marker))).toBe(true);
  return lines.filter((l) => l.includes('trendxl:rl:') && !/\[\d+ lua\]/.test(l));
}

describe('the limiter costs one Redis round trip per limited request', () => {
  const world = useScalingWorld({
    instances: [
      { ...PATIENT_REDIS, MAX_REQUESTS_PER_MINUTE: '50', ANALYZE_REQUESTS_PER_MINUTE: '2' },
    ],
  });
  let monitor: Monitored;
  let probe: Monitored;
  const lines: string[] = [];

  beforeAll(async () => {
    if (!world.redis) throw new Error('this spec runs on one Redis server');
    monitor = createClient({ url: world.redis.url });
    probe = createClient({ url: world.redis.url });
    for (const client of [monitor, probe]) {
      client.on('error', () => undefined);
      await client.connect();
    }
    await monitor.monitor((line) => lines.push(line));
  });

  afterAll(() => {
    monitor?.destroy();
    probe?.destroy();
  });

  beforeEach(async () => {
    await world.raw.del('trendxl:rl:*');
  });

  it('counts both limits of /analyze in one command, on keys of one hash slot', async () => {
    const { url } = world.apps[0];
    const sent = await limiterCommands(probe, lines, async () =>
      expectStatus(await post(url, '/api/v1/analyze', { profile_url: 'chefmaya' }), 200),
    );
    expect(sent).toHaveLength(1);
    const keys = [...sent[0].matchAll(/"(trendxl:rl:[^"]+)"/g)].map((m) => m[1]);
    expect(keys).toHaveLength(4);
    expect(keys.some((k) => k.includes(':default:'))).toBe(true);
    expect(keys.some((k) => k.includes(':analyze:'))).toBe(true);
    const tags = new Set(keys.map((k) => /\{([^}]+)\}/.exec(k)?.[1]));
    expect(tags.size).toBe(1);
  });

  it('still sends one command when the stricter limit refuses, with both counts kept', async () => {
    const { url } = world.apps[0];
    for (let i = 0; i < 2; i++) {
      expectStatus(await post(url, '/api/v1/analyze', { profile_url: 'chefmaya' }), 200);
    }
    const sent = await limiterCommands(probe, lines, async () =>
      expectStatus(await post(url, '/api/v1/analyze', { profile_url: 'chefmaya' }), 429),
    );
    expect(sent).toHaveLength(1);
    // The default limit counted all three requests; the refused one too, as before.
    const res = expectStatus(await post(url, '/api/v1/profile', { username: 'chefmaya' }), 200);
    expect(res.headers.get('x-ratelimit-remaining')).toBe(String(50 - 4));
  });

  it('sends one command for a route with only the default limit, none for unlimited routes', async () => {
    const { url } = world.apps[0];
    const profile = await limiterCommands(probe, lines, async () =>
      expectStatus(await post(url, '/api/v1/profile', { username: 'chefmaya' }), 200),
    );
    expect(profile).toHaveLength(1);
    const unlimited = await limiterCommands(probe, lines, async () => {
      for (const path of ['/health', '/health/live', '/metrics']) {
        expectStatus(await get(url, path), 200);
      }
    });
    expect(unlimited).toEqual([]);
  });
});
