import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import { RedisConnection } from './redis-connection';

/** Not re-exported by the package root; derived from the interface instead of a deep import. */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Atomic steps of fixed-window counters with blocking, in milliseconds, one per throttler of a
 * request, in order: KEYS[2i-1] counts hits in throttler i's window, KEYS[2i] marks its block;
 * ARGV holds {windowMs, limit, blockMs} per throttler. INCR + PEXPIRE-if-new in one script means
 * concurrent requests on any number of instances can never read-then-write past a limit. Like the
 * throttler guard, it stops at the first throttler that refuses (later ones are not counted).
 * Returns {totalHits, windowTtlMs, blocked (0/1), blockTtlMs} per throttler evaluated, flattened.
 */
const INCREMENT = `
local out = {}
for i = 1, #KEYS / 2 do
  local hits_key, block_key = KEYS[2 * i - 1], KEYS[2 * i]
  local ttl = tonumber(ARGV[3 * i - 2])
  local limit = tonumber(ARGV[3 * i - 1])
  local block = tonumber(ARGV[3 * i])
  local n = #out
  local block_ttl = redis.call('PTTL', block_key)
  if block_ttl > 0 then
    out[n + 1], out[n + 2], out[n + 3], out[n + 4] = limit + 1, block_ttl, 1, block_ttl
    return out
  end
  local hits = redis.call('INCR', hits_key)
  local hits_ttl = redis.call('PTTL', hits_key)
  if hits_ttl < 0 then
    redis.call('PEXPIRE', hits_key, ttl)
    hits_ttl = ttl
  end
  if hits <= limit then
    out[n + 1], out[n + 2], out[n + 3], out[n + 4] = hits, hits_ttl, 0, 0
  elseif block > 0 then
    redis.call('SET', block_key, '1', 'PX', block)
    redis.call('DEL', hits_key)
    out[n + 1], out[n + 2], out[n + 3], out[n + 4] = hits, hits_ttl, 1, block
    return out
  else
    out[n + 1], out[n + 2], out[n + 3], out[n + 4] = hits, hits_ttl, 1, hits_ttl
    return out
  end
end
return out
`;

/** One throttler's count for one request, as the throttler guard asks for it. */
export interface ThrottleStep {
  key: string;
  ttl: number;
  limit: number;
  blockDuration: number;
  throttlerName: string;
}

function parseReply(reply: unknown, steps: number): ThrottlerStorageRecord[] | undefined {
  if (!Array.isArray(reply) || reply.length === 0 || reply.length % 4 !== 0) return undefined;
  if (reply.length > steps * 4 || !reply.every((n) => typeof n === 'number')) return undefined;
  const numbers = reply;
  const records: ThrottlerStorageRecord[] = [];
  for (let i = 0; i < numbers.length; i += 4) {
    records.push({
      totalHits: numbers[i],
      timeToExpire: Math.ceil(numbers[i + 1] / 1000),
      isBlocked: numbers[i + 2] === 1,
      timeToBlockExpire: Math.ceil(numbers[i + 3] / 1000),
    });
  }
  return records;
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
    const [record] = await this.incrementAll([{ key, ttl, limit, blockDuration, throttlerName }]);
    return record;
  }

  /**
   * Counts one request against each of its throttlers in order, in one Redis round trip, and
   * stops at the first that refuses: the records returned end with that one.
   */
  async incrementAll(steps: readonly ThrottleStep[]): Promise<ThrottlerStorageRecord[]> {
    if (this.connection.client === null) return this.incrementInMemory(steps);
    // One hash tag, the client's key, keeps every key of the request in one cluster slot, as a
    // multi-key script requires. The limit and window are part of the key, so instances
    // configured differently during a rolling change count apart instead of blocking each
    // other's clients early.
    const keys: string[] = [];
    const args: string[] = [];
    for (const { key, ttl, limit, blockDuration, throttlerName } of steps) {
      const prefix = `trendxl:rl:{${key}}:${throttlerName}:${limit}/${ttl}`;
      keys.push(`${prefix}:hits`, `${prefix}:block`);
      args.push(String(ttl), String(limit), String(blockDuration));
    }
    const reply = await this.connection.run((client) =>
      client.eval(INCREMENT, { keys, arguments: args }),
    );
    const records = reply.ok ? parseReply(reply.value, steps.length) : undefined;
    if (records) {
      if (this.inMemory) {
        this.inMemory = false;
        this.logger.log('Redis is back: rate limits are shared across instances again');
      }
      return records;
    }
    if (!this.inMemory) {
      this.inMemory = true;
      this.logger.warn('Redis unavailable: rate limits fall back to per-instance memory');
    }
    return this.incrementInMemory(steps);
  }

  private async incrementInMemory(
    steps: readonly ThrottleStep[],
  ): Promise<ThrottlerStorageRecord[]> {
    const records: ThrottlerStorageRecord[] = [];
    for (const { key, ttl, limit, blockDuration, throttlerName } of steps) {
      // The memory storage keeps one block flag per key: namespace it by throttler, as Redis does.
      const record = await this.memory.increment(
        `${throttlerName}:${key}`,
        ttl,
        limit,
        blockDuration,
        throttlerName,
      );
      records.push(record);
      if (record.isBlocked) break;
    }
    return records;
  }

  onApplicationShutdown(): void {
    this.memory.onApplicationShutdown();
  }
}
