import { redactUrl, requestId, scrubSecrets } from './logger.options';
import type { IncomingMessage, ServerResponse } from 'node:http';

describe('redactUrl', () => {
  it('masks secret query parameters and keeps the rest', () => {
    expect(redactUrl('/tt/user/info?username=x&token=SECRET123&depth=1')).toBe(
      '/tt/user/info?username=x&token=[REDACTED]&depth=1',
    );
    expect(redactUrl('/a?api_key=abc')).toBe('/a?api_key=[REDACTED]');
    expect(redactUrl('/api/v1/profile')).toBe('/api/v1/profile');
  });
});

describe('scrubSecrets', () => {
  it('removes every occurrence of each secret', () => {
    expect(scrubSecrets('a sk-123456 b sk-123456', ['sk-123456'])).toBe(
      'a [REDACTED] b [REDACTED]',
    );
  });
  it('ignores secrets too short to be meaningful', () => {
    expect(scrubSecrets('abc', ['ab'])).toBe('abc');
  });
});

describe('requestId', () => {
  const res = () => {
    const headers: Record<string, string> = {};
    return {
      headers,
      setHeader: (k: string, v: string) => void (headers[k] = v),
    } as unknown as ServerResponse & { headers: Record<string, string> };
  };

  it('accepts a sane X-Request-Id and echoes it', () => {
    const r = res();
    expect(
      requestId({ headers: { 'x-request-id': 'abc-123' } } as unknown as IncomingMessage, r),
    ).toBe('abc-123');
    expect((r as unknown as { headers: Record<string, string> }).headers['X-Request-Id']).toBe(
      'abc-123',
    );
  });

  it('generates one for a missing or hostile header', () => {
    const id = requestId(
      { headers: { 'x-request-id': 'bad id\nwith newline' } } as unknown as IncomingMessage,
      res(),
    );
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
