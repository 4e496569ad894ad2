import type {
  Post,
  PostAuthor,
  PostPage,
  Profile,
  UserSearchPage,
  UserSummary,
} from '../models/tiktok.models';
import { normalizeHashtag } from '../hashtag-normalize';

/**
 * Pure parsers: raw Ensemble JSON (already `JSON.parse`d, typed `unknown`) -> domain models.
 * No I/O and no clock. The shapes they accept are described in ensemble.types.ts; every read
 * is narrowed here because real responses drift (missing keys, string counts, `null` lists).
 */

/** The body does not have the shape the endpoint promises. The client maps it to UPSTREAM_MALFORMED. */
export class EnsembleParseError extends Error {
  constructor(
    readonly what: string,
    message: string,
  ) {
    super(`${what}: ${message}`);
    this.name = 'EnsembleParseError';
  }
}

type Rec = Record<string, unknown>;

const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

const asRecord = (v: unknown): Rec => (isRecord(v) ? v : {});

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

const NUMERIC = /^\s*\d+(\.\d+)?\s*$/;

/** A count as a finite non-negative number, or undefined when absent or unreadable. */
function readCount(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? Math.trunc(v) : undefined;
  if (typeof v === 'string' && NUMERIC.test(v)) return Math.trunc(Number(v));
  return undefined;
}

/** The first readable count among candidates (in priority order), else 0: never NaN. */
function countOf(...candidates: unknown[]): number {
  for (const c of candidates) {
    const n = readCount(c);
    if (n !== undefined) return n;
  }
  return 0;
}

function flag(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v > 0;
  if (typeof v === 'string') return v === '1' || v.toLowerCase() === 'true';
  return false;
}

/**
 * Ids stay strings. A numeric id is accepted only while it is exactly representable: past 2^53
 * JSON.parse has already rounded it, and a rounded id silently points at another object.
 */
function idString(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
  return undefined;
}

/** Only web and inline-image URLs reach clients (never `javascript:` or other schemes). */
const SAFE_URL = /^(https?:\/\/|data:image\/)/i;

function safeUrl(u: unknown): string | null {
  if (typeof u !== 'string') return null;
  const url = u.trim();
  return SAFE_URL.test(url) ? url : null;
}

/** A URL from a camelCase string field or a snake_case `{url_list: [...]}` object. */
function firstUrl(v: unknown): string | null {
  if (typeof v === 'string') return safeUrl(v);
  if (!isRecord(v) || !Array.isArray(v.url_list)) return null;
  for (const u of v.url_list) {
    const url = safeUrl(u);
    if (url !== null) return url;
  }
  return null;
}

function firstUrlOf(...candidates: unknown[]): string | null {
  for (const c of candidates) {
    const url = firstUrl(c);
    if (url !== null) return url;
  }
  return null;
}

function cursorOf(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  return null;
}

/** Unicode letters (with their combining marks), digits and underscore, as TikTok tags allow. */
const CAPTION_TAG = /#([\p{L}\p{M}\p{N}_]+)/gu;

/**
 * Hashtags from text_extra (structured, type 1), cha_list (the challenges the post joined) and
 * the caption (tags TikTok did not link). Lower-cased, de-duplicated, in order of first appearance.
 */
export function extractHashtags(caption: string, textExtra: unknown, chaList: unknown): string[] {
  const tags: string[] = [];
  const seen = new Set<string>();
  const add = (raw: unknown): void => {
    const tag = normalizeHashtag.parsed(raw);
    if (tag !== '' && !seen.has(tag)) {
      seen.add(tag);
      tags.push(tag);
    }
  };
  if (Array.isArray(textExtra)) {
    for (const item of textExtra) {
      if (isRecord(item) && item.type === 1) add(item.hashtag_name);
    }
  }
  if (Array.isArray(chaList)) {
    for (const item of chaList) {
      if (isRecord(item)) add(item.cha_name);
    }
  }
  for (const match of caption.matchAll(CAPTION_TAG)) add(match[1]);
  return tags;
}

function isVerified(user: Rec): boolean {
  return (
    flag(user.verified) ||
    countOf(user.verification_type) > 0 ||
    // Search results report verification_type 0 for verified creators; the badge text is the signal.
    text(user.custom_verify) !== '' ||
    text(user.enterprise_verify_reason) !== ''
  );
}

function isPrivate(user: Rec): boolean {
  return (
    flag(user.privateAccount) ||
    flag(user.private_account) ||
    flag(user.is_private_account) ||
    flag(user.secret)
  );
}

/** Largest first: the hybrid user has camelCase string URLs and snake_case url_list objects. */
function avatarOf(user: Rec): string | null {
  return firstUrlOf(
    user.avatarLarger,
    user.avatar_larger,
    user.avatarMedium,
    user.avatar_medium,
    user.avatar_300x300,
    user.avatar_168x168,
    user.avatarThumb,
    user.avatar_thumb,
  );
}

