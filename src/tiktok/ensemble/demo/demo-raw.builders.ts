import type { DemoPost, DemoUser } from './demo-dataset';
import { demoAvatarUrl, demoCoverUrl, demoPhotoUrl, demoVideoUrl } from './demo-media';
import { hashSeed } from './seeded-random';

/**
 * Turns demo records into Ensemble's raw JSON shapes (a faithful subset of the fields real
 * responses carry, including the awkward ones: the camelCase/snake_case hybrid user info,
 * ids above 2^53 as numbers, `cha_list: null`, empty url_lists on photo posts).
 * The demo keeps its own minimal shapes here on purpose: it must look like Ensemble, not like
 * what our parsers happen to expect.
 */

export interface RawImage {
  uri: string;
  url_list: string[];
  width: number;
  height: number;
}

export type RawObject = Record<string, unknown>;

export interface AwemeOptions {
  nowSec: number;
  /** Keyword search leaves author counts at 0 unless get_author_stats=true. */
  authorStats: boolean;
  /** User posts use the www form; hashtag and keyword results the m.tiktok.com form. */
  shareUrl: 'web' | 'mobile';
  /** Resolves caption mentions to the mentioned user's ids. */
  users: ReadonlyMap<string, DemoUser>;
}

/** Two CDN variants per image, like the real url_lists (webp first, then jpeg). */
function image(url: string, uri: string, width: number, height: number): RawImage {
  return { uri, url_list: [`${url}.webp`, `${url}.jpg`], width, height };
}

function avatar(user: DemoUser, size: number): RawImage {
  return image(demoAvatarUrl(user.username, size), `tos-demo-avt/${user.uid}`, size, size);
}

export function cidFor(tag: string): string {
  return String(hashSeed(`cha:${tag}`));
}

export function rawAweme(post: DemoPost, author: DemoUser, opts: AwemeOptions): RawObject {
  const createTime = opts.nowSec - post.ageSec;
  const photo = post.photoCount > 0;
  const cover = image(demoCoverUrl(post.id, 'cover'), `tos-demo-p/${post.id}-cover`, 540, 960);
  const playUrl = photo ? [] : [demoVideoUrl(post.id, 'play'), demoVideoUrl(post.id, 'play-bak')];
  const shareUrl =
    opts.shareUrl === 'web'
      ? `https://www.tiktok.com/@${author.username}/video/${post.id}?_r=1&u_code=0&preview_pb=0&language=en&share_item_id=${post.id}&source=h5_m`
      : `https://m.tiktok.com/v/${post.id}.html?u_code=0&preview_pb=0&language=en&share_item_id=${post.id}&source=h5_m`;
  const aweme: RawObject = {
    aweme_id: post.id,
    group_id: post.id,
    aweme_type: photo ? 150 : 0,
    content_type: photo ? 'photo' : 'video',
    desc: post.caption,
    desc_language: 'en',
    create_time: createTime,
    is_top: post.pinned ? 1 : 0,
    is_ads: post.ad,
    region: post.region,
    author_user_id: Number(author.uid),
    author: rawPostAuthor(author, opts.authorStats),
    statistics: {
      aweme_id: post.id,
      play_count: post.stats.views,
      digg_count: post.stats.likes,
      comment_count: post.stats.comments,
      share_count: post.stats.shares,
      collect_count: post.stats.saves,
      download_count: post.stats.downloads,
      forward_count: 0,
      whatsapp_share_count: Math.round(post.stats.shares / 10),
    },
    video: {
      duration: post.durationMs,
      width: 576,
      height: 1024,
      ratio: '540p',
      has_watermark: true,
      cover,
      origin_cover: image(
        demoCoverUrl(post.id, 'origin'),
        `tos-demo-p/${post.id}-origin`,
        540,
        960,
      ),
      dynamic_cover: image(
        demoCoverUrl(post.id, 'dynamic'),
        `tos-demo-p/${post.id}-dynamic`,
        540,
        960,
      ),
      play_addr: { uri: `v-demo-${post.id}`, url_list: playUrl, width: 576, height: 1024 },
      download_addr: {
        uri: `v-demo-${post.id}`,
        url_list: photo ? [] : [demoVideoUrl(post.id, 'download')],
        width: 576,
        height: 1024,
      },
    },
    music: {
      id: Number(post.music.idStr),
      id_str: post.music.idStr,
      mid: post.music.idStr,
      title: post.music.title,
      author: post.music.author,
      duration: post.music.durationSec,
      is_original_sound: post.music.original,
      owner_handle: post.music.original ? author.username : '',
      play_url: { uri: '', url_list: [] },
    },
    text_extra: post.entities.map((e) =>
      e.type === 'hashtag'
        ? {
            start: e.start,
            end: e.end,
            type: 1,
            hashtag_name: e.tag,
            hashtag_id: cidFor(e.tag),
            is_commerce: false,
            user_id: '',
            sec_uid: '',
          }
        : {
            start: e.start,
            end: e.end,
            type: 0,
            user_id: opts.users.get(e.username)?.uid ?? '',
            sec_uid: opts.users.get(e.username)?.secUid ?? '',
            is_commerce: false,
          },
    ),
    cha_list: post.chaListNull
      ? null
      : post.tags.map((tag) => ({
          cid: cidFor(tag),
          cha_name: tag,
          desc: '',
          type: 1,
          user_count: 0,
          view_count: 0,
          is_commerce: false,
          share_info: { share_url: `https://www.tiktok.com/tag/${tag}?_r=1&name=${tag}` },
        })),
    share_url: shareUrl,
    share_info: {
      share_url: shareUrl,
      share_desc: `Check out ${author.nickname}'s video! #TikTok`,
      share_title: `Check out ${author.nickname}'s video! #TikTok > `,
    },
    status: {
      aweme_id: post.id,
      is_delete: false,
      allow_share: true,
      allow_comment: true,
      private_status: 0,
      in_reviewing: false,
      is_prohibited: false,
    },
    image_infos: null,
  };
  if (photo) {
    aweme.image_post_info = {
      images: Array.from({ length: post.photoCount }, (_, i) => {
        const url = demoPhotoUrl(post.id, i);
        const uri = `tos-demo-i/${post.id}-${i}`;
        return {
          display_image: { uri, url_list: [url], width: 1080, height: 1440 },
          owner_watermark_image: { uri, url_list: [url], width: 1080, height: 1440 },
          thumbnail: { uri, url_list: [url], width: 360, height: 480 },
        };
      }),
      image_post_cover: {
        display_image: { uri: cover.uri, url_list: cover.url_list, width: 1080, height: 1440 },
      },
      title: '',
    };
  }
  return aweme;
}

