import type { FactoryProvider } from '@nestjs/common';
import { WATCHLIST_MAX_INTERVAL_MINUTES, type Env } from './env.schema';

/** The environment, validated once per application (see ConfigurationModule). */
export const VALIDATED_ENV = Symbol('VALIDATED_ENV');

/** A typed slice of the validated environment, injected with `@Inject(xConfig.KEY)`. */
export interface ConfigNamespace<T> {
  readonly KEY: string;
  readonly read: (e: Env) => T;
  readonly provider: FactoryProvider<T>;
}

export type ConfigOf<N> = N extends ConfigNamespace<infer T> ? T : never;

function namespace<T>(name: string, read: (e: Env) => T): ConfigNamespace<T> {
  const KEY = `CONFIGURATION(${name})`;
  return { KEY, read, provider: { provide: KEY, inject: [VALIDATED_ENV], useFactory: read } };
}

export const appConfig = namespace('app', (e) => ({
  nodeEnv: e.NODE_ENV,
  port: e.PORT,
  host: e.HOST,
  corsOrigins: e.CORS_ORIGINS,
  adminApiKey: e.ADMIN_API_KEY,
  trustProxy: e.TRUST_PROXY,
  logLevel: e.LOG_LEVEL,
  logPretty: e.LOG_PRETTY,
  bodyLimitBytes: e.BODY_LIMIT_BYTES,
  shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
}));

export const ensembleConfig = namespace('ensemble', (e) => ({
  token: e.ENSEMBLE_API_TOKEN,
  baseUrl: e.ENSEMBLE_BASE_URL,
  timeoutMs: e.ENSEMBLE_TIMEOUT_MS,
  maxRetries: e.ENSEMBLE_MAX_RETRIES,
  retryBaseMs: e.ENSEMBLE_RETRY_BASE_MS,
  retryBudgetMs: e.ENSEMBLE_RETRY_BUDGET_MS,
  mode: e.ENSEMBLE_API_TOKEN ? ('live' as const) : ('demo' as const),
}));

export const openaiConfig = namespace('openai', (e) => ({
  apiKey: e.OPENAI_API_KEY,
  baseUrl: e.OPENAI_BASE_URL,
  model: e.OPENAI_MODEL,
  timeoutMs: e.OPENAI_TIMEOUT_MS,
  maxRetries: e.OPENAI_MAX_RETRIES,
  mode: e.OPENAI_API_KEY ? ('openai' as const) : ('local' as const),
}));

export const redisConfig = namespace('redis', (e) => ({
  url: e.REDIS_URL,
  clusterNodes: e.REDIS_CLUSTER_NODES,
  operationTimeoutMs: e.REDIS_OPERATION_TIMEOUT_MS,
}));

export const cacheConfig = namespace('cache', (e) => ({
  /** Where cached upstream data comes from: demo entries are keyed apart from live ones. */
  source: e.ENSEMBLE_API_TOKEN ? ('live' as const) : ('demo' as const),
  ttlSeconds: {
    profile: e.CACHE_PROFILE_TTL,
    posts: e.CACHE_POSTS_TTL,
    hashtag: e.CACHE_HASHTAG_TTL,
    users: e.CACHE_USERS_TTL,
    analysis: e.CACHE_ANALYSIS_TTL,
  },
  negativeTtlSeconds: e.CACHE_NEGATIVE_TTL,
  /** A partial analysis (a search failed or missed the deadline) is kept at most this long. */
  partialTtlSeconds: e.CACHE_PARTIAL_TTL,
  memory: { maxEntries: e.CACHE_MEMORY_MAX_ENTRIES, maxBytes: e.CACHE_MEMORY_MAX_MB * 1024 * 1024 },
}));

export const limitsConfig = namespace('limits', (e) => ({
  requestsPerMinute: e.MAX_REQUESTS_PER_MINUTE,
  analyzeRequestsPerMinute: e.ANALYZE_REQUESTS_PER_MINUTE,
  minViews: e.MIN_VIEWS,
  trendWindowDays: e.TREND_WINDOW_DAYS,
  hashtagSearchConcurrency: e.HASHTAG_SEARCH_CONCURRENCY,
  analyzeSearchPages: e.ANALYZE_SEARCH_PAGES,
}));

/** Node's HTTP server limits: slow or stalled clients cannot hold sockets. */
export const serverConfig = namespace('server', (e) => ({
  headersTimeoutMs: e.SERVER_HEADERS_TIMEOUT_MS,
  requestTimeoutMs: e.SERVER_REQUEST_TIMEOUT_MS,
  keepAliveTimeoutMs: e.SERVER_KEEP_ALIVE_TIMEOUT_MS,
}));

