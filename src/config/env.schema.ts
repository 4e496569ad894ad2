/**
 * The one place that reads and validates the process environment. Every other module
 * receives typed values through the config namespaces in this folder.
 */
export interface Env {
  NODE_ENV: string;
  PORT: number;
  HOST: string;
  CORS_ORIGINS: string[];
  ADMIN_API_KEY: string | undefined;
  TRUST_PROXY: boolean;
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  LOG_PRETTY: boolean;
  BODY_LIMIT_BYTES: number;
  SHUTDOWN_TIMEOUT_MS: number;
  SERVER_HEADERS_TIMEOUT_MS: number;
  SERVER_REQUEST_TIMEOUT_MS: number;
  SERVER_KEEP_ALIVE_TIMEOUT_MS: number;
  REQUEST_TIMEOUT_MS: number;
  ANALYZE_TIMEOUT_MS: number;
  CLIENT_API_KEYS: ClientApiKey[];
  CLIENT_DAILY_UNIT_BUDGET: number | undefined;

  ENSEMBLE_API_TOKEN: string | undefined;
  ENSEMBLE_BASE_URL: string;
  ENSEMBLE_TIMEOUT_MS: number;
  ENSEMBLE_MAX_RETRIES: number;
  ENSEMBLE_RETRY_BASE_MS: number;
  ENSEMBLE_RETRY_BUDGET_MS: number;
  ENSEMBLE_DAILY_UNIT_BUDGET: number | undefined;
  UPSTREAM_BREAKER_THRESHOLD: number;
  UPSTREAM_BREAKER_COOLDOWN_MS: number;

  OPENAI_API_KEY: string | undefined;
  OPENAI_BASE_URL: string | undefined;
  OPENAI_MODEL: string;
  OPENAI_TIMEOUT_MS: number;
  OPENAI_MAX_RETRIES: number;

  REDIS_URL: string | undefined;
  REDIS_CLUSTER_NODES: string[];
  REDIS_OPERATION_TIMEOUT_MS: number;
  REDIS_BREAKER_THRESHOLD: number;
  REDIS_BREAKER_COOLDOWN_MS: number;

  CACHE_PROFILE_TTL: number;
  CACHE_POSTS_TTL: number;
  /** Also read from its former name, CACHE_TRENDS_TTL. */
  CACHE_HASHTAG_TTL: number;
  CACHE_USERS_TTL: number;
  CACHE_ANALYSIS_TTL: number;
  CACHE_NEGATIVE_TTL: number;
  CACHE_PARTIAL_TTL: number;
  CACHE_MEMORY_MAX_ENTRIES: number;
  CACHE_MEMORY_MAX_MB: number;

  MAX_REQUESTS_PER_MINUTE: number;
  ANALYZE_REQUESTS_PER_MINUTE: number;
  MIN_VIEWS: number;
  TREND_WINDOW_DAYS: number;
  HASHTAG_SEARCH_CONCURRENCY: number;
  ANALYZE_SEARCH_PAGES: number;

  DATABASE_URL: string | undefined;
  DATA_DIR: string;
  HISTORY_ENABLED: boolean;
  HISTORY_RETENTION_DAYS: number;
  HISTORY_OBSERVATION_INTERVAL_S: number;
  HISTORY_VELOCITY_MIN_GAP_S: number;

  APP_ROLE: AppRole;
  WATCHLIST_MIN_INTERVAL_MINUTES: number;
  WORKER_CONCURRENCY: number;
  WORKER_ANALYSES_PER_MINUTE: number;
  WORKER_STALLED_TIMEOUT_MS: number;
  WEBHOOK_RETRY_BASE_MS: number;
  WEBHOOK_TIMEOUT_MS: number;
  WEBHOOK_MAX_ATTEMPTS: number;
  WEBHOOK_ALLOW_PRIVATE: boolean;
}

/** One client of the API: `name` appears in logs and usage, `key` never does. */
export interface ClientApiKey {
  name: string;
  key: string;
}

/** `all`: API and watchlist worker in one process; `api`: HTTP only; `worker`: queue work only. */
export const APP_ROLES = ['all', 'api', 'worker'] as const;
export type AppRole = (typeof APP_ROLES)[number];

/** The longest watchlist interval: one week. */
export const WATCHLIST_MAX_INTERVAL_MINUTES = 10_080;