const nullIfEmpty = (s: string): string | null => (s === '' ? null : s);

function requireData(raw: unknown, what: string): Rec & { data: unknown } {
  if (!isRecord(raw)) throw new EnsembleParseError(what, 'body is not a JSON object');
  if (!('data' in raw) || raw.data === undefined) {
    throw new EnsembleParseError(what, 'body has no "data"');
  }
  return raw as Rec & { data: unknown };
}

/** `/tt/user/info` -> Profile; `null` when Ensemble answered `{data: null}` (unknown user). */
export function parseUserInfo(raw: unknown): Profile | null {
  const body = requireData(raw, 'user info');
  if (body.data === null) return null;
  if (!isRecord(body.data)) throw new EnsembleParseError('user info', '"data" is not an object');
  const user = body.data.user;
  if (!isRecord(user)) throw new EnsembleParseError('user info', '"data.user" is not an object');
  const stats = asRecord(body.data.stats);
  const statsV2 = asRecord(body.data.statsV2);

  const username = text(user.uniqueId) || text(user.unique_id) || text(user.search_user_name) || '';
  if (username === '') throw new EnsembleParseError('user info', 'user has no username');

  const secUid = text(user.secUid) || text(user.sec_uid);
  return {
    username,
    userId: idString(user.id) ?? idString(user.uid) ?? '',
    ...(secUid !== '' ? { secUid } : {}),
    nickname: text(user.nickname) || username,
    bio: text(user.signature),
    followerCount: countOf(stats.followerCount, statsV2.followerCount, user.follower_count),
    followingCount: countOf(stats.followingCount, statsV2.followingCount, user.following_count),
    likesCount: countOf(
      stats.heartCount,
      stats.heart,
      statsV2.heartCount,
      statsV2.heart,
      user.total_favorited,
    ),
    videoCount: countOf(stats.videoCount, statsV2.videoCount, user.aweme_count),
    avatarUrl: avatarOf(user),
    isVerified: isVerified(user),
    isPrivate: isPrivate(user),
    region: nullIfEmpty(text(user.region)),
  };
}

function parseAuthor(raw: unknown): PostAuthor {
  const author = asRecord(raw);
  const username = text(author.unique_id) || text(author.uniqueId);
  return {
    userId: idString(author.uid) ?? idString(author.id) ?? '',
    username,
    nickname: text(author.nickname) || username,
    avatarUrl: avatarOf(author),
    isVerified: isVerified(author),
    followerCount: countOf(author.follower_count, author.followerCount),
  };
}

function isPhotoPost(aweme: Rec): boolean {
  const info = aweme.image_post_info;
  if (isRecord(info)) {
    if (Array.isArray(info.images) && info.images.length > 0) return true;
    if (isRecord(info.image_post_cover)) return true;
  }
  // 150 is TikTok's aweme_type for photo mode; some payloads omit image_post_info.
  return aweme.aweme_type === 150;
}

function photoCover(aweme: Rec): string | null {
  const info = asRecord(aweme.image_post_info);
  const cover = asRecord(info.image_post_cover);
  const first = Array.isArray(info.images) ? asRecord(info.images[0]) : {};
  return firstUrlOf(cover.display_image, cover.thumbnail, first.display_image, first.thumbnail);
}

/** Each carousel image's best URL; images without one are skipped. */
function photoImages(aweme: Rec): string[] {
  const images = asRecord(aweme.image_post_info).images;
  if (!Array.isArray(images)) return [];
  return images.flatMap((raw) => {
    const img = asRecord(raw);
    const url = firstUrlOf(img.display_image, img.owner_watermark_image, img.thumbnail);
    return url === null ? [] : [url];
  });
}

export function canonicalPostUrl(username: string, postId: string): string {
  // Without a handle the www form has no valid path; TikTok's short form needs only the id.
  if (username === '') return `https://m.tiktok.com/v/${encodeURIComponent(postId)}.html`;
  return `https://www.tiktok.com/@${encodeURIComponent(username)}/video/${encodeURIComponent(postId)}`;
}