/** Deadlines per request and the circuit breakers in front of every dependency. */
export const resilienceConfig = namespace('resilience', (e) => ({
  requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
  analyzeTimeoutMs: e.ANALYZE_TIMEOUT_MS,
  upstreamBreaker: {
    threshold: e.UPSTREAM_BREAKER_THRESHOLD,
    cooldownMs: e.UPSTREAM_BREAKER_COOLDOWN_MS,
  },
  redisBreaker: { threshold: e.REDIS_BREAKER_THRESHOLD, cooldownMs: e.REDIS_BREAKER_COOLDOWN_MS },
}));

/** Who may call the API and how many Ensemble units a day they (and everyone) may spend. */
export const clientsConfig = namespace('clients', (e) => ({
  apiKeys: e.CLIENT_API_KEYS,
  clientDailyUnitBudget: e.CLIENT_DAILY_UNIT_BUDGET,
  ensembleDailyUnitBudget: e.ENSEMBLE_DAILY_UNIT_BUDGET,
}));

export const databaseConfig = namespace('database', (e) => ({
  /** False: no database is opened and the history endpoints answer 503. */
  enabled: e.HISTORY_ENABLED,
  url: e.DATABASE_URL,
  dataDir: e.DATA_DIR,
  driver: e.DATABASE_URL ? ('postgres' as const) : ('embedded' as const),
  /** The password inside DATABASE_URL, so the logs can redact it. */
  password: e.DATABASE_URL ? urlPassword(e.DATABASE_URL) : undefined,
}));

function urlPassword(url: string): string | undefined {
  const raw = new URL(url).password;
  try {
    return decodeURIComponent(raw) || undefined;
  } catch {
    return raw || undefined;
  }
}

export const historyConfig = namespace('history', (e) => ({
  retentionDays: e.HISTORY_RETENTION_DAYS,
  observationIntervalSeconds: e.HISTORY_OBSERVATION_INTERVAL_S,
  velocityMinGapSeconds: e.HISTORY_VELOCITY_MIN_GAP_S,
}));

export const watchlistsConfig = namespace('watchlists', (e) => ({
  role: e.APP_ROLE,
  /** BullMQ needs a single Redis: without REDIS_URL the watchlist routes answer 503. */
  enabled: e.REDIS_URL !== undefined,
  /** Where the queue connections go (QueueConnections creates and owns them). */
  redisUrl: e.REDIS_URL,
  minIntervalMinutes: e.WATCHLIST_MIN_INTERVAL_MINUTES,
  maxIntervalMinutes: WATCHLIST_MAX_INTERVAL_MINUTES,
  workerConcurrency: e.WORKER_CONCURRENCY,
  analysesPerMinute: e.WORKER_ANALYSES_PER_MINUTE,
  /** A job whose worker stopped renewing its lock this long ago is taken over by another. */
  stalledTimeoutMs: e.WORKER_STALLED_TIMEOUT_MS,
  webhook: {
    retryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
    timeoutMs: e.WEBHOOK_TIMEOUT_MS,
    maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
    allowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
  },
}));

export type AppConfig = ConfigOf<typeof appConfig>;
export type EnsembleConfig = ConfigOf<typeof ensembleConfig>;
export type OpenAiConfig = ConfigOf<typeof openaiConfig>;
export type RedisConfig = ConfigOf<typeof redisConfig>;
export type CacheConfig = ConfigOf<typeof cacheConfig>;
export type LimitsConfig = ConfigOf<typeof limitsConfig>;
export type ServerConfig = ConfigOf<typeof serverConfig>;
export type ResilienceConfig = ConfigOf<typeof resilienceConfig>;
export type ClientsConfig = ConfigOf<typeof clientsConfig>;
export type DatabaseConfig = ConfigOf<typeof databaseConfig>;
export type HistoryConfig = ConfigOf<typeof historyConfig>;
export type WatchlistsConfig = ConfigOf<typeof watchlistsConfig>;

export const ALL_CONFIGS: ConfigNamespace<unknown>[] = [
  appConfig,
  ensembleConfig,
  openaiConfig,
  redisConfig,
  cacheConfig,
  limitsConfig,
  serverConfig,
  resilienceConfig,
  clientsConfig,
  databaseConfig,
  historyConfig,
  watchlistsConfig,
];