export class EnvValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'EnvValidationError';
  }
}

type Raw = Record<string, string | undefined>;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly raw: Raw) {}

  private value(name: string): string | undefined {
    const v = this.raw[name];
    if (v === undefined) return undefined;
    const trimmed = v.trim();
    return trimmed === '' ? undefined : trimmed;
  }

  /** The first of several names (a variable and its aliases) that has a value. */
  firstSet(name: string, ...aliases: string[]): string {
    return [name, ...aliases].find((n) => this.value(n) !== undefined) ?? name;
  }

  optionalString(name: string): string | undefined {
    return this.value(name);
  }

  string(name: string, fallback: string): string {
    return this.value(name) ?? fallback;
  }

  int(name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const v = this.value(name);
    if (v === undefined) return fallback;
    if (!/^-?\d+$/.test(v)) {
      this.problems.push(`${name} must be an integer, got "${v}"`);
      return fallback;
    }
    const n = Number(v);
    if (n < min || n > max) {
      this.problems.push(`${name} must be between ${min} and ${max}, got ${n}`);
      return fallback;
    }
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const v = this.value(name)?.toLowerCase();
    if (v === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(v)) return true;
    if (['0', 'false', 'no', 'off'].includes(v)) return false;
    this.problems.push(`${name} must be a boolean (true/false), got "${v}"`);
    return fallback;
  }

  url(name: string, fallback: string | undefined, protocols: string[]): string | undefined {
    const v = this.value(name);
    if (v === undefined) return fallback;
    try {
      const u = new URL(v);
      if (!protocols.includes(u.protocol)) {
        this.problems.push(`${name} must use one of ${protocols.join(', ')}, got "${u.protocol}"`);
        return fallback;
      }
      return v.replace(/\/+$/, '');
    } catch {
      this.problems.push(`${name} must be a valid URL`);
      return fallback;
    }
  }

  optionalInt(name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
    return this.value(name) === undefined ? undefined : this.int(name, 0, min, max);
  }

  list(name: string, fallback: string[]): string[] {
    const v = this.value(name);
    if (v === undefined) return fallback;
    return v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const v = this.value(name)?.toLowerCase();
    if (v === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(v)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${v}"`);
      return fallback;
    }
    return v as T;
  }
}

const CLIENT_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const MIN_CLIENT_KEY_LENGTH = 16;

/**
 * `name:key,name:key`. Problems name the entry by position and the client name, never the key,
 * because boot errors are printed.
 */
