import { startLiveWorld, type LiveWorld } from '../../support/analyze/analyze-testing';
import { NO_CACHE } from '../../history/history-testing';
import { getPath, postJson, type HttpResult } from '../../support/http';
import { createTestDatabase, type TestDatabase } from '../../support/postgres-harness';
import { startRedis, type RedisInstance } from '../../support/redis-harness';
import { startWebhookReceiver, poll, type WebhookReceiver } from './webhook-receiver';

export interface RunView {
  id: string;
  trigger: 'schedule' | 'manual';
  status: string;
  creators: {
    username: string;
    analysis_id: string | null;
    new_trends: number;
    error_code: string | null;
    error: string | null;
  }[];
}

export interface DeliveryView {
  delivery_id: string;
  run_id: string;
  attempt: number;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

/**
 * What the watchlist suites share: the fake Ensemble (live mode, local hashtag extractor), their
 * own redis-server, a fresh PostgreSQL database and a loopback webhook receiver.
 */
export interface WatchlistWorld {
  live: LiveWorld;
  redis: RedisInstance;
  database: TestDatabase;
  receiver: WebhookReceiver;
  env(overrides?: Record<string, string | undefined>): Record<string, string | undefined>;
  close(): Promise<void>;
}

export async function startWatchlistWorld(): Promise<WatchlistWorld> {
  const [live, redis, database, receiver] = await Promise.all([
    startLiveWorld(),
    startRedis(),
    createTestDatabase(),
    startWebhookReceiver(),
  ]);
  return {
    live,
    redis,
    database,
    receiver,
    env: (overrides = {}) =>
      live.env({
        OPENAI_API_KEY: undefined,
        REDIS_URL: redis.url,
        HISTORY_ENABLED: 'true',
        DATABASE_URL: database.url,
        ...NO_CACHE,
        // The receiver listens on 127.0.0.1.
        WEBHOOK_ALLOW_PRIVATE: 'true',
        WEBHOOK_RETRY_BASE_MS: '50',
        WORKER_ANALYSES_PER_MINUTE: '100000',
        ...overrides,
      }),
    close: async () => {
      await Promise.all([live.close(), redis.stop(), receiver.close()]);
      await database.drop();
    },
  };
}

export async function createWatchlist(
  url: string,
  body: Record<string, unknown>,
): Promise<{ id: string; webhook_secret: string }> {
  const res = await postJson(url, '/api/v1/watchlists', body);
  if (res.status !== 201) throw new Error(`expected 201, got ${res.status}: ${res.text}`);
  return res.body as { id: string; webhook_secret: string };
}

export async function runNow(url: string, id: string): Promise<string> {
  const res = await postJson(url, `/api/v1/watchlists/${id}/run`, {});
  if (res.status !== 202) throw new Error(`expected 202, got ${res.status}: ${res.text}`);
  return (res.body as { run_id: string }).run_id;
}

export async function listRuns(url: string, id: string, query = ''): Promise<RunView[]> {
  const res = await getPath(url, `/api/v1/watchlists/${id}/runs${query}`);
  expectStatus(res, 200);
  return (res.body as { runs: RunView[] }).runs;
}

export async function listDeliveries(url: string, id: string): Promise<DeliveryView[]> {
  const res = await getPath(url, `/api/v1/watchlists/${id}/deliveries`);
  expectStatus(res, 200);
  return (res.body as { deliveries: DeliveryView[] }).deliveries;
}

/** Waits until the watchlist has at least `count` runs (scheduled runs appear when a worker takes them). */
export async function waitForRuns(
  url: string,
  id: string,
  count: number,
  timeoutMs = 45_000,
): Promise<RunView[]> {
  let runs: RunView[] = [];
  await poll(
    async () => (runs = await listRuns(url, id, '?limit=100')).length >= count,
    timeoutMs,
    `${count} runs of ${id}`,
  );
  return runs;
}

/** Waits until the run is completed (or failed) and returns it. */
export async function waitForRun(
  url: string,
  id: string,
  runId: string,
  timeoutMs = 45_000,
): Promise<RunView> {
  let run: RunView | undefined;
  await poll(
    async () => {
      run = (await listRuns(url, id, '?limit=100')).find((r) => r.id === runId);
      return run?.status === 'completed' || run?.status === 'failed';
    },
    timeoutMs,
    `run ${runId}`,
  );
  return run!;
}

export function expectStatus(res: HttpResult, status: number): void {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
}