/** One mobile-format post ("aweme"). Throws EnsembleParseError when it is not a post at all. */
export function parseAweme(raw: unknown): Post {
  if (!isRecord(raw)) throw new EnsembleParseError('post', 'post is not an object');
  const id = idString(raw.aweme_id);
  if (id === undefined) throw new EnsembleParseError('post', 'post has no aweme_id');

  const author = parseAuthor(raw.author);
  const stats = asRecord(raw.statistics);
  const video = asRecord(raw.video);
  const music = isRecord(raw.music) ? raw.music : null;
  const caption = typeof raw.desc === 'string' ? raw.desc : '';
  const photo = isPhotoPost(raw);

  return {
    id,
    caption,
    createTime: countOf(raw.create_time),
    stats: {
      views: countOf(stats.play_count),
      likes: countOf(stats.digg_count),
      comments: countOf(stats.comment_count),
      shares: countOf(stats.share_count),
      favorites: countOf(stats.collect_count),
    },
    hashtags: extractHashtags(caption, raw.text_extra, raw.cha_list),
    isPinned: flag(raw.is_top),
    isAd: flag(raw.is_ads),
    isPhoto: photo,
    // A photo post's play_addr is its soundtrack, not a video.
    videoUrl: photo ? null : firstUrlOf(video.play_addr, video.download_addr),
    coverImageUrl:
      firstUrlOf(video.cover, video.origin_cover, video.dynamic_cover) ?? photoCover(raw),
    images: photo ? photoImages(raw) : [],
    durationSeconds: photo ? 0 : Math.round(countOf(video.duration) / 1000),
    author,
    music: music ? { title: text(music.title), author: text(music.author) } : null,
    region: nullIfEmpty(text(raw.region)),
    tiktokUrl: canonicalPostUrl(author.username, id),
  };
}

/**
 * A list of posts from a page. Items that are not posts are skipped rather than failing the page;
 * duplicates (same id) keep their first occurrence.
 */
function parsePostList(items: unknown[]): Post[] {
  const posts: Post[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    let post: Post;
    try {
      post = parseAweme(item);
    } catch (error) {
      if (error instanceof EnsembleParseError) continue;
      throw error;
    }
    if (seen.has(post.id)) continue;
    seen.add(post.id);
    posts.push(post);
  }
  return posts;
}

/** A list field that may be absent or `null` (meaning empty) but must otherwise be an array. */
function listOf(v: unknown, what: string, field: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new EnsembleParseError(what, `"${field}" is not a list`);
  return v;
}

/**
 * Ensemble marks the last page by omitting `nextCursor`; an empty page also ends pagination,
 * so a cursor that keeps coming back with nothing behind it cannot loop a caller forever.
 */
function page(posts: Post[], rawCount: number, cursor: unknown): PostPage {
  const nextCursor = rawCount > 0 ? cursorOf(cursor) : null;
  return { posts, nextCursor, hasMore: nextCursor !== null };
}

/** `/tt/user/posts`: `{data: [aweme...], nextCursor}` at the top level. */
export function parseUserPostsPage(raw: unknown): PostPage {
  const body = requireData(raw, 'user posts');
  const items = listOf(body.data, 'user posts', 'data');
  return page(parsePostList(items), items.length, body.nextCursor);
}

function nestedData(raw: unknown, what: string): Rec {
  const body = requireData(raw, what);
  if (!isRecord(body.data)) throw new EnsembleParseError(what, '"data" is not an object');
  return body.data;
}

/** `/tt/keyword/search`: `{data: {data: [{type, aweme_info}], nextCursor}}`; non-video items skipped. */
export function parseKeywordSearchPage(raw: unknown): PostPage {
  const data = nestedData(raw, 'keyword search');
  const items = listOf(data.data, 'keyword search', 'data.data');
  const awemes = items.filter(isRecord).map((item) => item.aweme_info);
  return page(parsePostList(awemes), items.length, data.nextCursor);
}

/** `/tt/hashtag/posts`: `{data: {data: [aweme...], nextCursor}}`; an unknown tag is an empty list. */
export function parseHashtagPostsPage(raw: unknown): PostPage {
  const data = nestedData(raw, 'hashtag posts');
  const items = listOf(data.data, 'hashtag posts', 'data.data');
  return page(parsePostList(items), items.length, data.nextCursor);
}

/** A mobile snake_case user (search result). `null` when it has no identity at all. */
export function parseUserSummary(raw: unknown): UserSummary | null {
  if (!isRecord(raw)) return null;
  const username = text(raw.unique_id) || text(raw.uniqueId);
  const userId = idString(raw.uid) ?? idString(raw.id) ?? '';
  if (username === '') return null;
  return {
    userId,
    username,
    nickname: text(raw.nickname) || username,
    bio: text(raw.signature),
    avatarUrl: avatarOf(raw),
    isVerified: isVerified(raw),
    isPrivate: isPrivate(raw),
    followerCount: countOf(raw.follower_count, raw.followerCount),
    followingCount: countOf(raw.following_count, raw.followingCount),
    likesCount: countOf(raw.total_favorited, raw.heartCount),
    videoCount: countOf(raw.aweme_count, raw.videoCount),
  };
}

/** `/tt/user/search`: `{data: {users: [{user_info}], nextCursor}}`. */
export function parseUserSearchPage(raw: unknown): UserSearchPage {
  const data = nestedData(raw, 'user search');
  const items = listOf(data.users, 'user search', 'data.users');
  const users: UserSummary[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const user = parseUserSummary(asRecord(item).user_info);
    if (user === null || seen.has(user.username)) continue;
    seen.add(user.username);
    users.push(user);
  }
  return { users, nextCursor: items.length > 0 ? cursorOf(data.nextCursor) : null };
}
