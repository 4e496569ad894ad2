import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code.enum';
import { cacheConfig, type CacheConfig } from '../config/configuration';
import { bounded } from '../common/deadline/bounded';
import { CACHE_KINDS, CACHE_PREFIX, type CacheKind } from './cache-key';
import { CacheInvalidation } from './cache-invalidation';
import { CACHE_MEMORY_TIER } from './cache-store.provider';
import { CacheService } from './cache.service';
import type { CacheStatsDto } from './dto/cache-stats.dto';
import type { ClearCacheResultDto } from './dto/clear-cache-result.dto';
import { clearPattern, globToRegExp, kindOfKey } from './key-pattern';
import { scanKeys } from './key-scan';
import type { MemoryTier } from './memory-tier';
import { humanBytes, parseInfo } from './redis-info';
import { isCluster, RedisConnection, type RedisNodeClient } from './redis-connection';

interface KeyCounts {
  total: number;
  byKind: Record<CacheKind, number>;
  /** Unix ms when the count finished. */
  at: number;
}

interface ServerInfo {
  usedMemory: string | null;
  uptimeSeconds: number | null;
}

/** Key counts need a SCAN of the whole key space: at most one per this long per instance. */
export const KEY_COUNT_MAX_AGE_MS = 30_000;

function emptyCounts(at: number): KeyCounts {
  const byKind = Object.fromEntries(CACHE_KINDS.map((k) => [k, 0])) as Record<CacheKind, number>;
  return { total: 0, byKind, at };
}

function count(counts: KeyCounts, keys: Iterable<string>): void {
  for (const key of keys) {
    if (!key.startsWith(CACHE_PREFIX)) continue;
    counts.total++;
    const kind = kindOfKey(key);
    if (kind) counts.byKind[kind]++;
  }
}

/**
 * Cache statistics and clearing. Only keys under `trendxl:v2:` are ever counted or deleted,
 * found with SCAN on every master and deleted with UNLINK: never KEYS, never FLUSHDB, so a
 * shared Redis keeps everything that is not ours.
 *
 * Stats cost O(1) Redis work per call (the in-process counters and one INFO per master): the
 * key counts by kind come from a background SCAN that runs at most once per
 * KEY_COUNT_MAX_AGE_MS (or after a clear) and say when they were taken.
 */
export const cacheBackendUnavailable = (deleted: number, cause?: unknown) =>
  new DomainException(
    ErrorCode.SERVICE_UNAVAILABLE,
    'The cache backend is unavailable; try again later',
    { details: { deleted }, cause },
  );

@Injectable()
export class CacheAdminService {
  private readonly logger = new Logger('CacheAdmin');
  private keyCounts: KeyCounts | null = null;
  private counting: Promise<void> | null = null;

  constructor(
    private readonly connection: RedisConnection,
    private readonly cache: CacheService,
    @Inject(CACHE_MEMORY_TIER) private readonly memory: MemoryTier,
    @Inject(cacheConfig.KEY) private readonly config: CacheConfig,
    private readonly invalidation: CacheInvalidation,
  ) {
    // A clear on any instance makes the key counts stale everywhere.
    invalidation.onClear(() => {
      this.keyCounts = null;
    });
  }

  async stats(now = Date.now()): Promise<CacheStatsDto> {
    const { hits, misses } = this.cache.stats();
    const lookups = hits + misses;
    const base = {
      enabled: Object.values(this.config.ttlSeconds).some((ttl) => ttl > 0),
      backend: this.connection.backend,
      hits,
      misses,
      hit_ratio: lookups === 0 ? 0 : Math.round((hits / lookups) * 10_000) / 10_000,
    };
    const memory = {
      entries: this.memory.size,
      bytes: this.memory.bytes,
      max_entries: this.memory.limits.maxEntries,
      max_bytes: this.memory.limits.maxBytes,
    };
    if (this.connection.client === null) {
      // In-process keys are counted on the spot: no network, and the tier is bounded.
      const counts = emptyCounts(now);
      count(counts, this.memory.keys());
      return {
        ...base,
        connected: true,
        ...keyFields(counts),
        memory,
        used_memory: null,
        uptime_seconds: Math.floor(process.uptime()),
      };
    }
    if (this.keyCounts === null || now - this.keyCounts.at >= KEY_COUNT_MAX_AGE_MS) {
      void this.refreshKeyCounts();
    }
    const info = await this.serverInfo();
    return {
      ...base,
      connected: info !== null,
      ...keyFields(this.keyCounts),
      memory,
      used_memory: info?.usedMemory ?? null,
      uptime_seconds: info?.uptimeSeconds ?? null,
    };
  }

