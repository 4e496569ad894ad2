import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  startFakeEnsemble,
  type FakeEnsemble,
  type FakeEnsembleOptions,
} from '../../fakes/fake-ensemble.server';
import { createTestApp } from '../test-app';

export const TEST_ADMIN_KEY = 'tiktok-e2e-admin-key-0123456789';

/** The environment of a live-mode app pointed at the fake (fast retries, short timeout, no limits). */
export function liveEnv(
  fake: FakeEnsemble,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    ENSEMBLE_API_TOKEN: fake.token,
    ENSEMBLE_BASE_URL: fake.url,
    ENSEMBLE_RETRY_BASE_MS: '20',
    ENSEMBLE_TIMEOUT_MS: '500',
    MAX_REQUESTS_PER_MINUTE: '100000',
    ANALYZE_REQUESTS_PER_MINUTE: '100000',
    ...extra,
  };
}

export interface LiveApp {
  fake: FakeEnsemble;
  app: NestExpressApplication;
  url: string;
  /** Empties the app's cache (through the admin endpoint), so the next call reaches the fake. */
  clearCache(): Promise<void>;
  close(): Promise<void>;
}

/** A fake Ensemble plus the real AppModule in live mode against it. */
export async function startLiveApp(
  extraEnv: Record<string, string> = {},
  fakeOptions: FakeEnsembleOptions = {},
): Promise<LiveApp> {
  const fake = await startFakeEnsemble(fakeOptions);
  let started: Awaited<ReturnType<typeof createTestApp>>;
  try {
    started = await createTestApp(liveEnv(fake, { ADMIN_API_KEY: TEST_ADMIN_KEY, ...extraEnv }));
  } catch (error) {
    await fake.close();
    throw error;
  }
  const { app, url } = started;
  return {
    fake,
    app,
    url,
    clearCache: async () => {
      const res = await fetch(`${url}/api/v1/cache/clear`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': TEST_ADMIN_KEY },
        body: '{}',
      });
      if (res.status !== 200) throw new Error(`cache clear answered ${res.status}`);
    },
    close: async () => {
      await app.close();
      await fake.close();
    },
  };
}
