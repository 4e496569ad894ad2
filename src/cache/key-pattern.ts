import { CACHE_KINDS, CACHE_PREFIX, type CacheKind } from './cache-key';

/**
 * What a clear pattern may contain: key characters and the `*` / `?` wildcards. No `[`, `]` or
 * `\`, so the glob has one obvious meaning in Redis MATCH and in the memory backend alike.
 */
export const CLEAR_PATTERN_RE = /^[A-Za-z0-9_:*?%.=@+-]{1,200}$/;

/**
 * The full MATCH pattern for a clear request, always under `trendxl:v2:`. A pattern that
 * already carries the prefix (the original frontend sends `*`, others may send the full form)
 * is taken relative to it.
 */
export function clearPattern(kind?: CacheKind, pattern?: string): string {
  let relative = pattern ?? '*';
  if (relative.startsWith(CACHE_PREFIX)) relative = relative.slice(CACHE_PREFIX.length) || '*';
  return kind ? `${CACHE_PREFIX}${kind}:${relative}` : `${CACHE_PREFIX}${relative}`;
}

/** The same glob semantics as Redis MATCH for the characters CLEAR_PATTERN_RE allows. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 's');
}

/** The kind a namespaced key belongs to, or undefined for anything else. */
export function kindOfKey(key: string): CacheKind | undefined {
  if (!key.startsWith(CACHE_PREFIX)) return undefined;
  const segment = key.slice(CACHE_PREFIX.length).split(':', 1)[0];
  return (CACHE_KINDS as readonly string[]).includes(segment) ? (segment as CacheKind) : undefined;
}
