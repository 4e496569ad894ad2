import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WatchlistsConfig } from '../../config/configuration';
import { WebhookAttemptError, WebhookClient } from './webhook.client';

function client(allowPrivate: boolean, timeoutMs = 2000): WebhookClient {
  return new WebhookClient({
    webhook: { allowPrivate, timeoutMs, retryBaseMs: 10, maxAttempts: 3 },
  } as WatchlistsConfig);
}

describe('WebhookClient', () => {
  let server: Server;
  let base: string;
  let hang = false;
  const bodies: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        bodies.push(body);
        if (hang) return;
        res.writeHead(204);
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://localhost:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('refuses, at delivery, a host that resolves to a private address', async () => {
    const error = await client(false)
      .post(new URL(`${base}/hook`), '{}', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookAttemptError);
    expect((error as WebhookAttemptError).failure).toBe('refused_address');
    expect(bodies).toEqual([]);
  });

  it('posts the body to the checked address when private addresses are allowed', async () => {
    const answer = await client(true).post(new URL(`${base}/hook`), '{"a":1}', { 'x-test': '1' });
    expect(answer.status).toBe(204);
    expect(bodies).toEqual(['{"a":1}']);
  });

  it('gives up at the deadline as a timeout', async () => {
    hang = true;
    const error = await client(true, 300)
      .post(new URL(`${base}/hook`), '{}', {})
      .catch((e: unknown) => e);
    hang = false;
    expect((error as WebhookAttemptError).failure).toBe('timeout');
  });

  it('reports a host that does not resolve', async () => {
    const error = await client(true)
      .post(new URL('http://no-such-host.invalid/hook'), '{}', {})
      .catch((e: unknown) => e);
    expect((error as WebhookAttemptError).failure).toBe('dns');
  });
});