function clientApiKeys(r: Reader): ClientApiKey[] {
  const problems = r.problems;
  const clients: ClientApiKey[] = [];
  r.list('CLIENT_API_KEYS', []).forEach((entry, i) => {
    const colon = entry.indexOf(':');
    const name = colon > 0 ? entry.slice(0, colon).trim() : '';
    const key = colon > 0 ? entry.slice(colon + 1).trim() : '';
    const where = `CLIENT_API_KEYS entry ${i + 1}`;
    if (!CLIENT_NAME.test(name)) {
      problems.push(`${where} must be name:key with a name of letters, digits, "_", "-" or "."`);
    } else if (key.length < MIN_CLIENT_KEY_LENGTH) {
      problems.push(
        `${where} (${name}) needs a key of at least ${MIN_CLIENT_KEY_LENGTH} characters`,
      );
    } else if (clients.some((c) => c.name === name)) {
      problems.push(`${where}: the name ${name} is used twice`);
    } else if (clients.some((c) => c.key === key)) {
      problems.push(`${where} (${name}) repeats another client's key`);
    } else {
      clients.push({ name, key });
    }
  });
  return clients;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$/;

export function validateEnv(raw: Raw): Env {
  const r = new Reader(raw);
  const debug = r.bool('DEBUG', false);
  const clusterNodes = r.list('REDIS_CLUSTER_NODES', []);
  for (const node of clusterNodes) {
    if (!HOST_PORT.test(node))
      r.problems.push(`REDIS_CLUSTER_NODES entry "${node}" must be host:port`);
  }
  const env: Env = {
    NODE_ENV: r.string('NODE_ENV', 'development'),
    PORT: r.int('PORT', 8000, 0, 65535),
    HOST: r.string('HOST', '0.0.0.0'),
    CORS_ORIGINS: r.list('CORS_ORIGINS', ['http://localhost:3000', 'http://localhost:5173']),
    ADMIN_API_KEY: r.optionalString('ADMIN_API_KEY'),
    TRUST_PROXY: r.bool('TRUST_PROXY', false),
    LOG_LEVEL: r.oneOf('LOG_LEVEL', debug ? 'debug' : 'info', LOG_LEVELS),
    LOG_PRETTY: r.bool('LOG_PRETTY', debug),
    BODY_LIMIT_BYTES: r.int('BODY_LIMIT_BYTES', 32 * 1024, 1024, 10 * 1024 * 1024),
    SHUTDOWN_TIMEOUT_MS: r.int('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 120_000),
    SERVER_HEADERS_TIMEOUT_MS: r.int('SERVER_HEADERS_TIMEOUT_MS', 10_000, 1_000, 300_000),
    SERVER_REQUEST_TIMEOUT_MS: r.int('SERVER_REQUEST_TIMEOUT_MS', 30_000, 1_000, 300_000),
    SERVER_KEEP_ALIVE_TIMEOUT_MS: r.int('SERVER_KEEP_ALIVE_TIMEOUT_MS', 65_000, 1_000, 600_000),
    REQUEST_TIMEOUT_MS: r.int('REQUEST_TIMEOUT_MS', 15_000, 100, 300_000),
    ANALYZE_TIMEOUT_MS: r.int('ANALYZE_TIMEOUT_MS', 25_000, 100, 300_000),
    CLIENT_API_KEYS: clientApiKeys(r),
    CLIENT_DAILY_UNIT_BUDGET: r.optionalInt('CLIENT_DAILY_UNIT_BUDGET', 0),

    ENSEMBLE_API_TOKEN: r.optionalString('ENSEMBLE_API_TOKEN'),
    ENSEMBLE_BASE_URL: r.url('ENSEMBLE_BASE_URL', 'https://ensembledata.com/apis', [
      'http:',
      'https:',
    ])!,
    ENSEMBLE_TIMEOUT_MS: r.int('ENSEMBLE_TIMEOUT_MS', 30_000, 100, 300_000),
    ENSEMBLE_MAX_RETRIES: r.int('ENSEMBLE_MAX_RETRIES', 3, 0, 10),
    ENSEMBLE_RETRY_BASE_MS: r.int('ENSEMBLE_RETRY_BASE_MS', 300, 1, 60_000),
    ENSEMBLE_RETRY_BUDGET_MS: r.int('ENSEMBLE_RETRY_BUDGET_MS', 60_000, 100, 600_000),
    ENSEMBLE_DAILY_UNIT_BUDGET: r.optionalInt('ENSEMBLE_DAILY_UNIT_BUDGET', 0),
    UPSTREAM_BREAKER_THRESHOLD: r.int('UPSTREAM_BREAKER_THRESHOLD', 5, 1, 1000),
    UPSTREAM_BREAKER_COOLDOWN_MS: r.int('UPSTREAM_BREAKER_COOLDOWN_MS', 30_000, 100, 3_600_000),

    OPENAI_API_KEY: r.optionalString('OPENAI_API_KEY'),
    OPENAI_BASE_URL: r.url('OPENAI_BASE_URL', undefined, ['http:', 'https:']),
    OPENAI_MODEL: r.string('OPENAI_MODEL', 'gpt-4o-mini'),
    OPENAI_TIMEOUT_MS: r.int('OPENAI_TIMEOUT_MS', 20_000, 100, 300_000),
    OPENAI_MAX_RETRIES: r.int('OPENAI_MAX_RETRIES', 2, 0, 10),

    REDIS_URL: r.url('REDIS_URL', undefined, ['redis:', 'rediss:']),
    REDIS_CLUSTER_NODES: clusterNodes,
    REDIS_OPERATION_TIMEOUT_MS: r.int('REDIS_OPERATION_TIMEOUT_MS', 250, 10, 10_000),
    REDIS_BREAKER_THRESHOLD: r.int('REDIS_BREAKER_THRESHOLD', 3, 1, 1000),
    REDIS_BREAKER_COOLDOWN_MS: r.int('REDIS_BREAKER_COOLDOWN_MS', 5_000, 100, 600_000),

    CACHE_PROFILE_TTL: r.int('CACHE_PROFILE_TTL', 1800, 0),
    CACHE_POSTS_TTL: r.int('CACHE_POSTS_TTL', 900, 0),
    CACHE_HASHTAG_TTL: r.int(r.firstSet('CACHE_HASHTAG_TTL', 'CACHE_TRENDS_TTL'), 300, 0),
    CACHE_USERS_TTL: r.int('CACHE_USERS_TTL', 900, 0),
    CACHE_ANALYSIS_TTL: r.int('CACHE_ANALYSIS_TTL', 300, 0),
    CACHE_NEGATIVE_TTL: r.int('CACHE_NEGATIVE_TTL', 300, 0),
    CACHE_PARTIAL_TTL: r.int('CACHE_PARTIAL_TTL', 60, 0),
    CACHE_MEMORY_MAX_ENTRIES: r.int('CACHE_MEMORY_MAX_ENTRIES', 10_000, 1, 10_000_000),
    CACHE_MEMORY_MAX_MB: r.int('CACHE_MEMORY_MAX_MB', 16, 1, 64 * 1024),

    MAX_REQUESTS_PER_MINUTE: r.int('MAX_REQUESTS_PER_MINUTE', 60, 1, 1_000_000),
    ANALYZE_REQUESTS_PER_MINUTE: r.int('ANALYZE_REQUESTS_PER_MINUTE', 10, 1, 1_000_000),
    MIN_VIEWS: r.int('MIN_VIEWS', 1000, 0),
    TREND_WINDOW_DAYS: r.int('TREND_WINDOW_DAYS', 7, 1, 180),
    HASHTAG_SEARCH_CONCURRENCY: r.int('HASHTAG_SEARCH_CONCURRENCY', 5, 1, 20),
    ANALYZE_SEARCH_PAGES: r.int('ANALYZE_SEARCH_PAGES', 1, 1, 3),

    DATABASE_URL: r.url('DATABASE_URL', undefined, ['postgres:', 'postgresql:']),
    DATA_DIR: r.string('DATA_DIR', './data'),
    HISTORY_ENABLED: r.bool('HISTORY_ENABLED', true),
    HISTORY_RETENTION_DAYS: r.int('HISTORY_RETENTION_DAYS', 90, 1, 36_500),
    HISTORY_OBSERVATION_INTERVAL_S: r.int('HISTORY_OBSERVATION_INTERVAL_S', 600, 0, 86_400),
    HISTORY_VELOCITY_MIN_GAP_S: r.int('HISTORY_VELOCITY_MIN_GAP_S', 900, 1, 172_800),

    APP_ROLE: r.oneOf('APP_ROLE', 'all', APP_ROLES),
    WATCHLIST_MIN_INTERVAL_MINUTES: r.int(
      'WATCHLIST_MIN_INTERVAL_MINUTES',
      15,
      1,
      WATCHLIST_MAX_INTERVAL_MINUTES,
    ),
    WORKER_CONCURRENCY: r.int('WORKER_CONCURRENCY', 2, 1, 100),
    WORKER_ANALYSES_PER_MINUTE: r.int('WORKER_ANALYSES_PER_MINUTE', 30, 1, 100_000),
    WORKER_STALLED_TIMEOUT_MS: r.int('WORKER_STALLED_TIMEOUT_MS', 30_000, 1000, 600_000),
    WEBHOOK_RETRY_BASE_MS: r.int('WEBHOOK_RETRY_BASE_MS', 2000, 1, 3_600_000),
    WEBHOOK_TIMEOUT_MS: r.int('WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
    WEBHOOK_MAX_ATTEMPTS: r.int('WEBHOOK_MAX_ATTEMPTS', 6, 1, 20),
    WEBHOOK_ALLOW_PRIVATE: r.bool('WEBHOOK_ALLOW_PRIVATE', false),
  };
  if (env.SERVER_HEADERS_TIMEOUT_MS > env.SERVER_REQUEST_TIMEOUT_MS) {
    r.problems.push('SERVER_HEADERS_TIMEOUT_MS must not exceed SERVER_REQUEST_TIMEOUT_MS');
  }
  if (r.problems.length > 0) throw new EnvValidationError(r.problems);
  return env;
}
