export const CACHE_KINDS = ['profile', 'posts', 'hashtag', 'users', 'analysis'] as const;
export type CacheKind = (typeof CACHE_KINDS)[number];

export const CACHE_PREFIX = 'trendxl:v2:';

/**
 * `trendxl:v2:<kind>:<id>[:k=v...]` — parameters sorted by name so the same request always
 * maps to the same key; values are lower-cased and URI-encoded so no value can forge a separator.
 */
export type CacheKeyParams = Record<string, string | number | boolean | undefined | null>;

export function cacheKey(kind: CacheKind, id: string, params: CacheKeyParams = {}): string {
  const parts = Object.keys(params)
    .filter((k) => params[k] !== undefined && params[k] !== null && params[k] !== '')
    .sort()
    .map((k) => `${k}=${encodeURIComponent(String(params[k]).toLowerCase())}`);
  const base = `${CACHE_PREFIX}${kind}:${encodeURIComponent(id.trim().toLowerCase())}`;
  return parts.length > 0 ? `${base}:${parts.join(':')}` : base;
}
