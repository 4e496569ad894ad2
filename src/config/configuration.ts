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
    analyzeSearchPages: e.ANALYZE_SEARCH_PAGES,
  };
});

export type AppConfig = ConfigType<typeof appConfig>;
export type EnsembleConfig = ConfigType<typeof ensembleConfig>;
export type OpenAiConfig = ConfigType<typeof openaiConfig>;
export type RedisConfig = ConfigType<typeof redisConfig>;
export type CacheConfig = ConfigType<typeof cacheConfig>;
export type LimitsConfig = ConfigType<typeof limitsConfig>;

export const ALL_CONFIGS = [
  appConfig,
  ensembleConfig,
  openaiConfig,
  redisConfig,
  cacheConfig,
  limitsConfig,
];
