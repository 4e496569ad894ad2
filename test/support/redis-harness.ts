import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
const READY_TIMEOUT_MS = 10_000;

export interface RedisInstance {
  url: string;
  port: number;
  /** Graceful stop (SIGTERM) and wait for exit. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash; waits for exit. */
  kill(): Promise<void>;
  /** Start again on the same port (empty: nothing is persisted). */
  restart(): Promise<void>;
  /** SIGSTOP: the server keeps its connections but answers nothing, like a hung host. */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
  /** One command through redis-cli (no client of this process stays connected): its reply. */
  command(...args: string[]): Promise<string>;
}

export interface RedisClusterInstance {
  nodes: string[];
  ports: number[];
  stop(): Promise<void>;
  /** SIGKILL one master, as a crash. */
  kill(index: number): Promise<void>;
  /** Start that master again; it rejoins with its slots from its nodes.conf. */
  restart(index: number): Promise<void>;
}

async function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A free port in a range far from 6379, whose cluster-bus twin (port + 10000) is free too.
 * Random so parallel test files do not collide.
 */
async function freePort(exclude: number[] = []): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if (exclude.includes(port)) continue;
    if ((await isFree(port)) && (await isFree(port + 10_000))) return port;
  }
  throw new Error('no free port found');
}

/** Sends PING over a raw socket; true on +PONG. */
async function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function exited(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await done;
}

class RedisServer {
  private child?: ChildProcess;

  constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly extraArgs: string[] = [],
  ) {}

  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        this.dir,
        '--loglevel',
        'warning',
        ...this.extraArgs,
      ],
      { stdio: 'ignore' },
    );
    this.child = child;
    const failed = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`redis-server exited early (${code})`))),
    );
    failed.catch(() => undefined);
    await Promise.race([waitFor(() => ping(this.port), `redis on ${this.port}`), failed]);
    child.removeAllListeners('exit');
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.child) {
      this.child.kill('SIGCONT');
      await exited(this.child, signal);
    }
    this.child = undefined;
  }

  signal(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }
}

/** A throwaway redis-server on a free port with nothing persisted; never the one on 6379. */
export async function startRedis(): Promise<RedisInstance> {
  const port = await freePort([6379]);
  const dir = mkdtempSync(join(tmpdir(), 'trendxl-redis-'));
  const server = new RedisServer(port, dir);
  await server.start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      await server.stop('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
    kill: () => server.stop('SIGKILL'),
    restart: () => server.start(),
    pause: () => server.signal('SIGSTOP'),
    resume: () => server.signal('SIGCONT'),
    command: async (...args) => (await run('redis-cli', ['-p', String(port), ...args])).stdout,
  };
}

/** Three masters, no replicas, slots spread by `redis-cli --cluster create`. */
export async function startRedisCluster(): Promise<RedisClusterInstance> {
  const ports: number[] = [];
  while (ports.length < 3)
    ports.push(await freePort([6379, ...ports, ...ports.map((p) => p + 10_000)]));
  const dir = mkdtempSync(join(tmpdir(), 'trendxl-redis-cluster-'));
  const servers = ports.map((port) => {
    const nodeDir = join(dir, String(port));
    mkdirSync(nodeDir);
    return new RedisServer(port, nodeDir, [
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      `nodes-${port}.conf`,
      '--cluster-node-timeout',
      '2000',
    ]);
  });
  const stop = async () => {
    await Promise.all(servers.map((s) => s.stop('SIGTERM')));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all(servers.map((s) => s.start()));
    const nodes = ports.map((p) => `127.0.0.1:${p}`);
    await run('redis-cli', [
      '--cluster',
      'create',
      ...nodes,
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    await waitFor(async () => {
      const states = await Promise.all(
        ports.map((p) =>
          run('redis-cli', ['-p', String(p), 'cluster', 'info']).then((r) => r.stdout),
        ),
      );
      return states.every((s) => s.includes('cluster_state:ok'));
    }, 'cluster_state:ok');
    const clusterOk = (port: number) =>
      run('redis-cli', ['-p', String(port), 'cluster', 'info']).then((r) =>
        r.stdout.includes('cluster_state:ok'),
      );
    return {
      nodes,
      ports,
      stop,
      kill: (index) => servers[index].stop('SIGKILL'),
      restart: async (index) => {
        await servers[index].start();
        await waitFor(() => clusterOk(ports[index]), 'the restarted node to rejoin');
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
