import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { closeHandler } from 'ioredis/built/redis/event_handler';
import type { ReplyMappingFromOptions } from 'ioredis/built/types';
import { backoffDelay } from '../common/retry/retry';
import { watchlistsConfig, type WatchlistsConfig } from '../config/configuration';

/** The two fields of ioredis 6.0 that a disconnect between two reconnect attempts must reset. */
interface PendingReconnect {
  reconnectTimeout: NodeJS.Timeout | null;
  manuallyClosing: boolean;
}

/** RESP2 replies, the only mapping BullMQ speaks. */
type QueueRedisOptions = Omit<RedisOptions, 'replyMapping'>;

/** A connection handed to BullMQ and the copies BullMQ made of it. */
interface Family {
  members: Set<QueueRedis>;
  /** BullMQ listens while it uses a client; this listener outlives BullMQ's close. */
  onError: (error: Error) => void;
}

/**
 * An ioredis client handed to BullMQ, with every copy BullMQ makes of it (a worker duplicates
 * its connection for its blocking reads): one family, dropped together.
 *
 * It also completes a disconnect that ioredis 6.0 leaves half done (redis/ioredis#1247): a
 * client waiting between two reconnect attempts ("reconnecting", no socket) only loses its
 * timer; it stays "reconnecting", never emits "end" and never rejects its queued commands.
 * BullMQ's Worker.close() waits for that "end" and for its queued BZPOPMIN, forever: its
 * lock-renewal and stalled-check timers then kept the process alive after app.close().
 */
export class QueueRedis extends Redis {
  constructor(
    private readonly family: Family,
    ...target: [url: string, options: QueueRedisOptions] | [options: QueueRedisOptions]
  ) {
    // ioredis reads either form: a URL and options, or options alone.
    super(...(target as [string, QueueRedisOptions]));
    family.members.add(this);
    this.on('error', family.onError);
  }

  /** BullMQ's copies join the family (ioredis's own duplicate() would return a plain client). */
  override duplicate<Override extends Partial<RedisOptions> | undefined = undefined>(
    override?: Override,
  ): Redis<ReplyMappingFromOptions<'legacy', Override>> {
    // Same options (RESP2 replies whatever the override), same family.
    const options = { ...this.options, ...override } as QueueRedisOptions;
    return new QueueRedis(this.family, options) as unknown as Redis<
      ReplyMappingFromOptions<'legacy', Override>
    >;
  }

  override disconnect(reconnect = false): void {
    if (reconnect) return super.disconnect(true);
    // Closed already: ioredis would only arm a timer to destroy a socket that is long gone.
    if (this.status === 'end') return;
    if (this.status !== 'reconnecting') return super.disconnect();
    // Between two attempts: cancel the next one and close as a lost socket would ("end",
    // queued commands rejected), which is what ioredis does for a client that never connected.
    const pending = this as unknown as PendingReconnect;
    if (pending.reconnectTimeout) clearTimeout(pending.reconnectTimeout);
    pending.reconnectTimeout = null;
    pending.manuallyClosing = true;
    closeHandler(this)();
  }

  /** This client and every copy made of it, closed now; pending reconnects are cancelled. */
  drop(): void {
    for (const client of this.family.members) client.disconnect();
  }
}

/**
 * The ioredis connections of the watchlist queues. The app creates them and hands them to
 * BullMQ (which then neither opens nor owns them, copies for blocking reads aside), so the app
 * decides when they stop: they reconnect with backoff for as long as the process runs, stop
 * reconnecting once closing begins, and are all disconnected at shutdown.
 */
@Injectable()
export class QueueConnections implements OnApplicationShutdown {
  private readonly logger = new Logger('QueueConnections');
  private readonly opened: QueueRedis[] = [];
  private closing = false;

  constructor(@Inject(watchlistsConfig.KEY) private readonly config: WatchlistsConfig) {}

  /** For producers: fail fast instead of queueing commands while Redis is away. */
  forProducers(): QueueRedis {
    return this.open({ enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  }

  /** For workers: BullMQ requires connections whose commands wait for the reconnect. */
  forWorkers(): QueueRedis {
    return this.open({ maxRetriesPerRequest: null });
  }

  /**
   * No connection reconnects from now on: with Redis gone, closing BullMQ would otherwise wait
   * for a connection that never comes back.
   */
  beginClosing(): void {
    this.closing = true;
  }

  /** Whatever is still open once the queues and workers are closed. */
  onApplicationShutdown(): void {
    this.beginClosing();
    for (const connection of this.opened.splice(0)) connection.drop();
  }

  private open(options: QueueRedisOptions): QueueRedis {
    if (!this.config.redisUrl) throw new Error('The watchlist queues need REDIS_URL');
    const family: Family = {
      members: new Set(),
      onError: (error) => this.logger.debug({ err: error.message }, 'queue connection error'),
    };
    const connection = new QueueRedis(family, this.config.redisUrl, {
      ...options,
      retryStrategy: this.reconnectDelay,
    });
    this.opened.push(connection);
    return connection;
  }

  private readonly reconnectDelay = (attempt: number): number | null =>
    this.closing ? null : backoffDelay(attempt - 1, { baseDelayMs: 200, maxDelayMs: 5000 });
}
