import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable } from '@nestjs/common';
import type { Cache } from 'cache-manager';
import { setTimeout as sleep } from 'node:timers/promises';
import { RequestContext } from '../common/context/request-context';
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

/**
 * Namespaced cache-aside with request coalescing, on Redis (via `@nestjs/cache-manager` and
 * Keyv) or in memory. Concurrent misses for one key make one loader call per instance (an
 * in-process map of pending lookups) and one across instances (a short Redis lock; the others
 * poll for the entry). Redis trouble never fails a request: reads and writes are bounded by
 * the operation timeout and, while Redis is down, requests go straight to the loader.
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

  async getOrLoad<T>(entry: CacheEntry, loader: () => Promise<T>): Promise<CacheLookup<T>> {
    const { kind } = entry;
    const key = this.keyOf(entry);
    const report = RequestContext.current()?.claimCacheOutcome();
    let pending = this.inflight.get(key) as Promise<CacheLookup<T>> | undefined;
    if (pending) this.counters.coalesced++;
    else {
      pending = this.lookup(kind, key, loader).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    const { value, hit } = await pending;
    if (hit) this.counters.hits++;
    else this.counters.misses++;
    report?.(hit ? 'HIT' : 'MISS');
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
  ): Promise<CacheLookup<T>> {
    const ttlMs = this.ttlSeconds(kind) * 1000;
    if (ttlMs <= 0 || !this.storeReachable()) return { value: await loader(), hit: false };
    const cached = await this.read<T>(key);
    if (cached !== MISSING) return { value: cached, hit: true };
    if (!this.lock.available)
      return { value: await this.loadAndStore(key, ttlMs, loader), hit: false };
    return { value: await this.loadOnce(key, ttlMs, loader), hit: false };
  }

  /** Across instances: the lock holder loads, the others wait for its entry. */
  private async loadOnce<T>(key: string, ttlMs: number, loader: () => Promise<T>): Promise<T> {
    const giveUpAt = Date.now() + LOCK_WAIT_MS;
    let pause = POLL_MIN_MS;
    for (;;) {
      const attempt = await this.lock.acquire(key, LOCK_TTL_MS);
      if (attempt.status === 'unavailable') return this.loadAndStore(key, ttlMs, loader);
      if (attempt.status === 'acquired') {
        return this.loadHoldingLock(key, attempt.handle, ttlMs, loader);
      }
      await sleep(pause);
      pause = Math.min(pause * 2, POLL_MAX_MS);
      const entry = await this.read<T>(key);
      if (entry !== MISSING) {
        this.counters.coalesced++;
        return entry;
      }
      if (!this.storeReachable() || Date.now() >= giveUpAt) {
        return this.loadAndStore(key, ttlMs, loader);
      }
    }
  }

  private async loadHoldingLock<T>(
    key: string,
    handle: LockHandle,
    ttlMs: number,
    loader: () => Promise<T>,
  ): Promise<T> {
    const renew = setInterval(() => void this.lock.extend(handle, LOCK_TTL_MS), LOCK_RENEW_MS);
    renew.unref();
    try {
      // Another instance may have stored the entry between our miss and our lock.
      const entry = await this.read<T>(key);
      if (entry !== MISSING) return entry;
      return await this.loadAndStore(key, ttlMs, loader);
    } finally {
      clearInterval(renew);
      await this.lock.release(handle);
    }
  }

  private async loadAndStore<T>(key: string, ttlMs: number, loader: () => Promise<T>): Promise<T> {
    const value = await loader();
    if (value !== undefined && this.storeReachable()) {
      await bounded(this.cache.set(key, value, ttlMs), this.connection.operationTimeoutMs);
    }
    return value;
  }

  private async read<T>(key: string): Promise<Read<T>> {
    const result = await bounded(this.cache.get<T>(key), this.connection.operationTimeoutMs);
    return result.ok && result.value !== undefined ? result.value : MISSING;
  }

  /** Memory is always reachable; with Redis configured, only while it is connected. */
  private storeReachable(): boolean {
    return this.connection.client === null || this.connection.isReady();
  }
}
