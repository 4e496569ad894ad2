import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import { RedisConnection } from './redis-connection';

/** Not re-exported by the package root; derived from the interface instead of a deep import. */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * One atomic step of a fixed-window counter with blocking, in milliseconds. KEYS[1] counts hits
 * in the window, KEYS[2] marks a block. INCR + PEXPIRE-if-new in one script means concurrent
 * requests on any number of instances can never read-then-write past the limit.
 * Returns {totalHits, windowTtlMs, blocked (0/1), blockTtlMs}.
 */
const INCREMENT = `
local hits_key, block_key = KEYS[1], KEYS[2]
local ttl, limit, block = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local block_ttl = redis.call('PTTL', block_key)
if block_ttl > 0 then
  return { limit + 1, block_ttl, 1, block_ttl }
end
local hits = redis.call('INCR', hits_key)
local hits_ttl = redis.call('PTTL', hits_key)
if hits_ttl < 0 then
  redis.call('PEXPIRE', hits_key, ttl)
  hits_ttl = ttl
end
if hits <= limit then
  return { hits, hits_ttl, 0, 0 }
end
if block > 0 then
  redis.call('SET', block_key, '1', 'PX', block)
  redis.call('DEL', hits_key)
  return { hits, hits_ttl, 1, block }
end
return { hits, hits_ttl, 1, hits_ttl }
`;

function parseReply(reply: unknown): ThrottlerStorageRecord | undefined {
  if (!Array.isArray(reply) || reply.length !== 4) return undefined;
  const [hits, windowMs, blocked, blockMs] = reply as unknown[];
  if (![hits, windowMs, blocked, blockMs].every((n) => typeof n === 'number')) return undefined;
  return {
    totalHits: hits as number,
    timeToExpire: Math.ceil((windowMs as number) / 1000),
    isBlocked: blocked === 1,
    timeToBlockExpire: Math.ceil((blockMs as number) / 1000),
  };
}

/**
 * `@nestjs/throttler` storage shared by every instance through Redis, so a limit holds for the
 * whole deployment. While Redis is unreachable it counts in this instance's memory (the
 * throttler's own in-memory storage) and says so in the log, rather than failing requests.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimiter');
  private readonly memory = new ThrottlerStorageService();
  private inMemory = false;

  constructor(private readonly connection: RedisConnection) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const args = [key, ttl, limit, blockDuration, throttlerName] as const;
    if (this.connection.client === null) return this.incrementInMemory(...args);
    // The hash tag keeps both keys in one cluster slot, as a multi-key script requires. The limit
    // and window are part of the key, so instances configured differently during a rolling
    // change count apart instead of blocking each other's clients early.
    const tag = `{${throttlerName}:${limit}/${ttl}:${key}}`;
    const reply = await this.connection.run((client) =>
      client.eval(INCREMENT, {
        keys: [`trendxl:rl:${tag}:hits`, `trendxl:rl:${tag}:block`],
        arguments: [String(ttl), String(limit), String(blockDuration)],
      }),
    );
    const record = reply.ok ? parseReply(reply.value) : undefined;
    if (record) {
      if (this.inMemory) {
        this.inMemory = false;
        this.logger.log('Redis is back: rate limits are shared across instances again');
      }
      return record;
    }
    if (!this.inMemory) {
      this.inMemory = true;
      this.logger.warn('Redis unavailable: rate limits fall back to per-instance memory');
    }
    return this.incrementInMemory(...args);
  }

  private incrementInMemory(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    // The memory storage keeps one block flag per key: namespace it by throttler, as Redis does.
    return this.memory.increment(
      `${throttlerName}:${key}`,
      ttl,
      limit,
      blockDuration,
      throttlerName,
    );
  }

  onApplicationShutdown(): void {
    this.memory.onApplicationShutdown();
  }
}
