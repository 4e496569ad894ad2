import type { NestExpressApplication } from '@nestjs/platform-express';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTrendxlClient } from '../../client';
import { createTestApp } from '../support/test-app';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

describe('typed client (client/)', () => {
  let app: NestExpressApplication | undefined;
  let url = '';

  beforeAll(async () => {
    ({ app, url } = await createTestApp());
  });

  afterAll(async () => {
    await app?.close();
  });

  it('the committed types are what the running service documents (else: npm run generate:client)', async () => {
    // The generator runs as its own process: openapi-typescript loads ESM that Jest cannot.
    const check = run(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        'scripts/generate-client.ts',
        '--url',
        url,
        '--check',
      ],
      { cwd: ROOT },
    );

    await expect(check).resolves.toMatchObject({
      stdout: expect.stringContaining('matches the OpenAPI document') as unknown,
    });
  });

  it('calls the service with typed requests and answers', async () => {
    const client = createTrendxlClient(url);

    const profile = await client.POST('/api/v1/profile', {
      body: { username: '@demo_cooking_carlos' },
    });
    expect(profile.response.status).toBe(200);
    expect(profile.data?.username).toBe('demo_cooking_carlos');

    const missing = await client.POST('/api/v1/profile', { body: { username: 'nobody_at_all' } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ code: 'NOT_FOUND' });

    const health = await client.GET('/health');
    expect(health.data?.mode.tiktok).toBe('demo');
  });

  it('leaves out what the API defaults: a body with only the required fields type-checks and is served', async () => {
    const client = createTrendxlClient(url);
    // These bodies would not compile if fields with a documented default were typed as required.
    const posts = await client.POST('/api/v1/posts', { body: { username: 'demo_cooking_carlos' } });
    expect(posts.response.status).toBe(200);
    expect(posts.data?.posts.length).toBeGreaterThan(0);
    const analysis = await client.POST('/api/v1/analyze', {
      body: { profile_url: 'demo_cooking_carlos' },
    });
    expect(analysis.response.status).toBe(200);
    expect(analysis.data?.trends.length).toBeGreaterThan(0);
  });
});
