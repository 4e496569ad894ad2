import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable } from '@nestjs/common';
import type { Cache } from 'cache-manager';
import { setTimeout as sleep } from 'node:timers/promises';
import { RequestContext } from '../common/context/request-context';
import { DomainException, type ErrorDetails } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code.enum';
import { cacheConfig, type CacheConfig } from '../config/configuration';
import { bounded } from '../common/deadline/bounded';
import { cacheKey, type CacheEntry, type CacheKind } from './cache-key';
import { DistributedLock, type LockHandle } from './distributed-lock';
import { RedisConnection } from './redis-connection';

export interface CacheLookup<T> {
  value: T;
  hit: boolean;
}

export interface CacheCounters {
  hits: number;
  misses: number;
  /** Lookups that waited for a load already in flight (here or on another instance). */
  coalesced: number;
}

/** Long enough for a slow upstream call; renewed while the owner is still loading. */
const LOCK_TTL_MS = 15_000;
const LOCK_RENEW_MS = 5_000;
/** How long a waiter waits for another instance's entry before loading it itself. */
const LOCK_WAIT_MS = 60_000;
const POLL_MIN_MS = 20;
const POLL_MAX_MS = 200;

const MISSING = Symbol('missing');
type Read<T> = T | typeof MISSING;

/** Answers that are facts about TikTok, not failures: cached for CACHE_NEGATIVE_TTL. */
const NEGATIVE_CODES = new Set<ErrorCode>([
  ErrorCode.NOT_FOUND,
  ErrorCode.PROFILE_PRIVATE,
  ErrorCode.PROFILE_RESTRICTED,
]);

export interface LoadOptions<T> {
  /** A partial answer (kept for CACHE_PARTIAL_TTL at most, so it is retried soon). */
  isPartial?: (value: T) => boolean;
}

/** How long a loaded value is kept, ms. */
type TtlOf<T> = (value: T) => number;

/** How a negative answer is stored: the error the loader threw, as the client saw it. */
interface NegativeEntry {
  trendxlNegative: { code: ErrorCode; message: string; details?: unknown };
}

function isNegative(value: unknown): value is NegativeEntry {
  return typeof value === 'object' && value !== null && 'trendxlNegative' in value;
}

/**
 * Namespaced cache-aside with request coalescing over two tiers (cache-manager's multi-store:
 * this instance's memory, then Redis). Concurrent misses for one key make one loader call per
 * instance (an in-process map of pending lookups) and one across instances (a short Redis
 * lock; the others poll for the entry). Redis trouble never fails a request: Redis operations
 * are bounded and, while Redis is down or its breaker is open, the memory tier still answers.
 * Not-found, private and restricted answers are cached too (CACHE_NEGATIVE_TTL) and replayed
 * as the same error.
 */
@Injectable()
export class CacheService {
  private readonly inflight = new Map<string, Promise<CacheLookup<unknown>>>();
  private readonly counters: CacheCounters = { hits: 0, misses: 0, coalesced: 0 };

  constructor(
    @Inject(cacheConfig.KEY) private readonly config: CacheConfig,
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    private readonly connection: RedisConnection,
    private readonly lock: DistributedLock,
  ) {}

  ttlSeconds(kind: CacheKind): number {
    return this.config.ttlSeconds[kind];
  }

  /** Lookups answered from the cache vs. not, since this instance started. */
  stats(): CacheCounters {
    return { ...this.counters };
  }

