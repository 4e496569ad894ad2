import { setTimeout as sleep } from 'node:timers/promises';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode } from '../../src/common/errors/error-code.enum';
import { startFakeEnsemble, type FakeEnsemble } from '../fakes/fake-ensemble.server';
import { fakeReply, startFakeOpenAi, type FakeOpenAi } from '../fakes/fake-openai.server';
import { startRedis, type RedisInstance } from '../support/redis-harness';
import { createTestApp } from '../support/test-app';
import { getPath, postJson } from '../support/http';
import { healthBody } from '../support/health/health-body';

/**
 * GET /health: the seed-compatible report (shape, version, modes) and how it reacts to the
 * outside world — Redis gone (degraded, still ready), Ensemble refusing the token (unhealthy,
 * 503), OpenAI failing (degraded) — without ever calling an upstream itself or showing a secret.
 */

const PACKAGE_VERSION = (
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;
const OPENAI_KEY = 'sk-health-e2e-0a1b2c3d4e5f6a7b8c9d';
const FAST_LIMITS = { MAX_REQUESTS_PER_MINUTE: '100000', ANALYZE_REQUESTS_PER_MINUTE: '100000' };

describe('GET /health in demo mode with the local extractor', () => {
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await createTestApp(FAST_LIMITS));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('has the seed shape: status, ISO timestamp, package version, services, mode, details', async () => {
    const res = await getPath(url, '/health');
    expect(res.status).toBe(200);
    const body = healthBody(res);
    expect(Object.keys(body).sort()).toEqual(
      ['details', 'mode', 'services', 'status', 'timestamp', 'version'].sort(),
    );
    expect(new Date(body.timestamp).toISOString()).toBe(body.timestamp);
    expect(body.version).toBe(PACKAGE_VERSION);
    expect(Object.keys(body.services).sort()).toEqual([
      'cache',
      'database',
      'ensemble_api',
      'openai_api',
    ]);
    expect(Object.keys(body.mode).sort()).toEqual(['ai', 'tiktok']);
  });

  it('reports demo data, the local extractor and the memory cache, all healthy', async () => {
    const body = healthBody(await getPath(url, '/health'));
    expect(body).toMatchObject({
      status: 'healthy',
      services: { cache: 'memory', ensemble_api: 'demo', openai_api: 'local' },
      mode: { tiktok: 'demo', ai: 'local' },
      details: {
        cache: { status: 'up', backend: 'memory' },
        ensemble_api: { status: 'up', mode: 'demo' },
        openai_api: { status: 'up', mode: 'local' },
      },
    });
  });

  it('liveness and readiness answer too', async () => {
    const live = await getPath(url, '/health/live');
    expect({ status: live.status, body: live.body }).toEqual({
      status: 200,
      body: { status: 'ok' },
    });
    const ready = await getPath(url, '/health/ready');
    expect({ status: ready.status, body: ready.body }).toEqual({
      status: 200,
      body: { status: 'ready', cache: 'memory' },
    });
  });
});

describe('GET /health with a Redis that dies', () => {
  let redis: RedisInstance;
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    redis = await startRedis();
    ({ app, url } = await createTestApp({
      ...FAST_LIMITS,
      REDIS_URL: redis.url,
      REDIS_OPERATION_TIMEOUT_MS: '200',
    }));
  });

  afterAll(async () => {
    await app?.close();
    await redis?.stop();
  });

  it('is healthy with the cache connected while Redis runs', async () => {
    const body = healthBody(await getPath(url, '/health'));
    expect(body).toMatchObject({
      status: 'healthy',
      services: { cache: 'connected' },
      details: { cache: { status: 'up', backend: 'redis' } },
    });
    const ready = await getPath(url, '/health/ready');
    expect(ready.body).toEqual({ status: 'ready', cache: 'connected' });
  });

  it('turns degraded with the cache disconnected once Redis is killed, and stays ready', async () => {
    await redis.kill();
    const res = await getPath(url, '/health');
    expect(res.status).toBe(200);
    expect(healthBody(res)).toMatchObject({
      status: 'degraded',
      services: { cache: 'disconnected', ensemble_api: 'demo', openai_api: 'local' },
      details: { cache: { status: 'down', backend: 'redis' } },
    });
    const ready = await getPath(url, '/health/ready');
    expect({ status: ready.status, body: ready.body }).toEqual({
      status: 200,
      body: { status: 'ready', cache: 'disconnected' },
    });
    expect((await getPath(url, '/health/live')).status).toBe(200);
    // Still serving without its cache.
    const profile = await postJson(url, '/api/v1/profile', { username: 'demo_cooking_carlos' });
    expect(profile.status).toBe(200);
  });
});