function rawPostAuthor(user: DemoUser, withStats: boolean): RawObject {
  return {
    uid: user.uid,
    unique_id: user.username,
    nickname: user.nickname,
    sec_uid: user.secUid,
    signature: user.bio,
    region: user.region,
    language: 'en',
    secret: 0,
    verification_type: user.verified ? 1 : 0,
    custom_verify: user.verified ? 'Popular creator' : '',
    follower_count: withStats ? user.followers : 0,
    following_count: withStats ? user.following : 0,
    total_favorited: withStats ? user.heartCount : 0,
    aweme_count: withStats ? user.videoCount : 0,
    favoriting_count: withStats ? user.likesGiven : 0,
    avatar_thumb: avatar(user, 100),
    avatar_medium: avatar(user, 720),
    avatar_larger: avatar(user, 1080),
    search_user_name: user.username,
    search_user_desc: user.nickname,
  };
}

/** `/tt/user/info` data: web camelCase mixed with mobile snake_case, counts only in `stats`. */
export function rawUserInfo(user: DemoUser): RawObject {
  const thumb = avatar(user, 100);
  const medium = avatar(user, 720);
  const larger = avatar(user, 1080);
  return {
    user: {
      id: user.uid,
      uniqueId: user.username,
      secUid: user.secUid,
      nickname: user.nickname,
      signature: user.bio,
      verified: user.verified,
      privateAccount: false,
      secret: false,
      region: user.region,
      language: 'en',
      avatarThumb: thumb.url_list[0],
      avatarMedium: medium.url_list[0],
      avatarLarger: larger.url_list[0],
      avatar_thumb: thumb,
      avatar_medium: medium,
      avatar_larger: larger,
      avatar_300x300: avatar(user, 300),
      verification_type: user.verified ? 1 : 0,
      custom_verify: user.verified ? 'Popular creator' : '',
      search_user_name: user.username,
      search_user_desc: user.nickname,
      favoriting_count: user.likesGiven,
      cha_list: null,
      ins_id: '',
      openFavorite: false,
      commentSetting: 0,
      duetSetting: 0,
      stitchSetting: 0,
      ftc: false,
      relation: 0,
    },
    stats: {
      followerCount: user.followers,
      followingCount: user.following,
      heartCount: user.heartCount,
      heart: user.heartCount,
      videoCount: user.videoCount,
      diggCount: user.likesGiven,
    },
  };
}

/** One `/tt/user/search` entry: `{user_info: snake_case user, ...}`. */
export function rawSearchUser(user: DemoUser): RawObject {
  return {
    user_info: {
      uid: user.uid,
      unique_id: user.username,
      nickname: user.nickname,
      signature: user.bio,
      sec_uid: user.secUid,
      region: user.region,
      language: 'en',
      follower_count: user.followers,
      following_count: user.following,
      total_favorited: user.heartCount,
      aweme_count: user.videoCount,
      favoriting_count: user.likesGiven,
      avatar_thumb: avatar(user, 100),
      avatar_medium: avatar(user, 720),
      avatar_larger: avatar(user, 1080),
      verification_type: user.verified ? 1 : 0,
      custom_verify: user.verified ? 'Popular creator' : '',
      enterprise_verify_reason: '',
      secret: 0,
      is_private_account: 0,
      search_user_name: user.username,
      search_user_desc: user.nickname,
      cha_list: null,
    },
    challenges: null,
    effects: null,
    items: null,
    mix_list: null,
    musics: null,
    position: null,
    uniqid_position: null,
  };
}
