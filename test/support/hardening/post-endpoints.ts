/**
 * The POST endpoints with a body each accepts (against the fake Ensemble's fixture corpus), and
 * the fields of that body by kind, so hardening cases can be generated for every field.
 */
export interface PostEndpoint {
  path: string;
  valid: Record<string, unknown>;
  /** String fields, with a valid value for each (optional ones may be absent from `valid`). */
  strings: Record<string, string>;
  /** Integer fields with their inclusive range, or their allowed values. */
  numbers: Record<string, { min: number; max: number } | { oneOf: number[] }>;
  /** Needs the admin key to get past its guard to validation. */
  admin?: boolean;
  /** Every field optional: a JSON null counts as an empty body. */
  optionalBody?: boolean;
}

export const POST_ENDPOINTS: PostEndpoint[] = [
  {
    path: '/api/v1/profile',
    valid: { username: 'chefmaya' },
    strings: { username: 'chefmaya' },
    numbers: {},
  },
  {
    path: '/api/v1/posts',
    valid: { username: 'chefmaya', count: 5 },
    strings: { username: 'chefmaya', cursor: '20' },
    numbers: { count: { min: 1, max: 50 } },
  },
  {
    path: '/api/v1/hashtag/search',
    valid: { hashtag: 'pasta', count: 5, period: 7, sorting: 1 },
    strings: { hashtag: 'pasta', cursor: '20' },
    numbers: {
      count: { min: 1, max: 50 },
      period: { oneOf: [0, 1, 7, 30, 90, 180] },
      sorting: { oneOf: [0, 1] },
    },
  },
  {
    path: '/api/v1/users/search',
    valid: { query: 'chef', count: 5 },
    strings: { query: 'chef', cursor: '10' },
    numbers: { count: { min: 1, max: 50 } },
  },
  {
    path: '/api/v1/analyze',
    valid: { profile_url: 'https://www.tiktok.com/@chefmaya', limit: 10, country: 'US' },
    strings: { profile_url: 'chefmaya', country: 'US' },
    numbers: { limit: { min: 1, max: 50 } },
  },
  {
    path: '/api/v1/cache/clear',
    valid: { kind: 'profile' },
    strings: { kind: 'profile' },
    numbers: {},
    admin: true,
    optionalBody: true,
  },
];

/** `value` with `insert` placed after its first character, where no trimming can remove it. */
export function embed(value: string, insert: string): string {
  return `${value.slice(0, 1)}${insert}${value.slice(1)}`;
}
