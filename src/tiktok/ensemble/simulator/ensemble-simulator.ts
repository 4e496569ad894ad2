import type {
  EnsemblePath,
  RawAweme,
  RawErrorBody,
  RawHashtagPostsResponse,
  RawKeywordSearchItem,
  RawKeywordSearchResponse,
  RawMobileUser,
  RawUserInfoResponse,
  RawUserPostsResponse,
  RawUserSearchResponse,
} from '../ensemble.types';

/**
 * The one simulator of Ensemble Data: given a path, its query parameters (token excluded) and a
 * dataset, it answers what Ensemble would — status, raw body and units charged — following
 * Ensemble's documented behaviour: depth paging with ms-timestamp `start_cursor`s, pinned posts
 * first, `oldest_createtime` as a stopping condition (not a filter), offset cursors for searches,
 * unit prices, FastAPI 422s, 466 and 472. Pure: the clock comes in as `nowSec`. The demo transport
 * and the test fake server are thin adapters over it; the dataset supplies records and renders
 * them in Ensemble's raw shapes.
 */

export interface SimulatedUser {
  /** The TikTok handle (`unique_id`). */
  username: string;
  nickname: string;
  isPrivate: boolean;
  /** More words user search matches on (the demo creator's niche). */
  keywords?: readonly string[];
}

export interface SimulatedPost {
  id: string;
  /** The author's username. */
  owner: string;
  caption: string;
  /** Lower-case, without '#'. */
  tags: readonly string[];
  /** Seconds before now: a dataset serves every clock. */
  ageSec: number;
  pinned: boolean;
  likes: number;
  /** In [0, 1): a stable tie-breaker that makes relevance and feed order look organic. */
  rankNoise: number;
}

/** How a post is being served: its create_time, and whether author counts are filled in. */
export interface AwemeView {
  createTime: number;
  authorStats: boolean;
  /** User posts carry the www share_url form, searches the m.tiktok.com one. */
  feed: 'user' | 'search';
}

export interface EnsembleDataset<U extends SimulatedUser, P extends SimulatedPost> {
  /** In the order user search lists them. */
  users: readonly U[];
  /** Every post of every user. */
  posts: readonly P[];
  /** The posts keyword and hashtag searches find (default: all). */
  searchable?: readonly P[];
  userInfo(user: U): NonNullable<RawUserInfoResponse['data']>;
  mobileUser(user: U, withStats: boolean): RawMobileUser;
  aweme(post: P, author: U, view: AwemeView): RawAweme;
}

export type EnsembleBody =
  | RawUserInfoResponse
  | RawUserPostsResponse
  | RawKeywordSearchResponse
  | RawHashtagPostsResponse
  | RawUserSearchResponse
  | RawErrorBody;

export interface SimulatedResponse {
  status: number;
  body: EnsembleBody;
  units: number;
}

type Params = Readonly<Record<string, string | undefined>>;

const DAY = 86_400;
const POSTS_PER_DEPTH = 10;
const KEYWORD_PAGE = 20;
const KEYWORD_EXACT_PAGE = 10;
const HASHTAG_PAGE = 20;
const USER_SEARCH_PAGE = 10;
const PERIODS = ['0', '1', '7', '30', '90', '180'];
const TRUE_VALUES = new Set(['true', '1', 'yes', 'on']);

/** A query parameter FastAPI would reject: becomes a 422 with a detail list. */
class Invalid extends Error {
  constructor(
    readonly param: string,
    msg: string,
  ) {
    super(msg);
  }
}

const error = (status: number, detail: string): SimulatedResponse => ({
  status,
  body: { detail } satisfies RawErrorBody,
  units: 0,
});

function required(params: Params, name: string): string {
  const value = params[name]?.trim() ?? '';
  if (value === '') throw new Invalid(name, 'field required');
  return value;
}

function integer(params: Params, name: string): number | undefined {
  const value = params[name]?.trim();
  if (!value) return undefined;
  if (!/^-?\d+$/.test(value)) throw new Invalid(name, 'value is not a valid integer');
  return Number(value);
}

function oneOf(value: string, name: string, allowed: readonly string[]): string {
  if (allowed.includes(value)) return value;
  const permitted = allowed.map((a) => `'${a}'`).join(', ');
  throw new Invalid(name, `value is not a valid enumeration member; permitted: ${permitted}`);
}

