import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { startFakeEnsemble, type FakeEnsemble } from '../fakes/fake-ensemble.server';

const ROOT = join(__dirname, '..', '..');

interface Running {
  child: ChildProcessWithoutNullStreams;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts the real entry point (src/main.ts) as its own process, as an orchestrator would. */
async function startServer(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', ...env },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = () => {
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', () => reject(new Error(`server exited early:\n${output}`)));
  });
  return { child, url, output: () => output, exited };
}

describe('graceful shutdown (SIGTERM)', () => {
  let fake: FakeEnsemble;
  let server: Running | undefined;

  beforeAll(async () => {
    fake = await startFakeEnsemble();
  });

  afterAll(async () => {
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
    await fake.close();
  });

  it('finishes the request in flight, stops accepting connections, and exits 0', async () => {
    server = await startServer({
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
});
