import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Params } from 'nestjs-pino';
import type { Options } from 'pino-http';
import type { AppConfig, EnsembleConfig, OpenAiConfig } from '../config/configuration';
import { redactUrl, scrubSecrets } from '../common/redaction/redact';
import { stdoutDestination } from './batched-stdout';
import { routePattern } from './route-pattern';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const QUIET_ROUTES = /^\/(health(\/|$|\?)|metrics($|\?))/;

export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const header = req.headers['x-request-id'];
  const candidate = Array.isArray(header) ? header[0] : header;
  const id = candidate && REQUEST_ID.test(candidate) ? candidate : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * JSON logs (pretty only when asked), one line per request with route, status, duration and
 * request id; credentials redacted by path and, as a backstop, by value on every line.
 *
 * Lines go to stdout batched per event-loop turn (BatchedStdout): a request appends a string and
 * never waits for a write; the batch is flushed when the process exits, so a shutdown or a crash
 * loses nothing. (pino's own asynchronous destination, sonic-boom, writes to the file descriptor
 * directly: nothing that watches process.stdout — the secret-leak suites — would see a line.)
 */
export function buildLoggerParams(
  app: AppConfig,
  ensemble: EnsembleConfig,
  openai: OpenAiConfig,
  /** Further configured secrets, e.g. the database password. */
  extraSecrets: readonly (string | undefined)[] = [],
): Params {
  const secrets = [ensemble.token, openai.apiKey, app.adminApiKey, ...extraSecrets].filter(
    (s): s is string => typeof s === 'string' && s.length > 0,
  );
  const options: Options = {
    level: app.logLevel,
    genReqId: requestId,
    // `service` is a base binding, serialised once: customProps would build two child loggers (and
    // stringify their bindings) on every request.
    base: { pid: process.pid, hostname: hostname(), service: 'trendxl' },
    autoLogging: { ignore: (req) => QUIET_ROUTES.test(req.url ?? '') },
    customSuccessObject: (req, _res, value: Record<string, unknown>) => ({
      ...value,
      route: routePattern(req),
    }),
    customErrorObject: (req, _res, _error, value: Record<string, unknown>) => ({
      ...value,
      route: routePattern(req),
    }),
    customLogLevel: (_req, res, err) => {
      if (err || res.statusCode >= 500) return 'error';
      if (res.statusCode >= 400) return 'warn';
      return 'info';
    },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.token',
        '*.apiKey',
        '*.api_key',
      ],
      censor: '[REDACTED]',
    },
    serializers: {
      // Only what an operator needs: headers stay out of the logs (credentials, cookies, volume).
      req: (req: {
        id?: unknown;
        method?: string;
        url?: string;
        headers?: Record<string, unknown>;
      }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url),
        userAgent: req.headers?.['user-agent'],
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
  if (app.logPretty) {
    // pino-pretty is a development dependency: only asked for with LOG_PRETTY/DEBUG.
    return {
      pinoHttp: {
        ...options,
        transport: { target: 'pino-pretty', options: { singleLine: true, colorize: true } },
      },
    };
  }
  const destination = stdoutDestination();
  const stream = { write: (line: string) => destination.write(scrubSecrets(line, secrets)) };
  return { pinoHttp: [options, stream] };
}
