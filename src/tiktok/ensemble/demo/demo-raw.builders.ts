import type {
  RawAweme,
  RawHybridUser,
  RawMobileUser,
  RawUrlList,
  RawUserInfoResponse,
} from '../ensemble.types';
import type { AwemeView } from '../simulator/ensemble-simulator';
import type { DemoPost, DemoUser } from './demo-dataset';
import { demoAvatarUrl, demoCoverUrl, demoPhotoUrl, demoVideoUrl } from './demo-media';
import { hashSeed } from './seeded-random';

/**
 * Turns demo records into Ensemble's raw JSON shapes (a faithful subset of the fields real
 * responses carry, including the awkward ones: the camelCase/snake_case hybrid user info,
 * ids above 2^53 as numbers, `cha_list: null`, empty url_lists on photo posts).
 */

/** A data URI is a whole image: nothing may follow it, so each list holds the one variant. */
function image(url: string, uri: string, width: number, height: number): RawUrlList {
  return { uri, url_list: [url], width, height };
}

function avatar(user: DemoUser, size: number): RawUrlList {
  return image(demoAvatarUrl(user.username, size), `tos-demo-avt/${user.uid}`, size, size);
}

export function cidFor(tag: string): string {
  return String(hashSeed(`cha:${tag}`));
}

export function rawAweme(
  post: DemoPost,
  author: DemoUser,
  view: AwemeView,
  users: ReadonlyMap<string, DemoUser>,
): RawAweme {
  const photo = post.photoCount > 0;
  const cover = image(demoCoverUrl(post.id, 'cover'), `tos-demo-p/${post.id}-cover`, 540, 960);
  const playUrl = photo ? [] : [demoVideoUrl(post.id, 'play'), demoVideoUrl(post.id, 'play-bak')];
  const aweme = {
    aweme_id: post.id,
    aweme_type: photo ? 150 : 0,
    content_type: photo ? 'photo' : 'video',
    desc: post.caption,
    create_time: view.createTime,
    is_top: post.pinned ? 1 : 0,
    is_ads: post.ad,
    region: post.region,
    author_user_id: Number(author.uid),
    author: rawMobileUser(author, view.authorStats),
    statistics: {
      aweme_id: post.id,
      play_count: post.stats.views,
      digg_count: post.stats.likes,
      comment_count: post.stats.comments,
      share_count: post.stats.shares,
      collect_count: post.stats.saves,
      download_count: post.stats.downloads,
    },
    video: {
      duration: post.durationMs,
      width: 576,
      height: 1024,
      cover,
      origin_cover: image(demoCoverUrl(post.id, 'origin'), `tos-demo-p/${post.id}-o`, 540, 960),
      dynamic_cover: image(demoCoverUrl(post.id, 'dynamic'), `tos-demo-p/${post.id}-d`, 540, 960),
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
      title: post.music.title,
      author: post.music.author,
      duration: post.music.durationSec,
      owner_handle: post.music.original ? author.username : '',
    },
    text_extra: post.entities.map((e) =>
      e.type === 'hashtag'
        ? { start: e.start, end: e.end, type: 1, hashtag_name: e.tag, hashtag_id: cidFor(e.tag) }
        : {
            start: e.start,
            end: e.end,
            type: 0,
            user_id: users.get(e.username)?.uid ?? '',
            sec_uid: users.get(e.username)?.secUid ?? '',
          },
    ),
    cha_list: post.chaListNull
      ? null
      : post.tags.map((tag) => ({ cid: cidFor(tag), cha_name: tag })),
    // User posts carry the www form, searches the m.tiktok.com one; the parsers build their own.
    share_url:
      view.feed === 'user'
        ? `https://www.tiktok.com/@${author.username}/video/${post.id}?_r=1&u_code=0&source=h5_m`
        : `https://m.tiktok.com/v/${post.id}.html?u_code=0&preview_pb=0&language=en&source=h5_m`,
  } satisfies RawAweme;
  if (!photo) return aweme;
  const images = Array.from({ length: post.photoCount }, (_, i) => {
    const uri = `tos-demo-i/${post.id}-${i}`;
    return {
      display_image: image(demoPhotoUrl(post.id, i), uri, 1080, 1440),
      thumbnail: image(demoPhotoUrl(post.id, i), uri, 360, 480),
    };
  });
  return { ...aweme, image_post_info: { images, image_post_cover: images[0], title: '' } };
}

export function rawMobileUser(user: DemoUser, withStats: boolean): RawMobileUser {
  return {
    uid: user.uid,
    unique_id: user.username,
    nickname: user.nickname,
    sec_uid: user.secUid,
    signature: user.bio,
    region: user.region,
    secret: 0,
    verification_type: user.verified ? 1 : 0,
    custom_verify: user.verified ? 'Popular creator' : '',
    // Keyword search leaves author counts at 0 unless get_author_stats=true.
    follower_count: withStats ? user.followers : 0,
    following_count: withStats ? user.following : 0,
    total_favorited: withStats ? user.heartCount : 0,
    aweme_count: withStats ? user.videoCount : 0,
    favoriting_count: withStats ? user.likesGiven : 0,
    avatar_thumb: avatar(user, 100),
    avatar_medium: avatar(user, 720),
    avatar_larger: avatar(user, 1080),
  };
}

/** `/tt/user/info` data: web camelCase mixed with mobile snake_case, counts only in `stats`. */
export function rawUserInfo(user: DemoUser): NonNullable<RawUserInfoResponse['data']> {
  const larger = demoAvatarUrl(user.username, 1080);
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
      avatarThumb: demoAvatarUrl(user.username, 100),
      avatarMedium: demoAvatarUrl(user.username, 720),
      avatarLarger: larger,
      avatar_thumb: avatar(user, 100),
      avatar_medium: avatar(user, 720),
      avatar_larger: avatar(user, 1080),
      avatar_300x300: avatar(user, 300),
      verification_type: user.verified ? 1 : 0,
      custom_verify: user.verified ? 'Popular creator' : '',
      search_user_name: user.username,
      favoriting_count: user.likesGiven,
    } satisfies RawHybridUser,
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