  /** One SCAN pass over every master; concurrent callers share the pass under way. */
  refreshKeyCounts(): Promise<void> {
    this.counting ??= this.countKeys().finally(() => {
      this.counting = null;
    });
    return this.counting;
  }

  private async countKeys(): Promise<void> {
    try {
      const masters = await this.connection.masters();
      if (masters.length === 0) return;
      const counts = emptyCounts(0);
      await scanKeys(masters, `${CACHE_PREFIX}*`, this.connection.operationTimeoutMs, (_, keys) => {
        count(counts, keys);
        return Promise.resolve();
      });
      this.keyCounts = { ...counts, at: Date.now() };
    } catch (error) {
      this.logger.warn(`cache key count failed: ${String(error)}`);
    }
  }

  async clear(kind?: CacheKind, pattern?: string): Promise<ClearCacheResultDto> {
    const match = clearPattern(kind, pattern);
    let deleted: number;
    if (this.connection.client === null) {
      deleted = this.countMatching(match);
      await this.invalidation.publish(match);
    } else {
      deleted = await this.clearRedis(match);
      // Every instance's memory tier, this one's included (at once, not only via the channel).
      await this.invalidation.publish(match);
    }
    this.logger.log(`cleared ${deleted} cache entries matching ${match}`);
    // The counts no longer hold: the next stats call starts a fresh count.
    this.keyCounts = null;
    return {
      message: `Deleted ${deleted} cache ${deleted === 1 ? 'entry' : 'entries'}`,
      deleted,
      pattern: match,
    };
  }

  private countMatching(match: string): number {
    const re = globToRegExp(match);
    return this.memory.keys().filter((key) => key.startsWith(CACHE_PREFIX) && re.test(key)).length;
  }

  private async clearRedis(match: string): Promise<number> {
    const cluster = this.connection.client !== null && isCluster(this.connection.client);
    let deleted = 0;
    try {
      const masters = await this.connection.masters();
      if (masters.length === 0) throw new Error('Redis not connected');
      await scanKeys(masters, match, this.connection.operationTimeoutMs, async (node, keys) => {
        const ours = keys.filter((key) => key.startsWith(CACHE_PREFIX));
        if (ours.length === 0) return;
        // A cluster refuses multi-key commands across slots, even on one node.
        const unlinked = await bounded(
          cluster
            ? Promise.all(ours.map((key) => node.unlink(key))).then((n) =>
                n.reduce((a, b) => a + b, 0),
              )
            : node.unlink(ours),
          this.connection.operationTimeoutMs,
        );
        if (!unlinked.ok)
          throw new Error(`UNLINK failed (${unlinked.reason})`, { cause: unlinked.error });
        deleted += unlinked.value;
      });
    } catch (error) {
      throw cacheBackendUnavailable(deleted, error);
    }
    return deleted;
  }

  /** INFO on every master; null when Redis does not answer. */
  private async serverInfo(): Promise<ServerInfo | null> {
    let masters: RedisNodeClient[];
    try {
      masters = await this.connection.masters();
    } catch {
      return null;
    }
    if (masters.length === 0) return null;
    let bytes = 0;
    let uptime: number | null = null;
    for (const node of masters) {
      const reply = await bounded(node.info(), this.connection.operationTimeoutMs);
      if (!reply.ok) return null;
      const info = parseInfo(reply.value);
      bytes += Number(info.used_memory ?? 0);
      const up = Number(info.uptime_in_seconds);
      if (Number.isFinite(up)) uptime = uptime === null ? up : Math.min(uptime, up);
    }
    return { usedMemory: humanBytes(bytes), uptimeSeconds: uptime };
  }
}

function keyFields(
  counts: KeyCounts | null,
): Pick<CacheStatsDto, 'total_keys' | 'keys_by_kind' | 'keys_counted_at'> {
  return counts === null
    ? { total_keys: null, keys_by_kind: null, keys_counted_at: null }
    : {
        total_keys: counts.total,
        keys_by_kind: counts.byKind,
        keys_counted_at: new Date(counts.at).toISOString(),
      };
}
