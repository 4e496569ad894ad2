import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppConfig, EnsembleConfig, OpenAiConfig } from '../config/configuration';
import { stdoutDestination } from './batched-stdout';
import { buildLoggerParams, requestId } from './logger.options';

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

describe('buildLoggerParams', () => {
  it('redacts extra configured secrets (the database password) from every line', () => {
    const app = { logLevel: 'info', logPretty: false, adminApiKey: undefined } as AppConfig;
    const params = buildLoggerParams(
      app,
      { token: undefined } as EnsembleConfig,
      { apiKey: undefined } as OpenAiConfig,
      ['db-pa55word-x9'],
    );
    const [, stream] = params.pinoHttp as [unknown, { write: (line: string) => void }];
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      stream.write('connect postgres://u:db-pa55word-x9@h/db failed\n');
      stdoutDestination().flush(); // the destination batches; flush it while stdout is spied on
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).not.toContain('db-pa55word-x9');
    expect(written.join('')).toContain('[REDACTED]');
  });
});
