import { startFakeEnsemble, type FakeEnsemble } from '../fakes/fake-ensemble.server';
import { spawnServer, type SpawnedServer } from '../support/spawn-server';

async function untilCalled(fake: FakeEnsemble, path: string): Promise<void> {
  for (let i = 0; i < 250 && fake.callsTo(path).length === 0; i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('graceful shutdown (SIGTERM)', () => {
  let fake: FakeEnsemble;
  let server: SpawnedServer | undefined;

  beforeAll(async () => {
    fake = await startFakeEnsemble();
  });

  afterAll(async () => {
    await server?.stop();
    await fake.close();
  });

  it('finishes the request in flight, stops accepting connections, and exits 0', async () => {
    server = await spawnServer({
      ENSEMBLE_API_TOKEN: fake.token,
      ENSEMBLE_BASE_URL: fake.url,
      SHUTDOWN_TIMEOUT_MS: '10000',
    });
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);

    fake.setLatency(1500);
    const inFlight = fetch(`${server.url}/api/v1/profile`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'chefmaya' }),
    });
    // Let the request reach the upstream before the signal.
    for (let i = 0; i < 100 && fake.callsTo('/tt/user/info').length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(fake.callsTo('/tt/user/info')).toHaveLength(1);
    server.child.kill('SIGTERM');

    const response = await inFlight;
    expect(response.status).toBe(200);
    const body = (await response.json()) as { username: string };
    expect(body.username).toBe('chefmaya');

    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('SIGTERM received');
    // The server no longer accepts connections.
    await expect(fetch(`${server.url}/health/live`)).rejects.toThrow();
  });

  it('answers requests still in flight at the deadline with a JSON 503, not a reset, and exits 0', async () => {
    fake.reset();
    server = await spawnServer({
      ENSEMBLE_API_TOKEN: fake.token,
      ENSEMBLE_BASE_URL: fake.url,
      SHUTDOWN_TIMEOUT_MS: '500',
    });
    fake.setRoute('/tt/user/info', () => ({ hang: true }));
    const inFlight = fetch(`${server.url}/api/v1/profile`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'chefmaya' }),
    });
    await untilCalled(fake, '/tt/user/info');
    expect(fake.callsTo('/tt/user/info')).toHaveLength(1);
    server.child.kill('SIGTERM');

    const response = await inFlight;
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('Shutdown deadline');
  });
});
