import type { EnsembleTransport, EnsembleTransportResponse } from '../ensemble-transport';
import { getDemoDataset, type DemoDataset, type DemoPost } from './demo-dataset';
import { rawAweme, rawSearchUser, rawUserInfo, type AwemeOptions } from './demo-raw.builders';
import { searchHashtag, searchPosts, searchUsers } from './demo-search';

/**
 * Answers the Ensemble paths the service uses from the bundled demo dataset, in Ensemble's raw
 * shapes, so demo mode exercises the same client -> parser path as live mode. Timestamps are
 * computed from the injected clock at request time: "the last 7 days" is always relative to now.
 */

const POSTS_PER_DEPTH = 10;
const MAX_DEPTH = 10;
const KEYWORD_PAGE = 20;
const KEYWORD_EXACT_PAGE = 10;
const HASHTAG_PAGE = 20;
const USER_SEARCH_PAGE = 10;
/** Ensemble's documented keyword-search periods (days). */
const PERIODS = new Set([0, 1, 7, 30, 90, 180]);

type Params = Record<string, string | undefined>;

function respond(status: number, body: unknown, units: number): EnsembleTransportResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', units_charged: String(units) },
    body: JSON.stringify(body),
  };
}

/** What Ensemble (FastAPI) answers when a required query parameter is missing. */
function missing(name: string): EnsembleTransportResponse {
  return respond(
    422,
    { detail: [{ loc: ['query', name], msg: 'field required', type: 'value_error.missing' }] },
    0,
  );
}

/** Lenient integer parsing: the demo must never throw on an odd parameter. */
function intParam(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : fallback;
}

function boolParam(value: string | undefined): boolean {
  return value !== undefined && ['true', '1', 'yes'].includes(value.trim().toLowerCase());
}

function text(params: Params, name: string): string {
  return (params[name] ?? '').trim();
}

function usernameKey(value: string): string {
  return value.trim().replace(/^@/, '').toLowerCase();
}

function offsetPage<T>(items: readonly T[], cursor: number, size: number) {
  const start = Math.max(0, cursor);
  const page = items.slice(start, start + size);
  const next = start + page.length;
  return { page, nextCursor: next < items.length && page.length > 0 ? next : undefined };
}

export class DemoEnsembleTransport implements EnsembleTransport {
  readonly kind = 'demo' as const;
  private readonly dataset: DemoDataset = getDemoDataset();

  constructor(private readonly now: () => number = Date.now) {}

  async get(path: string, params: Record<string, string>): Promise<EnsembleTransportResponse> {
    try {
      return this.route(path, params ?? {});
    } catch {
      // A demo bug must look like an upstream 500 to the client, never crash the request.
      return respond(500, { detail: 'Internal error.' }, 0);
    }
  }

  private route(path: string, p: Params): EnsembleTransportResponse {
    switch (path.replace(/\/+$/, '')) {
      case '/tt/user/info':
        return this.userInfo(p);
      case '/tt/user/posts':
        return this.userPosts(p);
      case '/tt/keyword/search':
        return this.keywordSearch(p);
      case '/tt/hashtag/posts':
        return this.hashtagPosts(p);
      case '/tt/user/search':
        return this.userSearch(p);
      default:
        return respond(404, { detail: 'Not Found' }, 0);
    }
  }

  private awemeOptions(overrides: Partial<AwemeOptions>): AwemeOptions {
    return {
      nowSec: Math.floor(this.now() / 1000),
      authorStats: true,
      shareUrl: 'mobile',
      users: this.dataset.users,
      ...overrides,
    };
  }

