import { Inject, Injectable } from '@nestjs/common';
import { cacheConfig, type CacheConfig } from '../config/configuration';
import { RequestContext } from '../common/context/request-context';
import { CacheKind } from './cache-key';

export interface CacheLookup<T> {
  value: T;
  hit: boolean;
}

/**
 * Namespaced cache-aside with request coalescing. Provisional in-memory implementation;
 * the Redis-backed store replaces the internals without changing this interface.
 */
@Injectable()
export class CacheService {
  private readonly store = new Map<string, { value: unknown; expiresAt: number }>();
  private readonly inflight = new Map<string, Promise<unknown>>();

  constructor(@Inject(cacheConfig.KEY) private readonly config: CacheConfig) {}

  ttlSeconds(kind: CacheKind): number {
    return this.config.ttlSeconds[kind];
  }

  async getOrLoad<T>(
    kind: CacheKind,
    key: string,
    loader: () => Promise<T>,
  ): Promise<CacheLookup<T>> {
    const entry = this.store.get(key);
    if (entry && entry.expiresAt > Date.now()) {
      RequestContext.current()?.recordCache('HIT');
      return { value: entry.value as T, hit: true };
    }
    RequestContext.current()?.recordCache('MISS');
    const pending = this.inflight.get(key) as Promise<T> | undefined;
    if (pending) return { value: await pending, hit: false };
    const load = (async () => {
      try {
        const value = await loader();
        const ttl = this.ttlSeconds(kind);
        if (ttl > 0) this.store.set(key, { value, expiresAt: Date.now() + ttl * 1000 });
        return value;
      } finally {
        this.inflight.delete(key);
      }
    })();
    this.inflight.set(key, load);
    return { value: await load, hit: false };
  }
}
