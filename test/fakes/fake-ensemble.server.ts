import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  fixtureCorpus,
  rawAweme,
  rawErrorBody,
  rawHashtagBody,
  rawKeywordBody,
  rawKeywordItem,
  rawKeywordUserCard,
  rawUserInfoBody,
  rawUserPostsBody,
  rawUserSearchBody,
  rawUserSearchItem,
  rawValidationErrorBody,
  type FixtureCorpus,
  type FixturePost,
  type Json,
} from './ensemble-fixtures';

/**
 * A loopback fake of Ensemble Data (node:http, no framework) for specs, e2e suites and
 * benchmarks. It answers the five endpoints the service uses from the fixture corpus with
 * Ensemble's raw shapes and `units_charged` headers, checks the token like Ensemble does
 * (491 when missing or wrong), records every call, and lets tests script faults per path.
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

/** `byDefault` answers as the fake would without this handler (to delay or gate the usual answer). */
export type FakeHandler = (
  call: FakeCall,
  byDefault: () => FakeResponse | Promise<FakeResponse>,
) => FakeResponse | Promise<FakeResponse>;

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
const PERIODS = new Set(['0', '1', '7', '30', '90', '180']);
const USER_POSTS_PER_DEPTH = 10;
const SEARCH_PAGE = 20;
const USER_SEARCH_PAGE = 10;

