import type { NestExpressApplication } from '@nestjs/platform-express';
import { Socket } from 'node:net';
import { createTestApp } from '../support/test-app';

/** Writes `chunks` and then stalls; resolves with what the server sent before closing. */
function stallAfter(url: string, chunk: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString()));
    socket.once('error', reject);
    socket.once('close', () => resolve(received));
    socket.connect(Number(port), hostname, () => socket.write(chunk));
  });
}

describe('server timeouts: slow clients are cut off', () => {
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await createTestApp({
      SERVER_HEADERS_TIMEOUT_MS: '1000',
      SERVER_REQUEST_TIMEOUT_MS: '1500',
      SERVER_KEEP_ALIVE_TIMEOUT_MS: '70000',
    }));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('configures the HTTP server from the environment', () => {
    const server = app.getHttpServer();
    expect(server.headersTimeout).toBe(1000);
    expect(server.requestTimeout).toBe(1500);
    expect(server.keepAliveTimeout).toBe(70000);
  });

  it('answers 408 and closes a connection that stalls mid-headers', async () => {
    const answer = await stallAfter(url, 'POST /api/v1/profile HTTP/1.1\r\nHost: x\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a connection that stalls mid-body', async () => {
    const answer = await stallAfter(
      url,
      'POST /api/v1/profile HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n' +
        'content-length: 100\r\n\r\n{"username":',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });
});

describe('server timeouts: defaults', () => {
  it('keeps idle sockets longer than the proxy and bounds a whole request at 30 s', async () => {
    const { app } = await createTestApp({});
    try {
      const server = app.getHttpServer();
      expect(server.keepAliveTimeout).toBe(65_000);
      expect(server.requestTimeout).toBe(30_000);
      expect(server.headersTimeout).toBeLessThanOrEqual(server.requestTimeout);
    } finally {
      await app.close();
    }
  });
});
