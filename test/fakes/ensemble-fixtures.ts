import type {
  RawAweme,
  RawErrorBody,
  RawHashtagPostsResponse,
  RawKeywordSearchItem,
  RawKeywordSearchResponse,
  RawMobileUser,
  RawStatistics,
  RawTextExtra,
  RawUrlList,
  RawUserInfoResponse,
  RawUserPostsResponse,
  RawUserSearchItem,
  RawUserSearchResponse,
} from '../../src/tiktok/ensemble/ensemble.types';
import type {
  AwemeView,
  EnsembleDataset,
  SimulatedPost,
  SimulatedUser,
} from '../../src/tiktok/ensemble/simulator/ensemble-simulator';

/**
 * Builders for raw Ensemble Data responses, written for this project from the shapes Ensemble
 * documents (mobile snake_case posts, the hybrid camelCase/snake_case user info, wrapped keyword
 * results). They are trimmed to what matters but keep the traps: string-typed and missing counts,
 * ids beyond 2^53, `cha_list: null`, two share_url forms, photo posts, hybrid avatars.
 *
 * Used by the parser specs, the client spec and (as a simulator dataset) the fake Ensemble server.
 */

export type Json = Record<string, unknown>;

export interface FixtureUser {
  /** Always beyond 2^53 in the corpus, as real TikTok uids are. */
  uid: string;
  uniqueId: string;
  nickname: string;
  secUid: string;
  signature: string;
  region: string;
  followers: number;
  following: number;
  likes: number;
  videos: number;
  /** Web `verified: true`; mobile shapes express it through custom_verify. */
  verified: boolean;
  isPrivate: boolean;
}

export interface FixturePost {
  id: string;
  author: FixtureUser;
  desc: string;
  /** Unix seconds. */
  createTime: number;
  /** Counts as numbers, numeric strings, or absent (`undefined`) as real payloads vary. */
  views?: number | string;
  likes?: number | string;
  comments?: number | string;
  shares?: number | string;
  collects?: number | string;
  /** Drop the whole `statistics` object. */
  noStatistics?: boolean;
  /**
   * Caption tags TikTok linked (text_extra type 1). Default: every `#tag` in desc.
   * Tags left out here stay caption-only.
   */
  linkedTags?: string[];
  /** cha_list names; `null` (the default) reproduces the `cha_list: null` trap. */
  chaList?: string[] | null;
  isTop?: boolean;
  isAds?: boolean;
  photo?: boolean;
  durationMs?: number;
  region?: string;
  musicTitle?: string;
  /** 'm' -> https://m.tiktok.com/v/<id>.html…, 'www' -> https://www.tiktok.com/@u/video/<id>?… */
  shareUrlForm?: 'm' | 'www';
}

const CDN = 'https://p16-sign.tiktokcdn-us.com';
const PHOTO_IMAGES = [1, 2, 3];

export function urlList(key: string, kind: string): RawUrlList & { url_list: string[] } {
  return {
    uri: `tos-useast5-p-0068/${key}`,
    url_list: [
      `${CDN}/tos-useast5-p-0068/${key}~${kind}.webp?x-expires=1700000000&x-signature=fixture`,
      `${CDN}/tos-useast5-p-0068/${key}~${kind}.jpeg?x-expires=1700000000&x-signature=fixture`,
    ],
    width: 720,
    height: 720,
  };
}

export function avatarUrl(
  user: Pick<FixtureUser, 'uid'>,
  size: 'thumb' | 'medium' | 'larger',
): string {
  return urlList(`avatar-${user.uid}`, size).url_list[0];
}

