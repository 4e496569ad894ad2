import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, createCluster } from 'redis';
import { bounded, type Bounded } from '../common/deadline/bounded';
import { BreakerRegistry } from '../common/resilience/breaker-registry';
import type { CircuitBreaker } from '../common/resilience/circuit-breaker';
import { backoffDelay } from '../common/retry/retry';
import {
  redisConfig,
  resilienceConfig,
  type RedisConfig,
  type ResilienceConfig,
} from '../config/configuration';

export type RedisSingleClient = ReturnType<typeof createClient>;
export type RedisClusterClient = ReturnType<typeof createCluster>;
export type RedisClient = RedisSingleClient | RedisClusterClient;
/** A connection to one server: the single client itself, or one cluster master. */
export type RedisNodeClient = Awaited<ReturnType<RedisClusterClient['nodeClient']>>;
export type CacheBackend = 'redis' | 'cluster' | 'memory';

/** How long boot waits for a first connection before carrying on without Redis. */
const BOOT_WAIT_MS = 1_000;
const CONNECT_TIMEOUT_MS = 2_000;
const CLOSE_TIMEOUT_MS = 2_000;
/**
 * Reconnects back off up to a few seconds, so a recovered server is picked up quickly; the jitter
 * keeps a fleet of instances from reconnecting in lock-step. Never gives up while running.
 */
const RECONNECT_BACKOFF = { baseDelayMs: 100, maxDelayMs: 5_000 };

export function isCluster(client: RedisClient): client is RedisClusterClient {
  return 'slots' in client && 'masters' in client;
}

/** A Redis operation that failed or timed out, as the breaker sees it. */
class RedisOperationError extends Error {
  constructor(readonly outcome: Extract<Bounded<unknown>, { ok: false }>) {
    super(`Redis operation failed (${outcome.reason})`);
    this.name = 'RedisOperationError';
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Owns the Redis connections of the process (single server or cluster, node-redis v5): the one
 * the cache, the cross-instance locks and the rate limiter share, and any dedicated one (the
 * cache-clear subscriber). Redis being down is a normal state here: commands fail fast (no
 * offline queue), the connections reconnect with backoff, and every error is caught by a
 * listener so none can crash the process.
 *
 * A single-server client never waits to reconnect by itself: node-redis's wait between two
 * attempts cannot be cancelled, so a close() during an outage left it running for seconds. The
 * client gives up instead (no reconnect strategy) and this class reconnects it, waiting on a
 * timer that shutdown cancels. A cluster keeps node-redis's reconnects (it replaces its node
 * clients itself); from shutdown on they stop, but a wait already under way runs out.
 */
@Injectable()
export class RedisConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  readonly backend: CacheBackend;
  readonly client: RedisClient | null;
  readonly operationTimeoutMs: number;
  /** Open after a few consecutive failures or timeouts: callers fall back at once. */
  readonly breaker: CircuitBreaker;
  private readonly shutdown = new AbortController();
  private clusterConnected = false;
  /** The clients currently without a connection, whose reconnect loop is running. */
  private readonly connecting = new Set<RedisClient>();
  private readonly dedicated: RedisClient[] = [];
  private up = false;
  private lastError?: string;

