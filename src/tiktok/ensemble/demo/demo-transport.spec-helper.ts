import type { EnsemblePath } from '../ensemble.types';
import type { DemoEnsembleTransport } from './demo-ensemble.transport';

/** Spec helpers: call the demo transport and read its raw JSON like a client would. */

export type Json = Record<string, unknown>;

export interface DemoCall<T> {
  status: number;
  units: number;
  body: T;
  text: string;
}

export async function call<T = Json>(
  transport: DemoEnsembleTransport,
  path: EnsemblePath,
  params: Record<string, string>,
): Promise<DemoCall<T>> {
  const response = await transport.get(path, params);
  return {
    status: response.status,
    units: Number(response.headers['units_charged']),
    body: JSON.parse(response.body) as T,
    text: response.body,
  };
}

export interface RawAwemeView {
  aweme_id: string;
  desc: string;
  create_time: number;
  is_top: number;
  is_ads: boolean;
  region: string;
  author: Json & {
    uid: string;
    unique_id: string;
    follower_count: number;
    avatar_thumb: { url_list: string[] };
  };
  statistics: Json & { play_count: number; digg_count: number };
  video: Json & {
    duration: number;
    cover: { url_list: string[] };
    play_addr: { url_list: string[] };
  };
  music: Json & { id: number; id_str: string };
  text_extra: (Json & { type: number; hashtag_name?: string })[];
  cha_list: (Json & { cid: string; cha_name: string })[] | null;
  share_url: string;
  image_post_info?: Json & { images: unknown[] };
}

export interface UserPostsBody {
  data: RawAwemeView[];
  nextCursor?: number;
}

export interface KeywordBody {
  data: {
    data: { type: number; aweme_info?: RawAwemeView; user_list?: unknown[] }[];
    nextCursor?: number;
  };
}

/** The video results of a keyword page (user cards carry no aweme_info). */
export function videosOf(body: KeywordBody): RawAwemeView[] {
  return body.data.data.flatMap((item) => (item.aweme_info ? [item.aweme_info] : []));
}

export interface HashtagBody {
  data: { data: RawAwemeView[]; nextCursor?: number };
}

export interface UserSearchBody {
  data: {
    users: { user_info: Json & { unique_id: string; nickname: string } }[];
    nextCursor?: number;
  };
}

export interface UserInfoBody {
  data: { user: Json; stats: Json } | null;
}

/** Follows nextCursor until it is absent; guards against a cursor that never ends. */
export async function collectPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; next: number | undefined }>,
  maxPages = 50,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 1; pages <= maxPages; pages++) {
    const { items: pageItems, next } = await fetchPage(cursor);
    items.push(...pageItems);
    if (next === undefined) return { items, pages };
    cursor = String(next);
  }
  throw new Error(`pagination did not end after ${maxPages} pages`);
}