const handle = (value: string): string => value.trim().replace(/^[@#]/, '').toLowerCase();

function offsetPage<T>(items: readonly T[], cursor: number | undefined, size: number) {
  const start = Math.max(0, cursor ?? 0);
  const page = items.slice(start, start + size);
  const next = start + page.length;
  return { page, nextCursor: page.length > 0 && next < items.length ? next : undefined };
}

/** 3 exact hashtag, 2 hashtag contains the keyword, 1 caption contains it, 0 no match. */
function matchStrength(post: SimulatedPost, keyword: string): number {
  const compact = keyword.replace(/[^\p{L}\p{N}_]/gu, '');
  if (compact === '') return 0;
  if (post.tags.includes(compact)) return 3;
  if (compact.length >= 3 && post.tags.some((t) => t.includes(compact))) return 2;
  const caption = post.caption.toLowerCase();
  if (keyword.length >= 3 && caption.includes(keyword)) return 1;
  const words = keyword.split(/\s+/).filter((w) => w.length >= 3);
  return words.length > 1 && words.every((w) => caption.includes(w)) ? 1 : 0;
}

const popularity = (p: SimulatedPost): number => Math.log10(Math.max(0, p.likes) + 10);

function userMatches(user: SimulatedUser, term: string): boolean {
  return (
    user.username.toLowerCase().includes(term) ||
    user.nickname.toLowerCase().includes(term) ||
    (user.keywords ?? []).some((k) => k.includes(term))
  );
}

/** Dataset methods are bivariant, so any dataset is one of these. */
type Dataset = EnsembleDataset<SimulatedUser, SimulatedPost>;
type Handler = (ds: Dataset, params: Params, nowSec: number) => SimulatedResponse;

function render(
  ds: Dataset,
  posts: readonly SimulatedPost[],
  view: Omit<AwemeView, 'createTime'> & { nowSec: number },
): RawAweme[] {
  const byName = new Map(ds.users.map((u) => [u.username.toLowerCase(), u]));
  return posts.flatMap((post) => {
    const author = byName.get(post.owner.toLowerCase());
    const createTime = view.nowSec - post.ageSec;
    return author ? [ds.aweme(post, author, { ...view, createTime })] : [];
  });
}

const findUser = (ds: Dataset, name: string): SimulatedUser | undefined =>
  ds.users.find((u) => u.username.toLowerCase() === name);

/** Exhaustive: a new Ensemble path does not compile until the simulator answers it. */
const ROUTES: Record<EnsemblePath, Handler> = {
  '/tt/user/info': (ds, params) => {
    const user = findUser(ds, handle(required(params, 'username')));
    return {
      status: 200,
      body: { data: user ? ds.userInfo(user) : null } satisfies RawUserInfoResponse,
      units: 1,
    };
  },

  '/tt/user/posts': (ds, params, nowSec) => {
    const username = handle(required(params, 'username'));
    const depth = integer(params, 'depth') ?? Number(required(params, 'depth'));
    if (depth < 1) throw new Invalid('depth', 'ensure this value is greater than 0');
    const cursor = integer(params, 'start_cursor') ?? 0;
    const oldest = integer(params, 'oldest_createtime');
    const user = findUser(ds, username);
    // Ensemble: "Username does not exist -> 0 posts returned. Cost: 1 unit".
    if (!user) return { status: 200, body: { data: [] } satisfies RawUserPostsResponse, units: 1 };
    if (user.isPrivate) return error(472, 'This account is private.');

    const createMs = (p: SimulatedPost) => (nowSec - p.ageSec) * 1000;
    const own = ds.posts
      .filter((p) => p.owner.toLowerCase() === username)
      .sort((a, b) => Number(b.pinned) - Number(a.pinned) || a.ageSec - b.ageSec);
    // Pinned posts lead the first page only; the cursor walks the timeline after them.
    const candidates = cursor > 0 ? own.filter((p) => !p.pinned && createMs(p) < cursor) : own;
    const page: SimulatedPost[] = [];
    let chunks = 0;
    while (chunks < depth && page.length < candidates.length) {
      const chunk = candidates.slice(page.length, page.length + POSTS_PER_DEPTH);
      page.push(...chunk);
      chunks++;
      // A stopping condition, not a filter: the chunk that reaches past it is returned whole.
      if (oldest !== undefined && chunk.some((p) => nowSec - p.ageSec < oldest)) break;
    }
    const last = page.filter((p) => !p.pinned).at(-1);
    const body: RawUserPostsResponse = {
      data: render(ds, page, { nowSec, authorStats: true, feed: 'user' }),
    };
    if (page.length < candidates.length && last) body.nextCursor = createMs(last);
    return { status: 200, body, units: 1 + chunks };
  },

  '/tt/keyword/search': (ds, params, nowSec) => {
    const keyword = required(params, 'name').toLowerCase();
    const period = Number(oneOf(required(params, 'period'), 'period', PERIODS));
    const sorting = oneOf(params.sorting?.trim() || '0', 'sorting', ['0', '1']);
    const cursor = integer(params, 'cursor');
    const country = params.country?.trim() ?? '';
    if (country !== '' && !/^[A-Za-z]{2}$/.test(country)) {
      return error(466, 'Invalid country code.');
    }
    const exactly = TRUE_VALUES.has(params.match_exactly?.trim().toLowerCase() ?? '');
    const authorStats = TRUE_VALUES.has(params.get_author_stats?.trim().toLowerCase() ?? '');
    const maxAge = period > 0 ? period * DAY : Infinity;
    const hits = (ds.searchable ?? ds.posts)
      .filter((p) => p.ageSec <= maxAge && (!exactly || p.caption.toLowerCase().includes(keyword)))
      .map((post) => ({ post, strength: matchStrength(post, keyword) }))
      .filter((h) => h.strength > 0);
    const relevance = (h: (typeof hits)[number]) =>
      h.strength + popularity(h.post) / 2 + h.post.rankNoise * 1.5;
    hits.sort((a, b) =>
      sorting === '1'
        ? b.post.likes - a.post.likes || a.post.id.localeCompare(b.post.id)
        : relevance(b) - relevance(a) || a.post.id.localeCompare(b.post.id),
    );
    const pageSize = exactly ? KEYWORD_EXACT_PAGE : KEYWORD_PAGE;
    const { page, nextCursor } = offsetPage(
      hits.map((h) => h.post),
      cursor,
      pageSize,
    );
    const items = render(ds, page, { nowSec, authorStats, feed: 'search' }).map(
      (aweme): RawKeywordSearchItem => ({
        type: 1,
        aweme_info: aweme,
        doc_type: 183,
        doc_id: Number(aweme.aweme_id),
        provider_doc_id_str: aweme.aweme_id,
        feedback_type: 'video',
      }),
    );
    // Real results mix in non-video cards; the first page carries one (its author's user card).
    const cardUser = findUser(ds, page[0]?.owner.toLowerCase() ?? '');
    if (!cursor && items.length > 1 && cardUser) {
      items.splice(1, 0, {
        type: 4,
        user_list: [{ user_info: ds.mobileUser(cardUser, true) }],
        doc_type: 1,
        feedback_type: 'user',
      });
    }
    const body: RawKeywordSearchResponse = { data: { data: items } };
    if (nextCursor !== undefined) body.data.nextCursor = nextCursor;
    return { status: 200, body, units: authorStats ? 1 + page.length : 1 };
  },

  '/tt/hashtag/posts': (ds, params, nowSec) => {
    const tag = handle(required(params, 'name'));
    const tagged = (ds.searchable ?? ds.posts)
      .filter((p) => p.tags.includes(tag))
      .sort(
        (a, b) =>
          popularity(b) + b.rankNoise * 0.8 - (popularity(a) + a.rankNoise * 0.8) ||
          a.id.localeCompare(b.id),
      );
    const { page, nextCursor } = offsetPage(tagged, integer(params, 'cursor'), HASHTAG_PAGE);
    const body: RawHashtagPostsResponse = {
      data: { data: render(ds, page, { nowSec, authorStats: true, feed: 'search' }) },
    };
    if (nextCursor !== undefined) body.data.nextCursor = nextCursor;
    return { status: 200, body, units: 1 };
  },

  '/tt/user/search': (ds, params) => {
    const keyword = handle(required(params, 'keyword'));
    const words = keyword.split(/\s+/);
    const found = ds.users.filter(
      (u) => userMatches(u, keyword) || words.every((w) => userMatches(u, w)),
    );
    const exact = found.filter((u) => u.username.toLowerCase() === keyword);
    const ordered = [...exact, ...found.filter((u) => !exact.includes(u))];
    const cursor = integer(params, 'cursor');
    const { page, nextCursor } = offsetPage(ordered, cursor, USER_SEARCH_PAGE);
    const body: RawUserSearchResponse = {
      data: {
        users: page.map((u, i) => ({
          user_info: ds.mobileUser(u, true),
          position: (cursor ?? 0) + i,
        })),
      },
    };
    if (nextCursor !== undefined) body.data.nextCursor = nextCursor;
    return { status: 200, body, units: 2 };
  },
};

export function isEnsemblePath(path: string): path is EnsemblePath {
  return Object.hasOwn(ROUTES, path);
}

/** Answers one Ensemble call over `dataset` as of `nowSec` (unix seconds). */
export function simulateEnsemble<U extends SimulatedUser, P extends SimulatedPost>(
  dataset: EnsembleDataset<U, P>,
  path: string,
  params: Params,
  nowSec: number,
): SimulatedResponse {
  const route = path.replace(/\/+$/, '');
  if (!isEnsemblePath(route)) return error(404, 'Not Found');
  try {
    return ROUTES[route](dataset, params, Math.floor(nowSec));
  } catch (problem) {
    if (!(problem instanceof Invalid)) throw problem;
    const detail = [{ loc: ['query', problem.param], msg: problem.message, type: 'value_error' }];
    return { status: 422, body: { detail } satisfies RawErrorBody, units: 0 };
  }
}