export async function startFakeEnsemble(options: FakeEnsembleOptions = {}): Promise<FakeEnsemble> {
  const token = options.token ?? FAKE_ENSEMBLE_TOKEN;
  const requireToken = options.requireToken ?? true;
  const corpus = options.corpus ?? fixtureCorpus(options.now ?? Date.now());
  const defaults = defaultRoutes(corpus);

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
    const fallback = defaults.get(call.path);
    const byDefault = () =>
      fallback
        ? fallback(call, byDefault)
        : { status: 404, body: { detail: 'Not Found' }, units: 0 };
    const handler = routes.get(call.path);
    return handler ? handler(call, byDefault) : byDefault();
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

const ok = (body: Json, units = 1): FakeResponse => ({ status: 200, body, units });

const invalid = (param: string, msg: string): FakeResponse => ({
  status: 422,
  body: rawValidationErrorBody(param, msg),
  units: 0,
});

function offsetOf(value: string | undefined): number {
  const n = Number(value ?? '0');
  return Number.isInteger(n) && n > 0 ? n : 0;
}

function searchText(post: FixturePost): string {
  return `${post.desc} ${post.author.uniqueId} ${post.author.nickname}`.toLowerCase();
}

function defaultRoutes(corpus: FixtureCorpus): Map<string, FakeHandler> {
  const nowSec = Math.floor(corpus.now / 1000);
  const byUsername = new Map(corpus.users.map((u) => [u.uniqueId.toLowerCase(), u]));
  const postsOf = (username: string): FixturePost[] =>
    corpus.posts
      .filter((p) => p.author.uniqueId.toLowerCase() === username)
      // Pinned first, then newest first — Ensemble's order.
      .sort((a, b) => Number(!!b.isTop) - Number(!!a.isTop) || b.createTime - a.createTime);

  const routes = new Map<string, FakeHandler>();

  routes.set('/tt/user/info', ({ params }) => {
    const username = params.username?.trim().replace(/^@/, '').toLowerCase();
    if (!username) return invalid('username', 'field required');
    const user = byUsername.get(username);
    return ok(user ? rawUserInfoBody(user) : { data: null });
  });

  routes.set('/tt/user/posts', ({ params }) => {
    const username = params.username?.trim().replace(/^@/, '').toLowerCase();
    if (!username) return invalid('username', 'field required');
    const depth = Number(params.depth);
    if (!Number.isInteger(depth) || depth < 1) {
      return invalid('depth', 'ensure this value is greater than 0');
    }
    const user = byUsername.get(username);
    if (!user) return ok(rawUserPostsBody([]), 1);
    if (user.isPrivate) {
      return { status: 472, body: rawErrorBody('This account is private.'), units: 0 };
    }
    const cursor = offsetOf(params.start_cursor);
    const oldest = params.oldest_createtime ? Number(params.oldest_createtime) : undefined;
    const all = postsOf(username);
    // Pinned posts lead the first page only; the cursor walks the timeline after them.
    const timeline = all.filter((p) => cursor === 0 || (!p.isTop && p.createTime * 1000 < cursor));
    const page: FixturePost[] = [];
    let chunks = 0;
    while (chunks < depth && page.length < timeline.length) {
      const chunk = timeline.slice(page.length, page.length + USER_POSTS_PER_DEPTH);
      page.push(...chunk);
      chunks++;
      // Ensemble stops fetching after a chunk reaching past oldest_createtime (it does not filter).
      if (oldest !== undefined && chunk.some((p) => p.createTime < oldest)) break;
    }
    const more = page.length < timeline.length;
    const last = page.filter((p) => !p.isTop).at(-1);
    return ok(
      rawUserPostsBody(
        page.map((p) => rawAweme(p)),
        more && last ? last.createTime * 1000 : undefined,
      ),
      1 + Math.max(1, chunks),
    );
  });

  routes.set('/tt/keyword/search', ({ params }) => {
    const name = params.name?.trim().toLowerCase();
    if (!name) return invalid('name', 'field required');
    const period = params.period ?? '';
    if (!PERIODS.has(period)) {
      return invalid(
        'period',
        "value is not a valid enumeration member; permitted: '0', '1', '7', '30', '90', '180'",
      );
    }
    const sorting = params.sorting ?? '0';
    if (sorting !== '0' && sorting !== '1') {
      return invalid('sorting', "value is not a valid enumeration member; permitted: '0', '1'");
    }
    if (params.country && !/^[A-Za-z]{2}$/.test(params.country)) {
      return { status: 466, body: rawErrorBody('Invalid country code.'), units: 0 };
    }
    const authorStats = params.get_author_stats === 'true' || params.get_author_stats === 'True';
    const terms = name.replace(/#/g, ' ').split(/\s+/).filter(Boolean);
    const since = period === '0' ? 0 : nowSec - Number(period) * 86_400;
    const matches = corpus.posts.filter(
      (p) => p.createTime >= since && terms.every((term) => searchText(p).includes(term)),
    );
    if (sorting === '1') matches.sort((a, b) => Number(b.likes ?? 0) - Number(a.likes ?? 0));
    const offset = offsetOf(params.cursor);
    const slice = matches.slice(offset, offset + SEARCH_PAGE);
    const items = slice.map((p) => rawKeywordItem(rawAweme(p, { authorStats })));
    // Real results mix in non-video cards; keep one on the first page.
    if (offset === 0 && items.length > 1) items.splice(1, 0, rawKeywordUserCard(slice[0].author));
    const next = offset + SEARCH_PAGE < matches.length ? offset + SEARCH_PAGE : undefined;
    return ok(rawKeywordBody(items, next), authorStats ? 1 + slice.length : 1);
  });

  routes.set('/tt/hashtag/posts', ({ params }) => {
    const tag = params.name?.trim().replace(/^#/, '').toLowerCase();
    if (!tag) return invalid('name', 'field required');
    const tagged = corpus.posts.filter((p) =>
      new RegExp(`#${tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'iu').test(
        p.desc,
      ),
    );
    const offset = offsetOf(params.cursor);
    const slice = tagged.slice(offset, offset + SEARCH_PAGE);
    const next = offset + SEARCH_PAGE < tagged.length ? offset + SEARCH_PAGE : undefined;
    return ok(
      rawHashtagBody(
        slice.map((p) => rawAweme(p)),
        next,
      ),
    );
  });

  routes.set('/tt/user/search', ({ params }) => {
    const keyword = params.keyword?.trim().replace(/^@/, '').toLowerCase();
    if (!keyword) return invalid('keyword', 'field required');
    const found = corpus.users.filter(
      (u) =>
        u.uniqueId.toLowerCase().includes(keyword) || u.nickname.toLowerCase().includes(keyword),
    );
    const offset = offsetOf(params.cursor);
    const slice = found.slice(offset, offset + USER_SEARCH_PAGE);
    const next = offset + USER_SEARCH_PAGE < found.length ? offset + USER_SEARCH_PAGE : undefined;
    return ok(
      rawUserSearchBody(
        slice.map((u, i) => rawUserSearchItem(u, offset + i)),
        next,
      ),
      2,
    );
  });

  return routes;
}
