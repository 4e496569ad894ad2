import type { NestExpressApplication } from '@nestjs/platform-express';
import { ErrorCode } from '../../src/common/errors/error-code.enum';
import { ReadinessState } from '../../src/health/readiness.state';
import { createTestApp } from '../support/test-app';
import { expectErrorEnvelope } from '../support/tiktok/error-envelope';
import { getPath } from '../support/http';

/** Readiness follows the shutdown signal while liveness stays up (the process still runs). */
describe('readiness while shutting down', () => {
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await createTestApp());
  });

  afterAll(async () => {
    await app?.close();
  });

  it('is ready after bootstrap', async () => {
    const res = await getPath(url, '/health/ready');
    expect({ status: res.status, body: res.body }).toEqual({
      status: 200,
      body: { status: 'ready', cache: 'memory' },
    });
  });

  it('answers 503 SERVICE_UNAVAILABLE in the envelope once marked shutting down, live stays 200', async () => {
    app.get(ReadinessState).markShuttingDown();
    const ready = await getPath(url, '/health/ready');
    expectErrorEnvelope(ready, 503, ErrorCode.SERVICE_UNAVAILABLE);
    const live = await getPath(url, '/health/live');
    expect({ status: live.status, body: live.body }).toEqual({
      status: 200,
      body: { status: 'ok' },
    });
    // Repeated probes keep the answer stable.
    expect((await getPath(url, '/health/ready')).status).toBe(503);
  });
});
