import { ConfigType, registerAs } from '@nestjs/config';
import { validateEnv } from './env.schema';

/*
 * Each namespace re-validates process.env (cheap, pure) so the typed values never drift from
 * the schema; ConfigModule.validate has already refused to boot on invalid input.
 */
export const validateProcessEnv = () => validateEnv(process.env);
const env = validateProcessEnv;

export const appConfig = registerAs('app', () => {
  const e = env();
  return {
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
  };
});

/** Node's HTTP server limits: slow or stalled clients cannot hold sockets. */
export const serverConfig = registerAs('server', () => {
  const e = env();
  return {
    headersTimeoutMs: e.SERVER_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: e.SERVER_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: e.SERVER_KEEP_ALIVE_TIMEOUT_MS,
  };
});

/** Deadlines per request and the circuit breakers in front of every dependency. */
export const resilienceConfig = registerAs('resilience', () => {
  const e = env();
  return {
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    analyzeTimeoutMs: e.ANALYZE_TIMEOUT_MS,
    upstreamBreaker: {
      threshold: e.UPSTREAM_BREAKER_THRESHOLD,
      cooldownMs: e.UPSTREAM_BREAKER_COOLDOWN_MS,
    },
    redisBreaker: { threshold: e.REDIS_BREAKER_THRESHOLD, cooldownMs: e.REDIS_BREAKER_COOLDOWN_MS },
  };
});

/** Who may call the API and how many Ensemble units a day they (and everyone) may spend. */
export const clientsConfig = registerAs('clients', () => {
  const e = env();
  return {
    apiKeys: e.CLIENT_API_KEYS,
    clientDailyUnitBudget: e.CLIENT_DAILY_UNIT_BUDGET,
    ensembleDailyUnitBudget: e.ENSEMBLE_DAILY_UNIT_BUDGET,
  };
});

export const ensembleConfig = registerAs('ensemble', () => {
  const e = env();
  return {
    token: e.ENSEMBLE_API_TOKEN,
    baseUrl: e.ENSEMBLE_BASE_URL,
    timeoutMs: e.ENSEMBLE_TIMEOUT_MS,
    maxRetries: e.ENSEMBLE_MAX_RETRIES,
    retryBaseMs: e.ENSEMBLE_RETRY_BASE_MS,
    retryBudgetMs: e.ENSEMBLE_RETRY_BUDGET_MS,
    mode: e.ENSEMBLE_API_TOKEN ? ('live' as const) : ('demo' as const),
  };
});

export const openaiConfig = registerAs('openai', () => {
  const e = env();
  return {
    apiKey: e.OPENAI_API_KEY,
    baseUrl: e.OPENAI_BASE_URL,
    model: e.OPENAI_MODEL,
    timeoutMs: e.OPENAI_TIMEOUT_MS,
    maxRetries: e.OPENAI_MAX_RETRIES,
    mode: e.OPENAI_API_KEY ? ('openai' as const) : ('local' as const),
  };
});

export const redisConfig = registerAs('redis', () => {
  const e = env();
  return {
    url: e.REDIS_URL,
    clusterNodes: e.REDIS_CLUSTER_NODES,
    operationTimeoutMs: e.REDIS_OPERATION_TIMEOUT_MS,
  };
});

export const cacheConfig = registerAs('cache', () => {
  const e = env();
  return {
    keyPrefix: 'trendxl:v2:',
    ttlSeconds: {
      profile: e.CACHE_PROFILE_TTL,
      posts: e.CACHE_POSTS_TTL,
      hashtag: e.CACHE_TRENDS_TTL,
      users: e.CACHE_USERS_TTL,
      analysis: e.CACHE_ANALYSIS_TTL,
    },
    negativeTtlSeconds: e.CACHE_NEGATIVE_TTL,
    memory: {
      maxEntries: e.CACHE_MEMORY_MAX_ENTRIES,
      maxBytes: e.CACHE_MEMORY_MAX_MB * 1024 * 1024,
    },
  };
});

export const limitsConfig = registerAs('limits', () => {
  const e = env();
  return {
    requestsPerMinute: e.MAX_REQUESTS_PER_MINUTE,
    analyzeRequestsPerMinute: e.ANALYZE_REQUESTS_PER_MINUTE,
    minViews: e.MIN_VIEWS,
    trendWindowDays: e.TREND_WINDOW_DAYS,
    hashtagSearchConcurrency: e.HASHTAG_SEARCH_CONCURRENCY,
  };
});

export type AppConfig = ConfigType<typeof appConfig>;
export type EnsembleConfig = ConfigType<typeof ensembleConfig>;
export type OpenAiConfig = ConfigType<typeof openaiConfig>;
export type RedisConfig = ConfigType<typeof redisConfig>;
export type CacheConfig = ConfigType<typeof cacheConfig>;
export type LimitsConfig = ConfigType<typeof limitsConfig>;
export type ServerConfig = ConfigType<typeof serverConfig>;
export type ResilienceConfig = ConfigType<typeof resilienceConfig>;
export type ClientsConfig = ConfigType<typeof clientsConfig>;

export const ALL_CONFIGS = [
  appConfig,
  ensembleConfig,
  openaiConfig,
  redisConfig,
  cacheConfig,
  limitsConfig,
  serverConfig,
  resilienceConfig,
  clientsConfig,
];
