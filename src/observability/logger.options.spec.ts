import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestId } from './logger.options';

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
