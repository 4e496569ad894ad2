/**
 * The in-process store used when no Redis is configured: a Map that Keyv accepts as a store,
 * bounded so a long-running instance cannot grow without limit. Least recently used entries
 * go first; expired entries are dropped by Keyv when read.
 */
export class MemoryStore extends Map<string, unknown> {
  constructor(readonly maxEntries = 10_000) {
    super();
  }

  override get(key: string): unknown {
    if (!super.has(key)) return undefined;
    const value = super.get(key);
    super.delete(key);
    super.set(key, value);
    return value;
  }

  override set(key: string, value: unknown): this {
    super.delete(key);
    super.set(key, value);
    while (this.size > this.maxEntries) {
      const oldest = this.keys().next();
      if (oldest.done) break;
      super.delete(oldest.value);
    }
    return this;
  }

  /** Drops entries whose Keyv expiry has passed, so counts match what a read would find. */
  prune(now: number): void {
    for (const [key, raw] of [...this.entries()]) {
      const expires = expiresAt(raw);
      if (expires !== undefined && expires <= now) super.delete(key);
    }
  }
}

/** Keyv stores `{value, expires}`, serialised to a string by default. */
function expiresAt(raw: unknown): number | undefined {
  let entry: unknown = raw;
  if (typeof raw === 'string') {
    try {
      entry = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  if (typeof entry !== 'object' || entry === null || !('expires' in entry)) return undefined;
  return typeof entry.expires === 'number' ? entry.expires : undefined;
}
