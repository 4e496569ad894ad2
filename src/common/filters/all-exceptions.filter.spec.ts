import { ArgumentsHost, BadRequestException, ForbiddenException, Logger } from '@nestjs/common';
import { DomainException } from '../errors/domain.exception';
import { ErrorCode } from '../errors/error-code.enum';
import { AllExceptionsFilter } from './all-exceptions.filter';

function respond(exception: unknown): {
  status: number;
  body: unknown;
  headers: Record<string, string>;
} {
  const out = { status: 0, body: undefined as unknown, headers: {} as Record<string, string> };
  const res = {
    headersSent: false,
    setHeader: (k: string, v: string) => void (out.headers[k] = v),
    hasHeader: (k: string) => k in out.headers,
    getHeaderNames: () => Object.keys(out.headers),
    getHeader: (k: string) => out.headers[k],
    status(code: number) {
      out.status = code;
      return this;
    },
    json(body: unknown) {
      out.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return out;
}

describe('AllExceptionsFilter', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));

  it('maps domain exceptions by code, with details and Retry-After', () => {
    const out = respond(
      new DomainException(ErrorCode.UPSTREAM_UNAVAILABLE, 'Provider down', {
        details: { a: 1 },
        retryAfterSeconds: 3,
      }),
    );
    expect(out).toEqual({
      status: 502,
      body: { error: 'Provider down', code: 'UPSTREAM_UNAVAILABLE', details: { a: 1 } },
      headers: { 'Retry-After': '3' },
    });
  });

  it('never shows framework text: the status decides the message', () => {
    const parser = respond(new BadRequestException('Unexpected token } in JSON at position 10'));
    expect(parser.status).toBe(400);
    expect(parser.body).toEqual({
      error: 'Malformed request: the body is not valid JSON or the URL is badly encoded',
      code: 'VALIDATION_ERROR',
    });
    expect(respond(new ForbiddenException('Forbidden resource')).body).toEqual({
      error: 'Forbidden',
      code: 'FORBIDDEN',
    });
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413 });
    expect(respond(tooLarge)).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('turns anything else into a generic 500 with nothing internal', () => {
    const out = respond(new Error('ECONNREFUSED 10.0.0.1:5432 password=hunter2'));
    expect(out).toMatchObject({
      status: 500,
      body: { error: 'Internal server error', code: 'INTERNAL_ERROR' },
    });
    expect(JSON.stringify(out.body)).not.toContain('hunter2');
  });
});
