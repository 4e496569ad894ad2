import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { CACHE_MEMORY_TIER } from './cache-store.provider';
import type { MemoryTier } from './memory-tier';
import { RedisConnection, type RedisClient } from './redis-connection';

const CHANNEL = 'trendxl:cache:clear';

/**
 * Clearing reaches every instance's memory tier: the instance that clears publishes the
 * pattern on a Redis channel, and every instance (itself included) drops the matching entries
 * from its own memory as the message arrives. The subscription has a connection of its own
 * (a subscribed connection can do nothing else), which RedisConnection keeps connected and
 * closes at shutdown; once subscribed, the client subscribes again by itself on reconnect.
 */
@Injectable()
export class CacheInvalidation implements OnModuleInit {
  private readonly logger = new Logger('CacheInvalidation');
  private readonly listeners: ((pattern: string) => void)[] = [];
  private subscribed = false;
  private readonly onMessage = (message: string) => this.apply(message);

  constructor(
    private readonly connection: RedisConnection,
    @Inject(CACHE_MEMORY_TIER) private readonly memory: MemoryTier,
  ) {}

  /** Called on every instance for every clear, after its memory tier has dropped the entries. */
  onClear(listener: (pattern: string) => void): void {
    this.listeners.push(listener);
  }

  /** Not awaited: boot never waits for Redis; the subscriber connects once it is reachable. */
  onModuleInit(): void {
    this.connection.openDedicated(
      (error) => this.logger.debug(`subscriber: ${describe(error)}`),
      (subscriber) => this.subscribe(subscriber),
    );
  }

  /** Drops `pattern` from this instance's memory now and tells every other instance. */
  async publish(pattern: string): Promise<void> {
    this.apply(pattern);
    await this.connection.run((client) => client.publish(CHANNEL, pattern));
  }

  /** After each connection until one subscription succeeds (a failed one adds no listener). */
  private subscribe(subscriber: RedisClient): void {
    if (this.subscribed) return;
    subscriber.subscribe(CHANNEL, this.onMessage).then(
      () => (this.subscribed = true),
      (error: unknown) => this.logger.warn(`cache clear channel unavailable: ${describe(error)}`),
    );
  }

  private apply(pattern: string): void {
    this.memory.deleteMatching(pattern);
    for (const listener of this.listeners) listener(pattern);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