function tagsIn(desc: string): string[] {
  return [...desc.matchAll(/#([\p{L}\p{M}\p{N}_]+)/gu)].map((m) => m[1]);
}

/** Mobile snake_case user as embedded in posts and user search results. */
export function rawMobileUser(
  user: FixtureUser,
  opts: { withStats?: boolean } = {},
): RawMobileUser {
  const withStats = opts.withStats ?? true;
  return {
    uid: user.uid,
    unique_id: user.uniqueId,
    nickname: user.nickname,
    sec_uid: user.secUid,
    signature: user.signature,
    region: user.region,
    // Keyword-search authors report 0 unless get_author_stats=true.
    follower_count: withStats ? user.followers : 0,
    following_count: withStats ? user.following : 0,
    total_favorited: withStats ? user.likes : 0,
    aweme_count: withStats ? user.videos : 0,
    favoriting_count: 0,
    // Mobile payloads report 0 even for verified creators; the badge text is what changes.
    verification_type: 0,
    custom_verify: user.verified ? 'Popular creator' : '',
    enterprise_verify_reason: '',
    secret: user.isPrivate ? 1 : 0,
    is_private_account: user.isPrivate ? 1 : 0,
    private_account: null,
    avatar_thumb: urlList(`avatar-${user.uid}`, 'thumb'),
    avatar_medium: urlList(`avatar-${user.uid}`, 'medium'),
    avatar_larger: urlList(`avatar-${user.uid}`, 'larger'),
    avatar_168x168: urlList(`avatar-${user.uid}`, '168'),
    avatar_300x300: urlList(`avatar-${user.uid}`, '300'),
  };
}

/** `/tt/user/info` body: the hybrid web/mobile user and the camelCase `stats` block. */
export function rawUserInfoBody(
  user: FixtureUser,
): RawUserInfoResponse & { data: NonNullable<RawUserInfoResponse['data']> } {
  return {
    data: {
      user: {
        // Mobile leftovers: no unique_id, no follower_count, verification_type 0.
        signature: user.signature,
        region: user.region,
        nickname: user.nickname,
        secret: user.isPrivate,
        verification_type: 0,
        custom_verify: user.verified ? 'Popular creator' : '',
        favoriting_count: 0,
        search_user_name: user.uniqueId,
        avatar_thumb: urlList(`avatar-${user.uid}`, 'thumb'),
        avatar_medium: urlList(`avatar-${user.uid}`, 'medium'),
        avatar_larger: urlList(`avatar-${user.uid}`, 'larger'),
        // Web fields.
        id: user.uid,
        uniqueId: user.uniqueId,
        secUid: user.secUid,
        avatarThumb: avatarUrl(user, 'thumb'),
        avatarMedium: avatarUrl(user, 'medium'),
        avatarLarger: avatarUrl(user, 'larger'),
        verified: user.verified,
        privateAccount: user.isPrivate,
      },
      stats: {
        followingCount: user.following,
        followerCount: user.followers,
        heartCount: user.likes,
        videoCount: user.videos,
        diggCount: 0,
        heart: user.likes,
      },
    },
  };
}

/** A mobile-format post ("aweme"). */
export function rawAweme(post: FixturePost, opts: { authorStats?: boolean } = {}): RawAweme {
  const linked = post.linkedTags ?? tagsIn(post.desc);
  const textExtra: RawTextExtra[] = linked.map((tag, i) => {
    const start = Math.max(0, post.desc.indexOf(`#${tag}`));
    return {
      type: 1,
      hashtag_name: tag,
      hashtag_id: String(1000 + i),
      start,
      end: start + tag.length + 1,
      sec_uid: '',
      user_id: '',
    };
  });
  const statistics: RawStatistics = { aweme_id: post.id, download_count: 0 };
  const counts: [Exclude<keyof RawStatistics, 'aweme_id'>, number | string | undefined][] = [
    ['play_count', post.views],
    ['digg_count', post.likes],
    ['comment_count', post.comments],
    ['share_count', post.shares],
    ['collect_count', post.collects],
  ];
  for (const [key, value] of counts) if (value !== undefined) statistics[key] = value;

  const musicId = `7${post.id.slice(1, 18)}9`;
  const aweme: RawAweme = {
    aweme_id: post.id,
    desc: post.desc,
    create_time: post.createTime,
    author: rawMobileUser(post.author, { withStats: opts.authorStats ?? true }),
    // Beyond 2^53: already rounded by JSON.parse — the trap the parsers must sidestep.
    author_user_id: Number(post.author.uid),
    aweme_type: post.photo ? 150 : 0,
    is_top: post.isTop ? 1 : 0,
    is_ads: post.isAds ?? false,
    region: post.region ?? post.author.region,
    text_extra: textExtra,
    cha_list:
      post.chaList === undefined || post.chaList === null
        ? null
        : post.chaList.map((name, i) => ({ cid: String(2000 + i), cha_name: name })),
    music: {
      id: Number(musicId),
      id_str: musicId,
      title: post.musicTitle ?? `original sound - ${post.author.uniqueId}`,
      author: post.author.nickname,
      duration: 20,
      owner_handle: post.author.uniqueId,
    },
    share_url:
      post.shareUrlForm === 'www'
        ? `https://www.tiktok.com/@${post.author.uniqueId}/video/${post.id}?_r=1&u_code=0&source=h5_m`
        : `https://m.tiktok.com/v/${post.id}.html?u_code=0&preview_pb=0&language=en&source=h5_m`,
    video: post.photo
      ? {
          duration: 0,
          play_addr: { uri: `music-${musicId}`, url_list: [`${CDN}/obj/music-${musicId}.mp3`] },
        }
      : {
          duration: post.durationMs ?? 21_345,
          width: 1080,
          height: 1920,
          cover: urlList(`cover-${post.id}`, 'cover'),
          origin_cover: urlList(`origin-${post.id}`, 'origin'),
          dynamic_cover: urlList(`dynamic-${post.id}`, 'dynamic'),
          play_addr: {
            uri: `v-${post.id}`,
            url_list: [`https://v16-webapp.tiktok.com/video/${post.id}/play.mp4?expire=1700000000`],
          },
          download_addr: {
            uri: `v-${post.id}`,
            url_list: [`https://v16-webapp.tiktok.com/video/${post.id}/download.mp4`],
          },
        },
  };
  if (!post.noStatistics) aweme.statistics = statistics;
  if (post.photo) {
    aweme.image_post_info = {
      images: PHOTO_IMAGES.map((n) => ({
        display_image: urlList(`photo-${post.id}-${n}`, 'display'),
        thumbnail: urlList(`photo-${post.id}-${n}`, 'thumb'),
      })),
      image_post_cover: {
        display_image: urlList(`photo-${post.id}-1`, 'display'),
        thumbnail: urlList(`photo-${post.id}-1`, 'thumb'),
      },
      title: '',
    };
  }
  return aweme;
}

/** The URL the parsers should pick as a photo post's cover. */
export function photoCoverUrl(postId: string): string {
  return urlList(`photo-${postId}-1`, 'display').url_list[0];
}

/** The carousel URLs the parsers should list for a photo post, in order. */
export function photoImageUrls(postId: string): string[] {
  return PHOTO_IMAGES.map((n) => urlList(`photo-${postId}-${n}`, 'display').url_list[0]);
}

export function videoCoverUrl(postId: string): string {
  return urlList(`cover-${postId}`, 'cover').url_list[0];
}

/** `/tt/user/posts`: the list at the top level, `nextCursor` a ms timestamp (absent at the end). */
export function rawUserPostsBody(awemes: RawAweme[], nextCursor?: number): RawUserPostsResponse {
  return nextCursor === undefined ? { data: awemes } : { data: awemes, nextCursor };
}

/** A keyword-search video result wrapping its aweme. */
export function rawKeywordItem(aweme: RawAweme): RawKeywordSearchItem {
  const id = String(aweme.aweme_id);
  return {
    type: 1,
    aweme_info: aweme,
    doc_type: 183,
    doc_id: Number(id),
    provider_doc_id_str: id,
    feedback_type: 'video',
  };
}

/** A non-video keyword-search result (a user card) that carries no aweme_info. */
export function rawKeywordUserCard(user: FixtureUser): RawKeywordSearchItem {
  return {
    type: 4,
    user_list: [{ user_info: rawMobileUser(user) }],
    doc_type: 1,
    feedback_type: 'user',
  };
}

export function rawKeywordBody(
  items: RawKeywordSearchItem[],
  nextCursor?: number,
): RawKeywordSearchResponse {
  return { data: nextCursor === undefined ? { data: items } : { data: items, nextCursor } };
}

export function rawHashtagBody(awemes: RawAweme[], nextCursor?: number): RawHashtagPostsResponse {
  return { data: nextCursor === undefined ? { data: awemes } : { data: awemes, nextCursor } };
}

export function rawUserSearchItem(user: FixtureUser, position = 0): RawUserSearchItem {
  return { position, user_info: rawMobileUser(user) };
}

export function rawUserSearchBody(
  items: RawUserSearchItem[],
  nextCursor?: number,
): RawUserSearchResponse {
  return { data: nextCursor === undefined ? { users: items } : { users: items, nextCursor } };
}

export function rawErrorBody(detail: string): RawErrorBody {
  return { detail };
}

// ---------------------------------------------------------------------------------------------
// The default corpus: a small food niche plus a dance account, with the variety the trends
// pipeline needs — several authors, views above and below 1000, an ad, pinned and photo posts,
// hashtags shared across posts, and create_times relative to `now`.

export interface FixtureCorpus {
  now: number;
  users: FixtureUser[];
  posts: FixturePost[];
}

const user = (u: Omit<FixtureUser, 'secUid'>): FixtureUser => ({
  ...u,
  secUid: `MS4wLjABAAAA${u.uniqueId.replace(/[^a-z0-9]/gi, '')}${u.uid.slice(-6)}`,
});

export const FIXTURE_USERS = {
  chefmaya: user({
    uid: '7012345678901234567',
    uniqueId: 'chefmaya',
    nickname: 'Chef Maya',
    signature: 'Weeknight recipes in 60 seconds 🍝',
    region: 'US',
    followers: 1_250_000,
    following: 180,
    likes: 48_200_000,
    videos: 12,
    verified: true,
    isPrivate: false,
  }),
  grillmasterJoe: user({
    uid: '6890123456789012345',
    uniqueId: 'grillmaster_joe',
    nickname: 'Grill Master Joe',
    signature: 'Low and slow.',
    region: 'US',
    followers: 85_400,
    following: 310,
    likes: 1_900_000,
    videos: 2,
    verified: false,
    isPrivate: false,
  }),
  veganvibes: user({
    uid: '6798765432109876543',
    uniqueId: 'veganvibes',
    nickname: 'Vegan Vibes',
    signature: 'Plants, but make it comfort food 🌱',
    region: 'GB',
    followers: 230_000,
    following: 95,
    likes: 5_400_000,
    videos: 2,
    verified: false,
    isPrivate: false,
  }),
  tinykitchen: user({
    uid: '7123456789012345678',
    uniqueId: 'tinykitchen',
    nickname: 'Tiny Kitchen',
    signature: 'Cooking in a 4m² kitchen',
    region: 'US',
    followers: 3_900,
    following: 412,
    likes: 21_000,
    videos: 2,
    verified: false,
    isPrivate: false,
  }),
  brandfoods: user({
    uid: '7234567890123456789',
    uniqueId: 'brandfoods',
    nickname: 'Brand Foods Official',
    signature: 'Official account',
    region: 'US',
    followers: 510_000,
    following: 3,
    likes: 2_000_000,
    videos: 1,
    verified: true,
    isPrivate: false,
  }),
  dancequeen: user({
    uid: '6987654321098765432',
    uniqueId: 'dancequeen',
    nickname: 'Dance Queen',
    signature: 'New choreo every Friday 💃',
    region: 'US',
    followers: 2_100_000,
    following: 220,
    likes: 91_000_000,
    videos: 2,
    verified: true,
    isPrivate: false,
  }),
  secretcook: user({
    uid: '7345678901234567890',
    uniqueId: 'secretcook',
    nickname: 'Secret Cook',
    signature: '',
    region: 'FR',
    followers: 120,
    following: 80,
    likes: 300,
    videos: 4,
    verified: false,
    isPrivate: true,
  }),
} as const satisfies Record<string, FixtureUser>;

const HOUR = 3600;
const DAY = 24 * HOUR;

/** The default corpus, its create_times relative to `now` (ms). */
export function fixtureCorpus(now: number = Date.now()): FixtureCorpus {
  const t = Math.floor(now / 1000);
  const U = FIXTURE_USERS;
  const posts: FixturePost[] = [
    // chefmaya: 12 posts, so depth 1 (10 posts) leaves a next page.
    {
      id: '7400000000000000001',
      author: U.chefmaya,
      desc: 'My most famous pasta 🍝 #pasta #recipe #foodtok',
      createTime: t - 40 * DAY,
      views: 9_800_000,
      likes: 1_200_000,
      comments: 8_400,
      shares: 52_000,
      collects: 310_000,
      isTop: true,
      chaList: ['pasta', 'recipe', 'foodtok'],
      shareUrlForm: 'www',
    },
    {
      id: '7400000000000000002',
      author: U.chefmaya,
      desc: '15-minute garlic butter pasta #pasta #easyrecipe #dinnerideas #fyp',
      createTime: t - 2 * HOUR,
      views: 520_000,
      likes: 61_000,
      comments: 900,
      shares: 4_100,
      collects: 22_000,
      chaList: ['pasta', 'easyrecipe', 'dinnerideas', 'fyp'],
    },
    {
      id: '7400000000000000003',
      author: U.chefmaya,
      desc: 'Pantry staples checklist 📋 #mealprep #recipe',
      createTime: t - 1 * DAY,
      views: 88_000,
      likes: 9_300,
      comments: 120,
      shares: 800,
      collects: 5_100,
      photo: true,
    },
    {
      id: '7400000000000000004',
      author: U.chefmaya,
      desc: 'Crispy chickpea salad #recipe #healthyrecipes #foodtok',
      createTime: t - 2 * DAY,
      // String-typed counts, as some payloads send them.
      views: '240000',
      likes: '31000',
      comments: '410',
      shares: '1200',
      collects: '9000',
    },
    {
      id: '7400000000000000005',
      author: U.chefmaya,
      desc: 'One-pot lemon orzo #pasta #onepot #dinnerideas',
      createTime: t - 3 * DAY,
      views: 1_100_000,
      likes: 140_000,
      comments: 2_300,
      shares: 9_800,
      collects: 61_000,
      durationMs: 45_600,
    },
    {
      id: '7400000000000000006',
      author: U.chefmaya,
      // #ViralRecipe is caption-only: TikTok did not link it.
      desc: 'Testing the viral feta pasta #fetapasta #pasta #ViralRecipe',
      createTime: t - 4 * DAY,
      views: 310_000,
      likes: 28_000,
      comments: 640,
      shares: 2_000,
      collects: 7_700,
      linkedTags: ['fetapasta', 'pasta'],
    },
    {
      id: '7400000000000000007',
      author: U.chefmaya,
      desc: 'Quick ramen upgrade #ramen #easyrecipe #foodtok',
      createTime: t - 5 * DAY,
      noStatistics: true,
    },
    {
      id: '7400000000000000008',
      author: U.chefmaya,
      desc: 'Sunday meal prep #mealprep #recipe',
      createTime: t - 6 * DAY,
      views: 64_000,
      likes: 5_200,
      comments: 88,
      shares: 300,
      // collect_count missing.
    },
    {
      id: '7400000000000000009',
      author: U.chefmaya,
      desc: 'Homemade gnocchi #pasta #homemade',
      createTime: t - 9 * DAY,
      views: 430_000,
      likes: 47_000,
      comments: 700,
      shares: 3_000,
      collects: 18_000,
    },
    {
      id: '7400000000000000010',
      author: U.chefmaya,
      desc: 'Knife skills 101 #cookingtips #foodtok',
      createTime: t - 12 * DAY,
      views: 150_000,
      likes: 12_000,
      comments: 150,
      shares: 900,
      collects: 6_000,
    },
    {
      id: '7400000000000000011',
      author: U.chefmaya,
      desc: 'Tiramisu for two #dessert #recipe',
      createTime: t - 20 * DAY,
      views: 700_000,
      likes: 90_000,
      comments: 1_100,
      shares: 5_500,
      collects: 40_000,
    },
    {
      id: '7400000000000000012',
      author: U.chefmaya,
      desc: 'Pizza dough, no mixer #pizza #homemade',
      createTime: t - 30 * DAY,
      views: 1_900_000,
      likes: 250_000,
      comments: 3_900,
      shares: 12_000,
      collects: 99_000,
    },
    // Other authors in the same niche.
    {
      id: '7400000000000000101',
      author: U.grillmasterJoe,
      desc: 'Reverse sear ribeye 🔥 #bbq #grilling #steak #foodtok',
      createTime: t - 1 * DAY,
      views: 150_000,
      likes: 14_000,
      comments: 300,
      shares: 700,
      collects: 2_100,
      chaList: ['bbq', 'grilling'],
    },
    {
      id: '7400000000000000102',
      author: U.grillmasterJoe,
      desc: 'Smoked brisket, 14 hours #bbq #smoker',
      createTime: t - 8 * DAY,
      views: 60_000,
      likes: 4_000,
      comments: 90,
      shares: 150,
      collects: 900,
    },
    {
      id: '7400000000000000201',
      author: U.veganvibes,
      desc: 'Vegan carbonara that actually slaps #vegan #pasta #plantbased #recipe',
      createTime: t - 2 * DAY,
      views: 410_000,
      likes: 52_000,
      comments: 1_400,
      shares: 3_300,
      collects: 26_000,
      region: 'GB',
    },
    {
      id: '7400000000000000202',
      author: U.veganvibes,
      desc: 'Tofu scramble #vegan #breakfast #easyrecipe',
      createTime: t - 5 * DAY,
      views: 22_000,
      likes: 1_900,
      comments: 40,
      shares: 60,
      collects: 700,
    },
    {
      id: '7400000000000000301',
      author: U.tinykitchen,
      desc: 'My first pasta from scratch #pasta #homemade #recipe',
      createTime: t - 3 * DAY,
      views: 640,
      likes: 45,
      comments: 3,
      shares: 0,
      collects: 2,
    },
    {
      id: '7400000000000000302',
      author: U.tinykitchen,
      desc: 'Dorm room ramen #ramen #easyrecipe',
      createTime: t - 1 * DAY,
      views: 310,
      likes: 12,
      comments: 1,
      shares: 0,
      collects: 0,
    },
    {
      id: '7400000000000000401',
      author: U.brandfoods,
      desc: 'Try our new pasta sauce! #pasta #ad #sponsored',
      createTime: t - 1 * DAY,
      views: 2_400_000,
      likes: 9_000,
      comments: 200,
      shares: 100,
      collects: 300,
      isAds: true,
    },
    // A different niche.
    {
      id: '7400000000000000501',
      author: U.dancequeen,
      desc: 'Friday choreo ✨ #dance #fyp #trend',
      createTime: t - 1 * DAY,
      views: 3_200_000,
      likes: 410_000,
      comments: 5_200,
      shares: 30_000,
      collects: 18_000,
    },
    {
      id: '7400000000000000502',
      author: U.dancequeen,
      desc: 'New choreo, tutorial soon #dance #fyp',
      createTime: t - 15 * DAY,
      views: 900_000,
      likes: 120_000,
      comments: 1_800,
      shares: 6_000,
      collects: 7_500,
    },
  ];
  return { now, users: Object.values(FIXTURE_USERS), posts };
}

/** Hashtags a post carries, as the parsers should derive them (for assertions). */
export function expectedHashtags(post: FixturePost): string[] {
  const out: string[] = [];
  const add = (tag: string): void => {
    const t = tag.toLowerCase();
    if (!out.includes(t)) out.push(t);
  };
  (post.linkedTags ?? tagsIn(post.desc)).forEach(add);
  (post.chaList ?? []).forEach(add);
  tagsIn(post.desc).forEach(add);
  return out;
}

/** The corpus as a dataset of the Ensemble simulator; built per call, so edits to it show. */
export function fixtureDataset(
  corpus: FixtureCorpus,
): EnsembleDataset<
  SimulatedUser & { fixture: FixtureUser },
  SimulatedPost & { fixture: FixturePost }
> {
  const nowSec = Math.floor(corpus.now / 1000);
  return {
    users: corpus.users.map((u) => ({
      username: u.uniqueId,
      nickname: u.nickname,
      isPrivate: u.isPrivate,
      fixture: u,
    })),
    posts: corpus.posts.map((p) => ({
      id: p.id,
      owner: p.author.uniqueId,
      caption: p.desc,
      tags: tagsIn(p.desc).map((t) => t.toLowerCase()),
      ageSec: nowSec - p.createTime,
      pinned: p.isTop === true,
      likes: Number(p.likes ?? 0),
      rankNoise: 0,
      fixture: p,
    })),
    userInfo: (u) => rawUserInfoBody(u.fixture).data,
    mobileUser: (u, withStats) => rawMobileUser(u.fixture, { withStats }),
    aweme: (p, _author, view: AwemeView) =>
      rawAweme({ ...p.fixture, createTime: view.createTime }, { authorStats: view.authorStats }),
  };
}