  /** A loaded value `isPartial` says is partial is kept for CACHE_PARTIAL_TTL at most. */
  async getOrLoad<T>(
    entry: CacheEntry,
    loader: () => Promise<T>,
    options: LoadOptions<T> = {},
  ): Promise<CacheLookup<T>> {
    const { kind } = entry;
    const key = this.keyOf(entry);
    const report = RequestContext.current()?.claimCacheOutcome();
    let pending = this.inflight.get(key) as Promise<CacheLookup<T>> | undefined;
    if (pending) this.counters.coalesced++;
    else {
      pending = this.lookup(kind, key, loader, options).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    let lookup: CacheLookup<T>;
    try {
      lookup = await pending;
    } catch (error) {
      // The loader failed: nothing came from the cache.
      this.counters.misses++;
      report?.('MISS');
      throw error;
    }
    const { value, hit } = lookup;
    if (hit) this.counters.hits++;
    else this.counters.misses++;
    report?.(hit ? 'HIT' : 'MISS');
    if (isNegative(value)) {
      const { code, message, details } = value.trendxlNegative;
      throw new DomainException(code, message, { details: details as ErrorDetails | undefined });
    }
    return { value, hit };
  }

  /**
   * Demo answers are keyed apart from live ones, so a shared Redis never serves bundled demo
   * data as live data (or the other way round) after the token is set or removed.
   */
  private keyOf(entry: CacheEntry): string {
    if (this.config.source === 'live') return cacheKey(entry);
    return cacheKey({ ...entry, params: { ...entry.params, source: 'demo' } });
  }

  private async lookup<T>(
    kind: CacheKind,
    key: string,
    loader: () => Promise<T>,
    { isPartial }: LoadOptions<T>,
  ): Promise<CacheLookup<T>> {
    const kindTtlMs = this.ttlSeconds(kind) * 1000;
    if (kindTtlMs <= 0) return { value: await loader(), hit: false };
    const partialTtlMs = Math.min(kindTtlMs, this.config.partialTtlSeconds * 1000);
    const ttlOf: TtlOf<T> = (value) => (isPartial?.(value) ? partialTtlMs : kindTtlMs);
    const load = this.withNegativeCaching(key, loader);
    const cached = await this.read<T>(key);
    if (cached !== MISSING) return { value: cached, hit: true };
    if (!this.lock.available || !this.connection.isAvailable()) {
      return { value: await this.loadAndStore(key, ttlOf, load), hit: false };
    }
    return this.loadOnce(key, ttlOf, load);
  }

  /**
   * A loader whose not-found/private/restricted error is stored (for CACHE_NEGATIVE_TTL) before
   * it is rethrown, so the next lookup answers the same error from the cache.
   */
  private withNegativeCaching<T>(key: string, loader: () => Promise<T>): () => Promise<T> {
    const ttlMs = this.config.negativeTtlSeconds * 1000;
    if (ttlMs <= 0) return loader;
    return async () => {
      try {
        return await loader();
      } catch (error) {
        if (error instanceof DomainException && NEGATIVE_CODES.has(error.code)) {
          const entry: NegativeEntry = {
            trendxlNegative: { code: error.code, message: error.message, details: error.details },
          };
          await bounded(this.cache.set(key, entry, ttlMs), this.connection.operationTimeoutMs);
        }
        throw error;
      }
    };
  }

  /**
   * Across instances: the lock holder loads, the others wait for its entry. A waiter that gets
   * the entry answers from the cache (a hit): it cost no upstream call.
   */
  private async loadOnce<T>(
    key: string,
    ttlOf: TtlOf<T>,
    loader: () => Promise<T>,
  ): Promise<CacheLookup<T>> {
    const giveUpAt = Date.now() + LOCK_WAIT_MS;
    let pause = POLL_MIN_MS;
    for (;;) {
      const attempt = await this.lock.acquire(key, LOCK_TTL_MS);
      if (attempt.status === 'unavailable') {
        return { value: await this.loadAndStore(key, ttlOf, loader), hit: false };
      }
      if (attempt.status === 'acquired') {
        return this.loadHoldingLock(key, attempt.handle, ttlOf, loader);
      }
      await sleep(pause);
      pause = Math.min(pause * 2, POLL_MAX_MS);
      const entry = await this.read<T>(key);
      if (entry !== MISSING) {
        this.counters.coalesced++;
        return { value: entry, hit: true };
      }
      if (!this.connection.isAvailable() || Date.now() >= giveUpAt) {
        return { value: await this.loadAndStore(key, ttlOf, loader), hit: false };
      }
    }
  }

  private async loadHoldingLock<T>(
    key: string,
    handle: LockHandle,
    ttlOf: TtlOf<T>,
    loader: () => Promise<T>,
  ): Promise<CacheLookup<T>> {
    const renew = setInterval(() => void this.lock.extend(handle, LOCK_TTL_MS), LOCK_RENEW_MS);
    renew.unref();
    try {
      // Another instance may have stored the entry between our miss and our lock.
      const entry = await this.read<T>(key);
      if (entry !== MISSING) return { value: entry, hit: true };
      return { value: await this.loadAndStore(key, ttlOf, loader), hit: false };
    } finally {
      clearInterval(renew);
      await this.lock.release(handle);
    }
  }

  private async loadAndStore<T>(
    key: string,
    ttlOf: TtlOf<T>,
    loader: () => Promise<T>,
  ): Promise<T> {
    const value = await loader();
    const keepMs = value === undefined ? 0 : ttlOf(value);
    if (keepMs > 0) {
      await bounded(this.cache.set(key, value, keepMs), this.connection.operationTimeoutMs);
    }
    return value;
  }

  private async read<T>(key: string): Promise<Read<T>> {
    const result = await bounded(this.cache.get<T>(key), this.connection.operationTimeoutMs);
    return result.ok && result.value !== undefined ? result.value : MISSING;
  }
}
