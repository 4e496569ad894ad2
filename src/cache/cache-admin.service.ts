import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code.enum';
import { cacheConfig, type CacheConfig } from '../config/configuration';
import { bounded } from '../common/deadline/bounded';
import { CACHE_KINDS, CACHE_PREFIX, type CacheKind } from './cache-key';
import { CACHE_MEMORY_STORE } from './cache-store.provider';
import { CacheService } from './cache.service';
import type { CacheStatsDto } from './dto/cache-stats.dto';
import type { ClearCacheResultDto } from './dto/clear-cache-result.dto';
import { clearPattern, globToRegExp, kindOfKey } from './key-pattern';
import { scanKeys } from './key-scan';
import type { MemoryStore } from './memory-store';
import { humanBytes, parseInfo } from './redis-info';
import { isCluster, RedisConnection, type RedisNodeClient } from './redis-connection';

interface KeyCounts {
  total: number;
  byKind: Record<CacheKind, number>;
}

interface ServerInfo {
  usedMemory: string | null;
  uptimeSeconds: number | null;
}

function emptyCounts(): KeyCounts {
  const byKind = Object.fromEntries(CACHE_KINDS.map((k) => [k, 0])) as Record<CacheKind, number>;
  return { total: 0, byKind };
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

  constructor(
    private readonly connection: RedisConnection,
    private readonly cache: CacheService,
    @Inject(CACHE_MEMORY_STORE) private readonly memory: MemoryStore | null,
    @Inject(cacheConfig.KEY) private readonly config: CacheConfig,
  ) {}

  async stats(): Promise<CacheStatsDto> {
    const { hits, misses } = this.cache.stats();
    const lookups = hits + misses;
    const base = {
      enabled: Object.values(this.config.ttlSeconds).some((ttl) => ttl > 0),
      backend: this.connection.backend,
      hits,
      misses,
      hit_ratio: lookups === 0 ? 0 : Math.round((hits / lookups) * 10_000) / 10_000,
    };
    if (this.memory) {
      this.memory.prune(Date.now());
      const counts = emptyCounts();
      count(counts, this.memory.keys());
      return {
        ...base,
        connected: true,
        total_keys: counts.total,
        keys_by_kind: counts.byKind,
        used_memory: null,
        uptime_seconds: Math.floor(process.uptime()),
      };
    }
    try {
      const masters = await this.connection.masters();
      if (masters.length === 0) throw new Error('Redis not connected');
      const counts = emptyCounts();
      await scanKeys(masters, `${CACHE_PREFIX}*`, this.connection.operationTimeoutMs, (_, keys) => {
        count(counts, keys);
        return Promise.resolve();
      });
      const info = await this.serverInfo(masters);
      return {
        ...base,
        connected: true,
        total_keys: counts.total,
        keys_by_kind: counts.byKind,
        used_memory: info.usedMemory,
        uptime_seconds: info.uptimeSeconds,
      };
    } catch (error) {
      this.logger.warn(`cache stats unavailable: ${String(error)}`);
      return {
        ...base,
        connected: false,
        total_keys: 0,
        keys_by_kind: emptyCounts().byKind,
        used_memory: null,
        uptime_seconds: null,
      };
    }
  }

  async clear(kind?: CacheKind, pattern?: string): Promise<ClearCacheResultDto> {
    const match = clearPattern(kind, pattern);
    const deleted = this.memory
      ? this.clearMemory(this.memory, match)
      : await this.clearRedis(match);
    this.logger.log(`cleared ${deleted} cache entries matching ${match}`);
    return {
      message: `Deleted ${deleted} cache ${deleted === 1 ? 'entry' : 'entries'}`,
      deleted,
      pattern: match,
    };
  }

  private clearMemory(memory: MemoryStore, match: string): number {
    const re = globToRegExp(match);
    let deleted = 0;
    for (const key of [...memory.keys()]) {
      if (key.startsWith(CACHE_PREFIX) && re.test(key) && memory.delete(key)) deleted++;
    }
    return deleted;
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

  private async serverInfo(masters: RedisNodeClient[]): Promise<ServerInfo> {
    let bytes = 0;
    let uptime: number | null = null;
    for (const node of masters) {
      const reply = await bounded(node.info(), this.connection.operationTimeoutMs);
      if (!reply.ok) return { usedMemory: null, uptimeSeconds: null };
      const info = parseInfo(reply.value);
      bytes += Number(info.used_memory ?? 0);
      const up = Number(info.uptime_in_seconds);
      if (Number.isFinite(up)) uptime = uptime === null ? up : Math.min(uptime, up);
    }
    return { usedMemory: humanBytes(bytes), uptimeSeconds: uptime };
  }
}