  constructor(
    @Inject(redisConfig.KEY) config: RedisConfig,
    @Inject(resilienceConfig.KEY) resilience: ResilienceConfig,
    breakers: BreakerRegistry,
  ) {
    this.operationTimeoutMs = config.operationTimeoutMs;
    this.breaker = breakers.get('redis', resilience.redisBreaker);
    this.breaker.onStateChange((state) => this.onBreakerChange(state));
    if (config.clusterNodes.length > 0) {
      const socket = {
        connectTimeout: CONNECT_TIMEOUT_MS,
        reconnectStrategy: (retries: number) =>
          this.shutdown.signal.aborted ? false : backoffDelay(retries, RECONNECT_BACKOFF),
      };
      this.backend = 'cluster';
      const cluster = createCluster({
        rootNodes: config.clusterNodes.map((node) => {
          const [host, port] = node.split(':');
          return { socket: { host, port: Number(port) } };
        }),
        defaults: { disableOfflineQueue: true, socket },
      });
      cluster.on('error', (error: unknown) => this.onError(error));
      cluster.on('node-error', (error: unknown) => this.onError(error));
      cluster.on('node-ready', () => this.onReady());
      this.client = cluster;
    } else if (config.url) {
      this.backend = 'redis';
      const client = createClient({
        url: config.url,
        disableOfflineQueue: true,
        socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy: false },
      });
      client.on('error', (error: unknown) => this.onError(error));
      client.on('ready', () => this.onReady());
      this.client = client;
    } else {
      this.backend = 'memory';
      this.client = null;
    }
  }

  async onModuleInit(): Promise<void> {
    const client = this.client;
    if (!client) {
      this.logger.log('REDIS_URL not set: caching in process memory');
      return;
    }
    this.keepConnected(client, () => {
      if (isCluster(client)) this.clusterConnected = true;
      this.onReady();
    });
    await this.whenReady(BOOT_WAIT_MS);
    if (!this.isReady())
      this.logger.warn(`Redis (${this.backend}) not reachable yet; serving without cache`);
  }

  /** True when commands can be sent now; false while disconnected or reconnecting. */
  isReady(): boolean {
    if (!this.client) return false;
    if (isCluster(this.client)) return this.clusterConnected && this.client.isOpen;
    return this.client.isReady;
  }

  /** Resolves once connected, or false after `timeoutMs`. */
  async whenReady(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.isReady() && Date.now() < deadline && !this.shutdown.signal.aborted) {
      await sleep(20);
    }
    return this.isReady();
  }

  /**
   * True when commands may be sent now: connected, and the circuit breaker is not holding
   * Redis off after repeated failures or timeouts.
   */
  isAvailable(): boolean {
    return this.isReady() && this.breaker.allowsCalls;
  }

  /**
   * Runs one operation against the shared client if it is connected and the breaker allows,
   * bounded by the configured operation timeout. Never rejects: callers fall back on
   * `ok: false`, which is immediate while the breaker is open, so a frozen Redis costs each
   * request nothing once the breaker has seen it fail a few times.
   */
  async run<T>(operation: (client: RedisClient) => Promise<T>): Promise<Bounded<T>> {
    const client = this.client;
    if (!client || !this.isAvailable()) return { ok: false, reason: 'error' };
    try {
      const value = await this.breaker.execute(async () => {
        const outcome = await bounded(operation(client), this.operationTimeoutMs);
        if (!outcome.ok) throw new RedisOperationError(outcome);
        return outcome.value;
      });
      return { ok: true, value };
    } catch (error) {
      if (error instanceof RedisOperationError) return error.outcome;
      return { ok: false, reason: 'error', error };
    }
  }

  /** Every master (one for a single server), for commands that must visit the whole keyspace. */
  async masters(): Promise<RedisNodeClient[]> {
    const client = this.client;
    if (!client || !this.isAvailable()) return [];
    if (isCluster(client)) {
      const nodes = await bounded(
        Promise.all(client.masters.map((master) => client.nodeClient(master))),
        this.operationTimeoutMs,
      );
      if (!nodes.ok) throw new Error('Redis cluster masters unreachable', { cause: nodes.error });
      return nodes.value;
    }
    return [client];
  }

  /**
   * A connection of its own to the same Redis, for what cannot share one (a subscriber): kept
   * connected like the shared one and closed with it. `onConnected` runs after each connection.
   */
  openDedicated(
    onError: (error: unknown) => void,
    onConnected: (client: RedisClient) => void,
  ): RedisClient | null {
    if (!this.client || this.shutdown.signal.aborted) return null;
    const client = this.client.duplicate();
    client.on('error', onError);
    this.dedicated.push(client);
    this.keepConnected(client, () => onConnected(client));
    return client;
  }

  /** Reconnect waits end at once; connections close (a connect under way is cut short). */
  async onApplicationShutdown(): Promise<void> {
    this.shutdown.abort();
    const clients = [...this.dedicated, ...(this.client ? [this.client] : [])];
    await Promise.all(clients.map((client) => this.close(client)));
  }

  private async close(client: RedisClient): Promise<void> {
    if (!client.isOpen) return;
    const closed = await bounded(client.close(), CLOSE_TIMEOUT_MS);
    if (!closed.ok && client.isOpen) client.destroy();
  }

  /**
   * Connects `client` now and again whenever a single-server client gives up its connection
   * (it has no reconnect strategy of its own), with backoff, until shutdown.
   */
  private keepConnected(client: RedisClient, onConnected: () => void): void {
    if (!isCluster(client)) {
      client.on('error', () => {
        if (!client.isOpen) this.reconnect(client, onConnected, 0);
      });
    }
    this.reconnect(client, onConnected, -1);
  }

  /** One loop per client; `attempt` -1 connects at once, then the backoff grows from 0. */
  private reconnect(client: RedisClient, onConnected: () => void, attempt: number): void {
    if (this.connecting.has(client) || this.shutdown.signal.aborted) return;
    this.connecting.add(client);
    void this.connectLoop(client, onConnected, attempt).finally(() =>
      this.connecting.delete(client),
    );
  }

  /** A cluster also gives up when no root node answers discovery, so it is retried here too. */
  private async connectLoop(
    client: RedisClient,
    onConnected: () => void,
    firstAttempt: number,
  ): Promise<void> {
    for (let attempt = firstAttempt; ; attempt++) {
      if (attempt >= 0) {
        try {
          await sleep(backoffDelay(attempt, RECONNECT_BACKOFF), undefined, {
            signal: this.shutdown.signal,
          });
        } catch {
          return;
        }
      }
      if (this.shutdown.signal.aborted) return;
      try {
        await client.connect();
        onConnected();
        return;
      } catch (error) {
        if (client === this.client) this.onError(error);
      }
    }
  }

  private onBreakerChange(state: string): void {
    if (this.shutdown.signal.aborted) return;
    if (state === 'open') {
      this.logger.warn('Redis keeps failing or timing out: circuit open, serving from memory');
    } else if (state === 'closed') this.logger.log('Redis answers again: circuit closed');
  }

  private onReady(): void {
    if (this.up) return;
    this.up = true;
    this.lastError = undefined;
    this.logger.log(`Redis (${this.backend}) connected`);
  }

  /** Logs each distinct failure once instead of once per reconnect attempt. */
  private onError(error: unknown): void {
    this.up = false;
    const message = describe(error);
    if (message === this.lastError || this.shutdown.signal.aborted) return;
    this.lastError = message;
    this.logger.warn(`Redis (${this.backend}) unavailable: ${message}`);
  }
}
