export const CACHE_KINDS = ['profile', 'posts', 'hashtag', 'users', 'analysis'] as const;
export type CacheKind = (typeof CACHE_KINDS)[number];

export const CACHE_PREFIX = 'trendxl:v2:';

export type CacheKeyParams = Record<string, string | number | boolean | undefined | null>;

/** One cache entry: what kind of data, about whom, with which parameters. */
export interface CacheEntry {
  kind: CacheKind;
  id: string;
  params?: CacheKeyParams;
}

/** encodeURIComponent throws on lone surrogates; keys must never be able to fail. */
function encode(value: string): string {
  return encodeURIComponent(value.toLowerCase().replace(/\p{Cs}/gu, '\uFFFD'));
}

/**
 * `trendxl:v2:<kind>:<id>[:k=v...]` — parameters sorted by name so the same request always
 * maps to the same key; values are lower-cased and URI-encoded so no value can forge a separator.
 */
export function cacheKey({ kind, id, params = {} }: CacheEntry): string {
  const parts = Object.keys(params)
    .filter((k) => params[k] !== undefined && params[k] !== null && params[k] !== '')
    .sort()
    .map((k) => `${k}=${encode(String(params[k]))}`);
  const base = `${CACHE_PREFIX}${kind}:${encode(id.trim())}`;
  return parts.length > 0 ? `${base}:${parts.join(':')}` : base;
}
