/**
 * Raw Ensemble Data (TikTok) response shapes, as far as the service reads them.
 *
 * These describe what *may* be present: real responses vary between endpoints and over time,
 * so every field is optional and loosely typed (counts arrive as numbers or numeric strings,
 * flags as booleans or 0/1). Parsers narrow from `unknown` and never trust these types blindly;
 * the simulator, the demo builders and the test fixtures produce them (`satisfies`).
 */

/** The Ensemble paths the service calls. The simulator must answer every one. */
export type EnsemblePath =
  | '/tt/user/info'
  | '/tt/user/posts'
  | '/tt/keyword/search'
  | '/tt/hashtag/posts'
  | '/tt/user/search';

/** A number, or the same number as a string ("1234"). */
export type RawCount = number | string | null;

/** TikTok's boolean-ish flags: `true`, `1`, sometimes `"1"`. */
export type RawFlag = boolean | number | string | null;

/** The `{uri, url_list}` image/video address object used throughout the mobile API. */
export interface RawUrlList {
  uri?: string;
  url_list?: string[] | null;
  width?: number;
  height?: number;
}

/** Mobile (snake_case) user, as embedded in posts (`author`) and user search (`user_info`). */
export interface RawMobileUser {
  uid?: string;
  unique_id?: string;
  nickname?: string;
  sec_uid?: string;
  signature?: string;
  region?: string;
  follower_count?: RawCount;
  following_count?: RawCount;
  total_favorited?: RawCount;
  aweme_count?: RawCount;
  favoriting_count?: RawCount;
  verification_type?: RawCount;
  custom_verify?: string;
  enterprise_verify_reason?: string;
  secret?: RawFlag;
  private_account?: RawFlag;
  is_private_account?: RawFlag;
  avatar_thumb?: RawUrlList | null;
  avatar_medium?: RawUrlList | null;
  avatar_larger?: RawUrlList | null;
  avatar_168x168?: RawUrlList | null;
  avatar_300x300?: RawUrlList | null;
}

/**
 * `/tt/user/info` `data.user`: web camelCase fields mixed with mobile snake_case ones.
 * It has no `unique_id` and no counts — those live in `data.stats`.
 */
export interface RawHybridUser extends RawMobileUser {
  id?: string;
  uniqueId?: string;
  secUid?: string;
  verified?: RawFlag;
  privateAccount?: RawFlag;
  avatarThumb?: string;
  avatarMedium?: string;
  avatarLarger?: string;
  search_user_name?: string;
}

export interface RawUserStats {
  followerCount?: RawCount;
  followingCount?: RawCount;
  heartCount?: RawCount;
  heart?: RawCount;
  videoCount?: RawCount;
  diggCount?: RawCount;
}

/** `/tt/user/info` body. `data` is `null` for an unknown username. */
export interface RawUserInfoResponse {
  data: {
    user?: RawHybridUser;
    stats?: RawUserStats;
    /** Newer web payloads carry string-typed twins of `stats`. */
    statsV2?: RawUserStats;
  } | null;
}

export interface RawTextExtra {
  /** 1 = hashtag, 0 = mention. */
  type?: number;
  hashtag_name?: string;
  hashtag_id?: string;
  user_id?: string;
  sec_uid?: string;
  start?: number;
  end?: number;
}

export interface RawChallenge {
  cid?: string;
  cha_name?: string;
}

export interface RawStatistics {
  aweme_id?: string;
  play_count?: RawCount;
  digg_count?: RawCount;
  comment_count?: RawCount;
  share_count?: RawCount;
  collect_count?: RawCount;
  download_count?: RawCount;
}

export interface RawVideo {
  /** Milliseconds; 0 for photo posts. */
  duration?: RawCount;
  cover?: RawUrlList | null;
  origin_cover?: RawUrlList | null;
  dynamic_cover?: RawUrlList | null;
  play_addr?: RawUrlList | null;
  download_addr?: RawUrlList | null;
  width?: number;
  height?: number;
}

export interface RawMusic {
  /** Exceeds 2^53 — already imprecise once JSON.parse has run. Use `id_str`. */
  id?: number;
  id_str?: string;
  title?: string;
  author?: string;
  /** Seconds. */
  duration?: RawCount;
  owner_handle?: string;
}

export interface RawImage {
  display_image?: RawUrlList | null;
  thumbnail?: RawUrlList | null;
  owner_watermark_image?: RawUrlList | null;
  user_watermark_image?: RawUrlList | null;
}

/** Photo (slideshow) posts. */
export interface RawImagePostInfo {
  images?: RawImage[] | null;
  image_post_cover?: RawImage | null;
  title?: string;
}

/** A post, in the mobile snake_case format shared by user posts, hashtag posts and keyword search. */
export interface RawAweme {
  aweme_id?: string;
  desc?: string;
  /** Unix seconds. */
  create_time?: RawCount;
  /** Pinned to the profile; pinned posts come first in user posts. */
  is_top?: RawFlag;
  is_ads?: RawFlag;
  region?: string;
  aweme_type?: number;
  content_type?: string;
  /** Exceeds 2^53 — use `author.uid`. */
  author_user_id?: number;
  author?: RawMobileUser | null;
  statistics?: RawStatistics | null;
  video?: RawVideo | null;
  music?: RawMusic | null;
  text_extra?: RawTextExtra[] | null;
  /** An array, or `null` when the post has no challenges. */
  cha_list?: RawChallenge[] | null;
  /** Two different URL forms in the wild; the canonical URL is built instead. */
  share_url?: string;
  image_post_info?: RawImagePostInfo | null;
}

/** `/tt/user/posts` body: the list sits at the **top level**. `nextCursor` is a ms timestamp. */
export interface RawUserPostsResponse {
  data: RawAweme[] | null;
  nextCursor?: number | string | null;
}

/** One `/tt/keyword/search` result. Non-video results (`type` ≠ 1) carry no `aweme_info`. */
export interface RawKeywordSearchItem {
  type?: number;
  aweme_info?: RawAweme | null;
  /** User cards (`type` 4). */
  user_list?: RawUserSearchItem[] | null;
  /** Exceeds 2^53 — use `provider_doc_id_str`. */
  doc_id?: number;
  provider_doc_id_str?: string;
  doc_type?: number;
  feedback_type?: string;
}

export interface RawKeywordSearchResponse {
  data: {
    data?: RawKeywordSearchItem[] | null;
    /** Offset of the next page. */
    nextCursor?: number | string | null;
  };
}

/** `/tt/hashtag/posts` body. Unknown tags answer an empty list. */
export interface RawHashtagPostsResponse {
  data: {
    data?: RawAweme[] | null;
    nextCursor?: number | string | null;
  };
}

export interface RawUserSearchItem {
  user_info?: RawMobileUser | null;
  position?: number;
}

export interface RawUserSearchResponse {
  data: {
    users?: RawUserSearchItem[] | null;
    nextCursor?: number | string | null;
  };
}

/** Error body: a string detail, or (for 422) a list of validation problems. */
export interface RawErrorBody {
  detail?: string | { loc?: (string | number)[]; msg?: string; type?: string }[];
}
