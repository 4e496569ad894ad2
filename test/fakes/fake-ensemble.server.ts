import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simulateEnsemble } from '../../src/tiktok/ensemble/simulator/ensemble-simulator';
import {
  fixtureCorpus,
  fixtureDataset,
  rawErrorBody,
  type FixtureCorpus,
} from './ensemble-fixtures';

/**
 * A loopback fake of Ensemble Data (node:http, no framework) for specs, e2e suites and
 * benchmarks: an HTTP adapter over the one Ensemble simulator (the same one demo mode uses),
 * answering from the fixture corpus. On top it checks the token like Ensemble does (491 when
 * missing or wrong), records every call, and lets tests script faults and latency per path.
 * The corpus is read on every call, so a test may change a post's counters between calls.
 */

export const FAKE_ENSEMBLE_TOKEN = 'fake-ensemble-token-0123456789';

export interface FakeCall {
  /** Path relative to the base URL, e.g. `/tt/user/info`. */
  path: string;
  /** Query parameters as received, the token included. */
  params: Record<string, string>;
  /** Date.now() when the request arrived. */
  at: number;
}

export interface FakeResponse {
  /** Default 200. */
  status?: number;
  /** An object is sent as JSON; a string is sent verbatim (for malformed bodies). */
  body?: string | object;
  headers?: Record<string, string>;
  /** Sets the `units_charged` header. Default: 1 for a 2xx answer, 0 otherwise. */
  units?: number;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Never answer (until the client gives up or the server closes). */
  hang?: boolean;
}

/** A custom answer; `undefined` falls through to the simulator's normal answer. */
export type FakeHandler = (
  call: FakeCall,
) => FakeResponse | undefined | Promise<FakeResponse | undefined>;

export interface FakeEnsembleOptions {
  /** The token requests must carry. Default FAKE_ENSEMBLE_TOKEN. */
  token?: string;
  /** Answer 491 when the token is missing or wrong. Default true. */
  requireToken?: boolean;
  /** Latency added to every answer, ms. Default 0. */
  latencyMs?: number;
  /** Clock for the default corpus' create_times, ms. Default Date.now(). */
  now?: number;
  /** Replaces the default corpus. */
  corpus?: FixtureCorpus;
}

export interface FakeEnsemble {
  /** Base URL to configure as ENSEMBLE_BASE_URL, e.g. http://127.0.0.1:41234/apis. */
  readonly url: string;
  readonly token: string;
  readonly corpus: FixtureCorpus;
  /** Every request received, in order. */
  readonly calls: FakeCall[];
  callsTo(path: string): FakeCall[];
  /** Replace the default answer of a path (persists until reset()). */
  setRoute(path: string, handler: FakeHandler): void;
  /** Script the next answers of a path; consumed first-in first-out before the route answers. */
  enqueue(path: string, ...responses: FakeResponse[]): void;
  setLatency(ms: number): void;
  /** Forget calls, scripted answers, custom routes and latency changes. */
  reset(): void;
  close(): Promise<void>;
}

const BASE_PATH = '/apis';

export async function startFakeEnsemble(options: FakeEnsembleOptions = {}): Promise<FakeEnsemble> {
  const token = options.token ?? FAKE_ENSEMBLE_TOKEN;
  const requireToken = options.requireToken ?? true;
  const corpus = options.corpus ?? fixtureCorpus(options.now ?? Date.now());

  const calls: FakeCall[] = [];
  const queues = new Map<string, FakeResponse[]>();
  const routes = new Map<string, FakeHandler>();
  let latencyMs = options.latencyMs ?? 0;

  async function answer(call: FakeCall): Promise<FakeResponse> {
    if (requireToken && call.params.token !== token) {
      return {
        status: 491,
        body: rawErrorBody(
          'Token not found, please sign up at https://dashboard.ensembledata.com/register',
        ),
        units: 0,
      };
    }
    const scripted = queues.get(call.path)?.shift();
    if (scripted) return scripted;
    const custom = await routes.get(call.path)?.(call);
    if (custom) return custom;
    const { token: _token, ...params } = call.params;
    return simulateEnsemble(fixtureDataset(corpus), call.path, params, corpus.now / 1000);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake.local');
    const path = url.pathname.startsWith(BASE_PATH)
      ? url.pathname.slice(BASE_PATH.length)
      : url.pathname;
    const call: FakeCall = { path, params: Object.fromEntries(url.searchParams), at: Date.now() };
    calls.push(call);

    let response: FakeResponse;
    try {
      response = await answer(call);
    } catch (error) {
      response = { status: 500, body: { detail: `fake handler failed: ${String(error)}` } };
    }
    if (response.hang) return;
    const wait = latencyMs + (response.delayMs ?? 0);
    if (wait > 0) await delay(wait);
    if (res.destroyed || res.writableEnded) return;

    const status = response.status ?? 200;
    const body =
      typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? {});
    const units = response.units ?? (status >= 200 && status < 300 ? 1 : 0);
    res.writeHead(status, {
      'content-type': 'application/json',
      units_charged: String(units),
      ...response.headers,
    });
    res.end(body);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${BASE_PATH}`,
    token,
    corpus,
    calls,
    callsTo: (path) => calls.filter((c) => c.path === path),
    setRoute: (path, handler) => void routes.set(path, handler),
    enqueue: (path, ...responses) => {
      const queue = queues.get(path) ?? [];
      queue.push(...responses);
      queues.set(path, queue);
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    reset: () => {
      calls.length = 0;
      queues.clear();
      routes.clear();
      latencyMs = options.latencyMs ?? 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Hanging and keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
