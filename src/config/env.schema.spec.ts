import { EnvValidationError, validateEnv } from './env.schema';

describe('validateEnv', () => {
  it('applies documented defaults to an empty environment', () => {
    const env = validateEnv({});
    expect(env.PORT).toBe(8000);
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.ENSEMBLE_BASE_URL).toBe('https://ensembledata.com/apis');
    expect(env.ENSEMBLE_API_TOKEN).toBeUndefined();
    expect(env.MAX_REQUESTS_PER_MINUTE).toBe(60);
    expect(env.CACHE_PROFILE_TTL).toBe(1800);
    expect(env.CACHE_POSTS_TTL).toBe(900);
    expect(env.CACHE_HASHTAG_TTL).toBe(300);
    expect(env.CORS_ORIGINS).toEqual(['http://localhost:3000', 'http://localhost:5173']);
    expect(env.LOG_LEVEL).toBe('info');
    expect(env.ANALYZE_SEARCH_PAGES).toBe(1);
  });

  it('applies the watchlist and webhook defaults of the README', () => {
    const env = validateEnv({});
    expect(env.APP_ROLE).toBe('all');
    expect(env.WATCHLIST_MIN_INTERVAL_MINUTES).toBe(15);
    expect(env.WORKER_CONCURRENCY).toBe(2);
    expect(env.WORKER_ANALYSES_PER_MINUTE).toBe(30);
    expect(env.WORKER_STALLED_TIMEOUT_MS).toBe(30_000);
    expect(env.WEBHOOK_RETRY_BASE_MS).toBe(2000);
    expect(env.WEBHOOK_TIMEOUT_MS).toBe(10_000);
    expect(env.WEBHOOK_MAX_ATTEMPTS).toBe(6);
    expect(env.WEBHOOK_ALLOW_PRIVATE).toBe(false);
  });

  it('reads CACHE_HASHTAG_TTL, or its former name CACHE_TRENDS_TTL; the new name wins', () => {
    expect(validateEnv({ CACHE_HASHTAG_TTL: '42' }).CACHE_HASHTAG_TTL).toBe(42);
    expect(validateEnv({ CACHE_TRENDS_TTL: '43' }).CACHE_HASHTAG_TTL).toBe(43);
    expect(validateEnv({ CACHE_HASHTAG_TTL: '44', CACHE_TRENDS_TTL: '45' }).CACHE_HASHTAG_TTL).toBe(
      44,
    );
    expect(() => validateEnv({ CACHE_TRENDS_TTL: '-1' })).toThrow(/CACHE_TRENDS_TTL must be/);
  });

  it('treats empty strings as unset', () => {
    expect(validateEnv({ ENSEMBLE_API_TOKEN: '  ', PORT: '' }).ENSEMBLE_API_TOKEN).toBeUndefined();
  });

  it.each([
    ['PORT', 'abc', /PORT must be an integer/],
    ['PORT', '70000', /PORT must be between/],
    ['CACHE_PROFILE_TTL', '-5', /CACHE_PROFILE_TTL must be between 0/],
    ['ENSEMBLE_BASE_URL', 'not a url', /ENSEMBLE_BASE_URL must be a valid URL/],
    ['REDIS_URL', 'http://localhost:6379', /REDIS_URL must use one of redis:, rediss:/],
    ['TRUST_PROXY', 'maybe', /TRUST_PROXY must be a boolean/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
    ['ANALYZE_SEARCH_PAGES', '4', /ANALYZE_SEARCH_PAGES must be between 1 and 3/],
    ['ANALYZE_SEARCH_PAGES', '0', /ANALYZE_SEARCH_PAGES must be between 1 and 3/],
    ['REDIS_CLUSTER_NODES', 'a:1,b', /REDIS_CLUSTER_NODES entry "b" must be host:port/],
    ['APP_ROLE', 'scheduler', /APP_ROLE must be one of all, api, worker/],
    ['WATCHLIST_MIN_INTERVAL_MINUTES', '0', /WATCHLIST_MIN_INTERVAL_MINUTES must be between 1/],
    ['WORKER_CONCURRENCY', '0', /WORKER_CONCURRENCY must be between 1/],
    ['WEBHOOK_MAX_ATTEMPTS', '21', /WEBHOOK_MAX_ATTEMPTS must be between 1 and 20/],
    ['WEBHOOK_ALLOW_PRIVATE', 'perhaps', /WEBHOOK_ALLOW_PRIVATE must be a boolean/],
  ])('rejects %s=%s naming the variable', (name, value, message) => {
    expect(() => validateEnv({ [name]: value })).toThrow(EnvValidationError);
    expect(() => validateEnv({ [name]: value })).toThrow(message);
  });

  it('reports every problem at once', () => {
    try {
      validateEnv({ PORT: 'x', MIN_VIEWS: '-1' });
      throw new Error('expected failure');
    } catch (error) {
      expect(error).toBeInstanceOf(EnvValidationError);
      expect((error as EnvValidationError).problems).toHaveLength(2);
    }
  });

  it('DEBUG switches the default log level and pretty printing', () => {
    const env = validateEnv({ DEBUG: 'true' });
    expect(env.LOG_LEVEL).toBe('debug');
    expect(env.LOG_PRETTY).toBe(true);
  });

  it('strips a trailing slash from base URLs', () => {
    expect(validateEnv({ ENSEMBLE_BASE_URL: 'http://127.0.0.1:9/apis/' }).ENSEMBLE_BASE_URL).toBe(
      'http://127.0.0.1:9/apis',
    );
  });

  it('parses CLIENT_API_KEYS as name:key pairs', () => {
    const env = validateEnv({
      CLIENT_API_KEYS: 'acme:0123456789abcdef0123, beta.1:fedcba9876543210',
    });
    expect(env.CLIENT_API_KEYS).toEqual([
      { name: 'acme', key: '0123456789abcdef0123' },
      { name: 'beta.1', key: 'fedcba9876543210' },
    ]);
    expect(validateEnv({}).CLIENT_API_KEYS).toEqual([]);
  });

  it.each([
    ['no-colon-here-0123456789', /entry 1 must be name:key/],
    ['a:short', /entry 1 \(a\) needs a key of at least 16/],
    ['a:0123456789abcdef,a:fedcba9876543210', /the name a is used twice/],
    ['a:0123456789abcdef,b:0123456789abcdef', /entry 2 \(b\) repeats another client's key/],
  ])('rejects CLIENT_API_KEYS=%s without printing a key', (value, message) => {
    expect(() => validateEnv({ CLIENT_API_KEYS: value })).toThrow(message);
    try {
      validateEnv({ CLIENT_API_KEYS: value });
    } catch (error) {
      expect((error as Error).message).not.toMatch(/0123456789abcdef|short/);
    }
  });

  it('leaves the unit budgets unlimited unless set, and refuses headers timeouts past the request timeout', () => {
    expect(validateEnv({}).ENSEMBLE_DAILY_UNIT_BUDGET).toBeUndefined();
    expect(validateEnv({ ENSEMBLE_DAILY_UNIT_BUDGET: '500' }).ENSEMBLE_DAILY_UNIT_BUDGET).toBe(500);
    expect(() => validateEnv({ CLIENT_DAILY_UNIT_BUDGET: '-1' })).toThrow(
      /CLIENT_DAILY_UNIT_BUDGET must be between 0/,
    );
    expect(() =>
      validateEnv({ SERVER_HEADERS_TIMEOUT_MS: '20000', SERVER_REQUEST_TIMEOUT_MS: '10000' }),
    ).toThrow(/SERVER_HEADERS_TIMEOUT_MS must not exceed SERVER_REQUEST_TIMEOUT_MS/);
  });
});
