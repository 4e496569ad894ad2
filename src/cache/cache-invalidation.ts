import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { CACHE_MEMORY_TIER } from './cache-store.provider';
import type { MemoryTier } from './memory-tier';
import { RedisConnection, type RedisClient } from './redis-connection';

const CHANNEL = 'trendxl:cache:clear';
const CLOSE_TIMEOUT_MS = 1_000;

/**
 * Clearing reaches every instance's memory tier: the instance that clears publishes the
 * pattern on a Redis channel, and every instance (itself included) drops the matching entries
 * from its own memory as the message arrives. The subscription has a connection of its own
 * (a subscribed connection can do nothing else) and reconnects by itself after an outage.
 */
@Injectable()
export class CacheInvalidation implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('CacheInvalidation');
  private readonly listeners: ((pattern: string) => void)[] = [];
  private subscriber: RedisClient | null = null;

  constructor(
    private readonly connection: RedisConnection,
    @Inject(CACHE_MEMORY_TIER) private readonly memory: MemoryTier,
  ) {}

  /** Called on every instance for every clear, after its memory tier has dropped the entries. */
  onClear(listener: (pattern: string) => void): void {
    this.listeners.push(listener);
  }

  onModuleInit(): void {
    const client = this.connection.client;
    if (!client) return;
    const subscriber = client.duplicate();
    this.subscriber = subscriber;
    subscriber.on('error', (error: unknown) => {
      this.logger.debug(`subscriber: ${error instanceof Error ? error.message : String(error)}`);
    });
    // Not awaited: boot never waits for Redis; the client retries until it is reachable.
    void subscriber
      .connect()
      .then(() => subscriber.subscribe(CHANNEL, (message) => this.apply(message)))
      .catch((error: unknown) => {
        this.logger.warn(
          `cache clear channel unavailable: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
  }

  /** Drops `pattern` from this instance's memory now and tells every other instance. */
  async publish(pattern: string): Promise<void> {
    this.apply(pattern);
    await this.connection.run((client) => client.publish(CHANNEL, pattern));
  }

  async onApplicationShutdown(): Promise<void> {
    const subscriber = this.subscriber;
    if (!subscriber?.isOpen) return;
    const closing = subscriber.close().catch(() => undefined);
    const timer = new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref());
    await Promise.race([closing, timer]);
    if (subscriber.isOpen) subscriber.destroy();
  }

  private apply(pattern: string): void {
    this.memory.deleteMatching(pattern);
    for (const listener of this.listeners) listener(pattern);
  }
}