describe('GET /health in live mode against the fakes', () => {
  let ensemble: FakeEnsemble;
  let openai: FakeOpenAi;
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    ensemble = await startFakeEnsemble();
    openai = await startFakeOpenAi();
    ({ app, url } = await createTestApp({
      ...FAST_LIMITS,
      ENSEMBLE_API_TOKEN: ensemble.token,
      ENSEMBLE_BASE_URL: ensemble.url,
      ENSEMBLE_MAX_RETRIES: '0',
      ENSEMBLE_TIMEOUT_MS: '1000',
      OPENAI_API_KEY: OPENAI_KEY,
      OPENAI_BASE_URL: openai.url,
      OPENAI_MAX_RETRIES: '0',
      OPENAI_TIMEOUT_MS: '1000',
      UPSTREAM_BREAKER_THRESHOLD: '3',
      UPSTREAM_BREAKER_COOLDOWN_MS: '300',
    }));
  });

  afterAll(async () => {
    await app?.close();
    await ensemble?.close();
    await openai?.close();
  });

  const expectNoSecrets = (text: string) => {
    expect(text).not.toContain(ensemble.token);
    expect(text).not.toContain(OPENAI_KEY);
  };

  it('reports live data and the LLM as configured, without calling either', async () => {
    const res = await getPath(url, '/health');
    expect(res.status).toBe(200);
    expect(healthBody(res)).toMatchObject({
      status: 'healthy',
      services: { cache: 'memory', ensemble_api: 'live', openai_api: 'configured' },
      mode: { tiktok: 'live', ai: 'openai' },
    });
    expect(ensemble.calls).toEqual([]);
    expect(openai.requests).toEqual([]);
    expectNoSecrets(res.text);
  });

  it.each([
    [491, 'veganvibes'],
    [495, 'grillmaster_joe'],
  ])(
    'after Ensemble answers %i to a profile request: unhealthy (503), ensemble_api unauthorized',
    async (status, nextUser) => {
      ensemble.enqueue('/tt/user/info', { status, body: { detail: 'account problem' } });
      const profile = await postJson(url, '/api/v1/profile', { username: 'chefmaya' });
      expect(profile.status).toBe(503);

      const res = await getPath(url, '/health');
      expect(res.status).toBe(503);
      const body = healthBody(res);
      expect(body).toMatchObject({
        status: 'unhealthy',
        services: { ensemble_api: 'unauthorized' },
        mode: { tiktok: 'live' },
        details: { ensemble_api: { status: 'down' } },
      });
      // The report itself, not an error envelope.
      expect(Object.keys(body)).toContain('services');
      expect(JSON.stringify(body.details.ensemble_api)).toMatch(
        status === 491 ? ErrorCode.UPSTREAM_AUTH : ErrorCode.UPSTREAM_QUOTA_EXCEEDED,
      );
      expectNoSecrets(res.text);
      // Liveness and readiness are about this process, not about the provider account.
      expect((await getPath(url, '/health/live')).status).toBe(200);
      expect((await getPath(url, '/health/ready')).status).toBe(200);

      // The next successful call (of a profile not cached yet) clears it.
      expect((await postJson(url, '/api/v1/profile', { username: nextUser })).status).toBe(200);
      expect(healthBody(await getPath(url, '/health'))).toMatchObject({
        status: 'healthy',
        services: { ensemble_api: 'live' },
      });
    },
  );

  it('after one transient Ensemble failure: still healthy, no flapping on a single call', async () => {
    ensemble.enqueue('/tt/user/info', { status: 500, body: { detail: 'boom' } });
    const profile = await postJson(url, '/api/v1/profile', { username: 'tinykitchen' });
    expect(profile.status).toBe(502);
    expect(healthBody(await getPath(url, '/health'))).toMatchObject({
      status: 'healthy',
      services: { ensemble_api: 'live' },
    });
    expect((await postJson(url, '/api/v1/profile', { username: 'tinykitchen' })).status).toBe(200);
  });

  it('after repeated Ensemble failures: degraded (200), ensemble_api failing, until calls succeed again', async () => {
    for (const username of ['brandfoods', 'dancequeen', 'secretcook']) {
      ensemble.enqueue('/tt/user/info', { status: 500, body: { detail: 'boom' } });
      expect((await postJson(url, '/api/v1/profile', { username })).status).toBe(502);
    }
    const res = await getPath(url, '/health');
    expect(res.status).toBe(200);
    expect(healthBody(res)).toMatchObject({
      status: 'degraded',
      services: { ensemble_api: 'failing' },
      details: {
        ensemble_api: {
          status: 'down',
          breakers: [expect.objectContaining({ name: 'ensemble:/tt/user/info', state: 'open' })],
        },
      },
    });
    // After the breaker's cool-down a probe succeeds, and more successes outweigh the failures.
    await sleep(350);
    for (const username of ['brandfoods', 'dancequeen', 'secretcook', 'veganvibes']) {
      expect((await postJson(url, '/api/v1/profile', { username })).status).toBe(200);
    }
    expect(healthBody(await getPath(url, '/health'))).toMatchObject({
      services: { ensemble_api: 'live' },
    });
  });

  it('after OpenAI fails during an analysis: degraded (200), openai_api failing', async () => {
    openai.setDefault(fakeReply.serverError(500));
    try {
      // Three analyses (three creators, so none is cached): three failed LLM calls in a row.
      for (const profile_url of ['chefmaya', 'veganvibes', 'tinykitchen']) {
        const analyze = await postJson(url, '/api/v1/analyze', { profile_url });
        // The analysis itself falls back to the local extractor.
        expect(analyze.status).toBe(200);
      }
      expect(openai.requests.length).toBeGreaterThanOrEqual(3);

      const res = await getPath(url, '/health');
      expect(res.status).toBe(200);
      expect(healthBody(res)).toMatchObject({
        status: 'degraded',
        services: { openai_api: 'failing', ensemble_api: 'live' },
        mode: { ai: 'openai' },
        details: { openai_api: { status: 'down' } },
      });
      expectNoSecrets(res.text);
    } finally {
      openai.reset();
    }
  });
});
