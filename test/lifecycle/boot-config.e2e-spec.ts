import { runUntilExit as boot, spawnServer } from '../support/spawn-server';

describe('configuration is validated at boot', () => {
  it.each([
    [{ PORT: 'abc' }, 'PORT must be an integer'],
    [{ PORT: '0', CACHE_PROFILE_TTL: '-5' }, 'CACHE_PROFILE_TTL must be between 0'],
    [{ PORT: '0', ENSEMBLE_BASE_URL: 'ftp://x' }, 'ENSEMBLE_BASE_URL must use one of'],
  ])('%p stops the service with a message naming the variable', async (env, message) => {
    const { code, output } = await boot(env);
    expect(code).toBe(1);
    expect(output).toContain(message);
    expect(output).not.toMatch(/listening on/);
  });
});

describe('the boot log says how to go live, once, in demo mode only', () => {
  it('demo mode (no token)', async () => {
    const server = await spawnServer({});
    try {
      await fetch(`${server.url}/api/v1/profile`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'demo_cooking_carlos' }),
      });
    } finally {
      await server.stop();
    }
    const hints = server.output().match(/DEMO MODE[^\n]*Set ENSEMBLE_API_TOKEN/g) ?? [];
    expect(hints).toHaveLength(1);
  });

  it('live mode (a token)', async () => {
    const server = await spawnServer({
      ENSEMBLE_API_TOKEN: 'live-token-for-boot-log-test',
      ENSEMBLE_BASE_URL: 'http://127.0.0.1:9/apis',
    });
    await server.stop();
    expect(server.output()).not.toContain('DEMO MODE');
    expect(server.output()).toMatch(/listening on/);
  });
});
