import { LRUCache } from 'lru-cache';
import { globToRegExp } from './key-pattern';

export interface MemoryTierLimits {
  maxEntries: number;
  /** Counted as the size of the stored (serialised) entries. */
  maxBytes: number;
}

/**
 * The in-process cache tier: a Keyv store over lru-cache, bounded by entries and by bytes, in
 * front of Redis (or alone without Redis). Least recently used entries go first; an entry also
 * leaves at its TTL. Keyv stores serialised strings here, so every read hands out a fresh copy
 * and the size of an entry is its length.
 */
export class MemoryTier {
  private readonly lru: LRUCache<string, string>;

  constructor(readonly limits: MemoryTierLimits) {
    this.lru = new LRUCache<string, string>({
      max: limits.maxEntries,
      maxSize: limits.maxBytes,
      sizeCalculation: (value, key) => Math.max(1, value.length + key.length),
    });
  }

  // The Keyv store adapter: get, set (ttl in ms, undefined = none), delete, clear.
  get(key: string): string | undefined {
    return this.lru.get(key);
  }

  set(key: string, value: unknown, ttl?: number): boolean {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    this.lru.set(key, text, typeof ttl === 'number' && ttl > 0 ? { ttl } : {});
    return true;
  }

  delete(key: string): boolean {
    return this.lru.delete(key);
  }

  clear(): void {
    this.lru.clear();
  }

  has(key: string): boolean {
    return this.lru.has(key);
  }

  /** Live keys, expired entries dropped first. */
  keys(): string[] {
    this.lru.purgeStale();
    return [...this.lru.keys()];
  }

  /** Deletes the keys matching a glob (`*`, `?`); returns how many. */
  deleteMatching(glob: string): number {
    const re = globToRegExp(glob);
    let deleted = 0;
    for (const key of this.keys()) if (re.test(key) && this.lru.delete(key)) deleted++;
    return deleted;
  }

  get size(): number {
    return this.lru.size;
  }

  get bytes(): number {
    return this.lru.calculatedSize;
  }
}