  private toAwemes(posts: readonly DemoPost[], opts: AwemeOptions): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (const post of posts) {
      const author = this.dataset.users.get(post.owner.toLowerCase());
      if (author) out.push(rawAweme(post, author, opts));
    }
    return out;
  }

  private userInfo(p: Params): EnsembleTransportResponse {
    const username = usernameKey(text(p, 'username'));
    if (!username) return missing('username');
    const user = this.dataset.users.get(username);
    return respond(200, { data: user ? rawUserInfo(user) : null }, 1);
  }

  /**
   * Pinned posts lead the first page only; after them the stream is newest first and the
   * cursor is the ms timestamp of the last post returned (next page = strictly older posts).
   */
  private userPosts(p: Params): EnsembleTransportResponse {
    const username = usernameKey(text(p, 'username'));
    if (!username) return missing('username');
    const depth = Math.min(MAX_DEPTH, Math.max(1, intParam(p.depth, 1)));
    const units = 1 + depth;
    const all = this.dataset.postsByUser.get(username);
    if (!all) return respond(200, { data: null }, 1);

    const opts = this.awemeOptions({ shareUrl: 'web' });
    const createMs = (post: DemoPost) => (opts.nowSec - post.ageSec) * 1000;
    const cursor = Math.max(0, intParam(p.start_cursor ?? p.cursor, 0));
    const oldest = intParam(p.oldest_createtime, 0);
    const stream = all.filter((post) => !post.pinned);
    const candidates =
      cursor > 0
        ? stream.filter((post) => createMs(post) < cursor)
        : [...all.filter((post) => post.pinned), ...stream];

    const page: DemoPost[] = [];
    // Ensemble fetches `depth` chunks and stops early once a chunk reaches oldest_createtime.
    for (let chunk = 0; chunk < depth && page.length < candidates.length; chunk++) {
      const slice = candidates.slice(page.length, page.length + POSTS_PER_DEPTH);
      page.push(...slice);
      if (oldest > 0 && slice.some((post) => opts.nowSec - post.ageSec < oldest)) break;
    }
    const lastStreamed = [...page].reverse().find((post) => !post.pinned);
    const more = page.length < candidates.length && lastStreamed !== undefined;
    const body: Record<string, unknown> = { data: this.toAwemes(page, opts) };
    if (more) body.nextCursor = createMs(lastStreamed);
    return respond(200, body, units);
  }

  private keywordSearch(p: Params): EnsembleTransportResponse {
    const keyword = text(p, 'name') || text(p, 'keyword');
    if (!keyword) return missing('name');
    const period = intParam(p.period, 0);
    const matchExactly = boolParam(p.match_exactly);
    const authorStats = boolParam(p.get_author_stats);
    const posts = searchPosts(this.dataset, {
      keyword,
      periodDays: PERIODS.has(period) ? period : 0,
      sorting: intParam(p.sorting, 0) === 1 ? 1 : 0,
      matchExactly,
    });
    const { page, nextCursor } = offsetPage(
      posts,
      intParam(p.cursor, 0),
      matchExactly ? KEYWORD_EXACT_PAGE : KEYWORD_PAGE,
    );
    const opts = this.awemeOptions({ authorStats });
    const data = this.toAwemes(page, opts).map((aweme) => ({
      type: 1,
      aweme_info: aweme,
      doc_type: 183,
      doc_id: Number(aweme.aweme_id),
      provider_doc_id_str: aweme.aweme_id,
      feedback_type: 'video',
    }));
    const units = authorStats ? 1 + data.length : 1;
    return respond(
      200,
      { data: { data, ...(nextCursor === undefined ? {} : { nextCursor }) } },
      units,
    );
  }

  private hashtagPosts(p: Params): EnsembleTransportResponse {
    const name = text(p, 'name') || text(p, 'hashtag');
    if (!name) return missing('name');
    const posts = searchHashtag(this.dataset, name);
    const { page, nextCursor } = offsetPage(posts, intParam(p.cursor, 0), HASHTAG_PAGE);
    const data = this.toAwemes(page, this.awemeOptions({}));
    return respond(200, { data: { data, ...(nextCursor === undefined ? {} : { nextCursor }) } }, 1);
  }

  private userSearch(p: Params): EnsembleTransportResponse {
    const keyword = text(p, 'keyword');
    if (!keyword) return missing('keyword');
    const users = searchUsers(this.dataset, keyword);
    const { page, nextCursor } = offsetPage(users, intParam(p.cursor, 0), USER_SEARCH_PAGE);
    const body = {
      data: { users: page.map(rawSearchUser), ...(nextCursor === undefined ? {} : { nextCursor }) },
    };
    return respond(200, body, 2);
  }
}
