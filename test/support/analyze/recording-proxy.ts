import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback pass-through proxy placed between the app and a fake (Ensemble or OpenAI). It records
 * what the app saw of every exchange — status, `units_charged`, and timing measured around the
 * upstream round trip — and can answer chosen requests itself, which the fakes cannot do per
 * query parameter (their scripted answers are keyed by path only).
 */

export interface ProxyExchange {
  method: string;
  /** Path below the proxy's base, e.g. `/tt/keyword/search` or `/chat/completions`. */
  path: string;
  params: Record<string, string>;
  status: number;
  /** `units_charged` header of the answer (0 when absent or not a number). */
  units: number;
  /** True when `intercept` answered instead of the target. */
  intercepted: boolean;
  /** Date.now() when the request arrived at the proxy. */
  startedAt: number;
  /** Date.now() when the answer was fully sent back. */
  endedAt: number;
}

export interface InterceptedAnswer {
  status: number;
  body: object;
}

/** Returns an answer to short-circuit the target, or undefined to forward. */
export type Interceptor = (req: {
  method: string;
  path: string;
  params: Record<string, string>;
}) => InterceptedAnswer | undefined;

export interface RecordingProxy {
  /** Use in place of the target's base URL (same base path). */
  readonly url: string;
  readonly exchanges: ProxyExchange[];
  intercept: Interceptor | undefined;
  /** Exchanges to `path`, in arrival order. */
  to(path: string): ProxyExchange[];
  reset(): void;
  close(): Promise<void>;
}

export async function startRecordingProxy(targetBaseUrl: string): Promise<RecordingProxy> {
  const target = new URL(targetBaseUrl);
  const basePath = target.pathname.replace(/\/$/, '');
  const exchanges: ProxyExchange[] = [];
  let intercept: Interceptor | undefined;

  function describe(req: IncomingMessage): { path: string; params: Record<string, string> } {
    const url = new URL(req.url ?? '/', 'http://proxy.local');
    const path = url.pathname.startsWith(basePath)
      ? url.pathname.slice(basePath.length)
      : url.pathname;
    return { path, params: Object.fromEntries(url.searchParams) };
  }

  function record(
    req: IncomingMessage,
    outcome: { status: number; units: number; intercepted: boolean; startedAt: number },
  ): void {
    exchanges.push({
      method: req.method ?? 'GET',
      ...describe(req),
      ...outcome,
      endedAt: Date.now(),
    });
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const startedAt = Date.now();
    const answer = intercept?.({ method: req.method ?? 'GET', ...describe(req) });
    if (answer) {
      req.resume();
      res.writeHead(answer.status, { 'content-type': 'application/json', units_charged: '0' });
      record(req, { status: answer.status, units: 0, intercepted: true, startedAt });
      res.end(JSON.stringify(answer.body));
      return;
    }
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (upstreamRes) => {
        const status = upstreamRes.statusCode ?? 502;
        const header = upstreamRes.headers['units_charged'];
        const units = Number(Array.isArray(header) ? header[0] : header);
        res.writeHead(status, upstreamRes.headers);
        upstreamRes.pipe(res);
        upstreamRes.on('end', () =>
          record(req, {
            status,
            units: Number.isFinite(units) ? units : 0,
            intercepted: false,
            startedAt,
          }),
        );
      },
    );
    upstream.on('error', () => res.destroy());
    // The app gave up (timeout): stop waiting for the target too.
    res.on('close', () => {
      if (!res.writableEnded) upstream.destroy();
    });
    req.pipe(upstream);
  }

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    exchanges,
    get intercept() {
      return intercept;
    },
    set intercept(fn: Interceptor | undefined) {
      intercept = fn;
    },
    to: (path) => exchanges.filter((e) => e.path === path),
    reset: () => {
      exchanges.length = 0;
      intercept = undefined;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
