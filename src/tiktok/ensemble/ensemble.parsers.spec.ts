import {
  avatarUrl,
  expectedHashtags,
  fixtureCorpus,
  FIXTURE_USERS,
  photoCoverUrl,
  photoImageUrls,
  rawAweme,
  rawHashtagBody,
  rawKeywordBody,
  rawKeywordItem,
  rawKeywordUserCard,
  rawMobileUser,
  rawUserInfoBody,
  rawUserPostsBody,
  rawUserSearchBody,
  rawUserSearchItem,
  urlList,
  videoCoverUrl,
  type FixturePost,
  type Json,
} from '../../../test/fakes/ensemble-fixtures';
import type { Post } from '../models/tiktok.models';
import {
  EnsembleParseError,
  extractHashtags,
  parseAweme,
  parseHashtagPostsPage,
  parseKeywordSearchPage,
  parseUserInfo,
  parseUserPostsPage,
  parseUserSearchPage,
  parseUserSummary,
} from './ensemble.parsers';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const corpus = fixtureCorpus(NOW);
const postById = (id: string): FixturePost => {
  const post = corpus.posts.find((p) => p.id === id);
  if (!post) throw new Error(`no fixture post ${id}`);
  return post;
};
const MAYA = FIXTURE_USERS.chefmaya;

/** Deep-clones a raw body and lets a test mutate the copy. */
function tweak(body: object, mutate: (copy: Json) => void): Json {
  const copy = structuredClone(body) as Json;
  mutate(copy);
  return copy;
}

const userOf = (body: Json): Json => (body.data as Json).user as Json;

function expectAllFinite(post: Post): void {
  for (const value of Object.values(post.stats)) expect(Number.isFinite(value)).toBe(true);
  expect(Number.isFinite(post.createTime)).toBe(true);
  expect(Number.isFinite(post.durationSeconds)).toBe(true);
  expect(Number.isFinite(post.author.followerCount)).toBe(true);
}

describe('parseUserInfo', () => {
  it('reads the hybrid user: identity from camelCase, counts from data.stats', () => {
    expect(parseUserInfo(rawUserInfoBody(MAYA))).toEqual({
      username: 'chefmaya',
      userId: MAYA.uid,
      secUid: MAYA.secUid,
      nickname: 'Chef Maya',
      bio: 'Weeknight recipes in 60 seconds 🍝',
      followerCount: 1_250_000,
      followingCount: 180,
      likesCount: 48_200_000,
      videoCount: 12,
      avatarUrl: avatarUrl(MAYA, 'larger'),
      isVerified: true,
      isPrivate: false,
      region: 'US',
    });
  });

  it('returns null for {data: null} (unknown username)', () => {
    expect(parseUserInfo({ data: null })).toBeNull();
  });

  it('keeps the uid exact even though it exceeds 2^53', () => {
    const json = JSON.stringify(rawUserInfoBody(MAYA));
    const profile = parseUserInfo(JSON.parse(json));
    expect(profile?.userId).toBe('7012345678901234567');
    expect(BigInt(profile!.userId) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
  });

  it('takes counts from stats, not from (absent or zero) snake_case user fields', () => {
    const body = tweak(rawUserInfoBody(MAYA), (b) => {
      userOf(b).follower_count = 0;
    });
    expect(parseUserInfo(body)?.followerCount).toBe(1_250_000);
  });

  it('reads string-typed counts and falls back through statsV2 and snake_case fields', () => {
    const body = tweak(rawUserInfoBody(MAYA), (b) => {
      (b.data as Json).stats = { followerCount: '1234', heart: '99' };
      (b.data as Json).statsV2 = { followingCount: '56' };
      userOf(b).aweme_count = 7;
    });
    const profile = parseUserInfo(body)!;
    expect(profile.followerCount).toBe(1234);
    expect(profile.likesCount).toBe(99);
    expect(profile.followingCount).toBe(56);
    expect(profile.videoCount).toBe(7);
  });

  it('turns missing or unreadable counts into 0, never NaN', () => {
    const body = tweak(rawUserInfoBody(MAYA), (b) => {
      (b.data as Json).stats = { followerCount: 'lots', followingCount: -3, heartCount: NaN };
    });
    const profile = parseUserInfo(body)!;
    expect(profile.followerCount).toBe(0);
    expect(profile.followingCount).toBe(0);
    expect(profile.likesCount).toBe(0);
    expect(profile.videoCount).toBe(0);
  });

  it('works without a stats block at all', () => {
    const body = tweak(rawUserInfoBody(MAYA), (b) => {
      delete (b.data as Json).stats;
    });
    expect(parseUserInfo(body)?.followerCount).toBe(0);
  });

  describe('avatar', () => {
    it('falls back to avatar_larger.url_list[0] without the camelCase string', () => {
      const body = tweak(rawUserInfoBody(MAYA), (b) => {
        delete userOf(b).avatarLarger;
      });
      expect(parseUserInfo(body)?.avatarUrl).toBe(
        urlList(`avatar-${MAYA.uid}`, 'larger').url_list[0],
      );
    });

    it('falls back to medium, then thumb, skipping empty url lists', () => {
      const body = tweak(rawUserInfoBody(MAYA), (b) => {
        const u = userOf(b);
        delete u.avatarLarger;
        u.avatar_larger = { uri: '', url_list: [] };
        delete u.avatarMedium;
        delete u.avatar_medium;
      });
      expect(parseUserInfo(body)?.avatarUrl).toBe(avatarUrl(MAYA, 'thumb'));
      const medium = tweak(rawUserInfoBody(MAYA), (b) => {
        const u = userOf(b);
        delete u.avatarLarger;
        delete u.avatar_larger;
      });
      expect(parseUserInfo(medium)?.avatarUrl).toBe(avatarUrl(MAYA, 'medium'));
    });

    it('is null when there is no avatar anywhere', () => {
      const body = tweak(rawUserInfoBody(MAYA), (b) => {
        for (const key of Object.keys(userOf(b))) {
          if (key.toLowerCase().includes('avatar')) delete userOf(b)[key];
        }
      });
      expect(parseUserInfo(body)?.avatarUrl).toBeNull();
    });
  });

  it('reads verified from the boolean or from verification_type > 0', () => {
    const plain = tweak(rawUserInfoBody(FIXTURE_USERS.tinykitchen), () => undefined);
    expect(parseUserInfo(plain)?.isVerified).toBe(false);
    const byType = tweak(plain, (b) => {
      userOf(b).verification_type = 1;
    });
    expect(parseUserInfo(byType)?.isVerified).toBe(true);
    const byFlag = tweak(plain, (b) => {
      userOf(b).verified = true;
    });
    expect(parseUserInfo(byFlag)?.isVerified).toBe(true);
  });

  it('reads private from privateAccount or secret', () => {
    expect(parseUserInfo(rawUserInfoBody(FIXTURE_USERS.secretcook))?.isPrivate).toBe(true);
    const bySecret = tweak(rawUserInfoBody(MAYA), (b) => {
      userOf(b).privateAccount = false;
      userOf(b).secret = 1;
    });
    expect(parseUserInfo(bySecret)?.isPrivate).toBe(true);
  });

  it('maps an empty region to null and keeps the username from snake_case if needed', () => {
    const body = tweak(rawUserInfoBody(MAYA), (b) => {
      const u = userOf(b);
      u.region = '';
      delete u.uniqueId;
      delete u.search_user_name;
      u.unique_id = 'chefmaya';
    });
    const profile = parseUserInfo(body)!;
    expect(profile.region).toBeNull();
    expect(profile.username).toBe('chefmaya');
  });

  it.each([
    ['a string', 'nope'],
    ['an array', [1, 2]],
    ['null', null],
    ['a body without data', { status: 'ok' }],
    ['data as a string', { data: 'x' }],
    ['data without user', { data: { stats: {} } }],
    ['a user without a username', { data: { user: { id: '1' }, stats: {} } }],
  ])('throws EnsembleParseError for %s', (_label, raw) => {
    expect(() => parseUserInfo(raw)).toThrow(EnsembleParseError);
  });
});

describe('parseAweme', () => {
  const pasta = postById('7400000000000000002');

  it('maps a mobile video post', () => {
    const post = parseAweme(rawAweme(pasta));
    expect(post).toEqual({
      id: '7400000000000000002',
      caption: pasta.desc,
      createTime: pasta.createTime,
      stats: { views: 520_000, likes: 61_000, comments: 900, shares: 4_100, favorites: 22_000 },
      hashtags: ['pasta', 'easyrecipe', 'dinnerideas', 'fyp'],
      isPinned: false,
      isAd: false,
      isPhoto: false,
      videoUrl:
        'https://v16-webapp.tiktok.com/video/7400000000000000002/play.mp4?expire=1700000000',
      coverImageUrl: videoCoverUrl(pasta.id),
      images: [],
      durationSeconds: 21,
      author: {
        userId: MAYA.uid,
        username: 'chefmaya',
        nickname: 'Chef Maya',
        avatarUrl: urlList(`avatar-${MAYA.uid}`, 'larger').url_list[0],
        isVerified: true,
        followerCount: 1_250_000,
      },
      music: { title: 'original sound - chefmaya', author: 'Chef Maya' },
      region: 'US',
      tiktokUrl: 'https://www.tiktok.com/@chefmaya/video/7400000000000000002',
    });
  });

  it('passes on only web or inline-image media URLs, skipping other schemes', () => {
    const raw = tweak(rawAweme(pasta), (copy) => {
      const video = copy.video as Json;
      video.play_addr = { url_list: ['javascript:alert(1)', 'https://cdn.example/v.mp4'] };
      video.cover = { url_list: ['vbscript:x', ' ftp://x/y.jpg '] };
      video.origin_cover = { url_list: ['data:image/svg+xml,%3Csvg%3E'] };
    });
    const post = parseAweme(raw);
    expect(post.videoUrl).toBe('https://cdn.example/v.mp4');
    expect(post.coverImageUrl).toBe('data:image/svg+xml,%3Csvg%3E');
  });

  it('builds the canonical URL whichever share_url form arrives', () => {
    const m = parseAweme(rawAweme({ ...pasta, shareUrlForm: 'm' }));
    const www = parseAweme(rawAweme({ ...pasta, shareUrlForm: 'www' }));
    expect(m.tiktokUrl).toBe(www.tiktokUrl);
    expect(m.tiktokUrl).toBe(`https://www.tiktok.com/@chefmaya/video/${pasta.id}`);
  });

  it('keeps ids exact when numeric twins exceed 2^53', () => {
    const text = JSON.stringify(rawAweme(pasta)).replace(
      /"author_user_id":\d+/,
      `"author_user_id":${MAYA.uid}`,
    );
    const raw = JSON.parse(text) as Json;
    expect(String(raw.author_user_id)).not.toBe(MAYA.uid);
    const post = parseAweme(raw);
    expect(post.author.userId).toBe(MAYA.uid);
    expect(post.id).toBe(pasta.id);
  });

  it('ignores numeric ids that are no longer exact', () => {
    const raw = tweak(rawAweme(pasta), (a) => {
      (a.author as Json).uid = Number(MAYA.uid);
    });
    expect(parseAweme(raw).author.userId).toBe('');
    const safe = tweak(rawAweme(pasta), (a) => {
      a.aweme_id = 12345;
    });
    expect(parseAweme(safe).id).toBe('12345');
  });

  it('reads string-typed counts as numbers', () => {
    const post = parseAweme(rawAweme(postById('7400000000000000004')));
    expect(post.stats).toEqual({
      views: 240_000,
      likes: 31_000,
      comments: 410,
      shares: 1_200,
      favorites: 9_000,
    });
  });

  it('treats missing statistics and missing counts as 0, never NaN', () => {
    const noStats = parseAweme(rawAweme(postById('7400000000000000007')));
    expect(noStats.stats).toEqual({ views: 0, likes: 0, comments: 0, shares: 0, favorites: 0 });
    expectAllFinite(noStats);
    const noCollects = parseAweme(rawAweme(postById('7400000000000000008')));
    expect(noCollects.stats.favorites).toBe(0);
    expect(noCollects.stats.views).toBe(64_000);
    const garbage = tweak(rawAweme(pasta), (a) => {
      a.statistics = { play_count: 'n/a', digg_count: null, comment_count: {}, share_count: -1 };
      a.create_time = 'yesterday';
      a.video = { duration: 'long' };
      (a.author as Json).follower_count = undefined;
    });
    const parsed = parseAweme(garbage);
    expectAllFinite(parsed);
    expect(parsed.stats.views).toBe(0);
    expect(parsed.createTime).toBe(0);
  });

  it('maps is_top to isPinned and is_ads to isAd', () => {
    expect(parseAweme(rawAweme(postById('7400000000000000001'))).isPinned).toBe(true);
    expect(parseAweme(rawAweme(postById('7400000000000000401'))).isAd).toBe(true);
    const numericAd = tweak(rawAweme(pasta), (a) => {
      a.is_ads = 1;
      a.is_top = '1';
    });
    expect(parseAweme(numericAd)).toMatchObject({ isAd: true, isPinned: true });
  });

  it('converts video duration from milliseconds to seconds', () => {
    expect(parseAweme(rawAweme(postById('7400000000000000005'))).durationSeconds).toBe(46);
  });

  describe('photo posts', () => {
    const photo = postById('7400000000000000003');

    it('have no video, duration 0 and the first image as cover', () => {
      const post = parseAweme(rawAweme(photo));
      expect(post.isPhoto).toBe(true);
      expect(post.durationSeconds).toBe(0);
      expect(post.videoUrl).toBeNull();
      expect(post.coverImageUrl).toBe(photoCoverUrl(photo.id));
    });

    it('list every carousel image in order, skipping images without a usable URL', () => {
      expect(parseAweme(rawAweme(photo)).images).toEqual(photoImageUrls(photo.id));
      const raw = tweak(rawAweme(photo), (a) => {
        const images = (a.image_post_info as { images: Json[] }).images;
        images[0] = { display_image: { url_list: ['javascript:alert(1)'] } };
        images[1] = { thumbnail: urlList('thumb-only', 'thumb') };
      });
      expect(parseAweme(raw).images).toEqual([
        urlList('thumb-only', 'thumb').url_list[0],
        photoImageUrls(photo.id)[2],
      ]);
    });

    it('prefer a video cover when the payload has one', () => {
      const raw = tweak(rawAweme(photo), (a) => {
        (a.video as Json).cover = urlList('cover-x', 'cover');
      });
      expect(parseAweme(raw).coverImageUrl).toBe(urlList('cover-x', 'cover').url_list[0]);
    });

    it('fall back to images[0] without image_post_cover, and to aweme_type 150 alone', () => {
      const raw = tweak(rawAweme(photo), (a) => {
        delete (a.image_post_info as Json).image_post_cover;
      });
      expect(parseAweme(raw).coverImageUrl).toBe(photoCoverUrl(photo.id));
      const typeOnly = tweak(rawAweme(photo), (a) => {
        delete a.image_post_info;
      });
      expect(parseAweme(typeOnly)).toMatchObject({
        isPhoto: true,
        coverImageUrl: null,
        images: [],
      });
    });
  });

  describe('hashtags', () => {
    it('merge text_extra, cha_list and caption tags, lower-cased and de-duplicated', () => {
      const post = parseAweme(rawAweme(postById('7400000000000000006')));
      expect(post.hashtags).toEqual(['fetapasta', 'pasta', 'viralrecipe']);
    });

    it('survive cha_list: null and a missing text_extra', () => {
      const raw = tweak(rawAweme(pasta), (a) => {
        a.cha_list = null;
        delete a.text_extra;
      });
      expect(parseAweme(raw).hashtags).toEqual(['pasta', 'easyrecipe', 'dinnerideas', 'fyp']);
    });

    it('keep order of first appearance across sources and skip mentions', () => {
      const tags = extractHashtags(
        'Hello #Zeta and #alpha',
        [
          { type: 0, user_id: '1' },
          { type: 1, hashtag_name: 'Beta' },
          { type: 1, hashtag_name: '' },
          { type: 1, hashtag_name: '#ALPHA' },
        ],
        [{ cid: '1', cha_name: 'gamma' }, { cid: '2', cha_name: 'beta' }, 'junk'],
      );
      expect(tags).toEqual(['beta', 'alpha', 'gamma', 'zeta']);
    });

    it('read unicode caption tags and stop at emoji and punctuation', () => {
      expect(
        extractHashtags(
          '#Café au lait #日本料理 #हिन्दी_खाना #fyp🔥 #a,b #under_score # #',
          null,
          null,
        ),
      ).toEqual(['café', '日本料理', 'हिन्दी_खाना', 'fyp', 'a', 'under_score']);
    });

    it('match what the fixtures promise for every corpus post', () => {
      for (const fixture of corpus.posts) {
        expect(parseAweme(rawAweme(fixture)).hashtags).toEqual(expectedHashtags(fixture));
      }
    });
  });

  it('parses every corpus post without NaN', () => {
    for (const fixture of corpus.posts) {
      const post = parseAweme(rawAweme(fixture));
      expect(post.id).toBe(fixture.id);
      expect(post.author.username).toBe(fixture.author.uniqueId);
      expectAllFinite(post);
    }
  });

  it('tolerates a missing author and music', () => {
    const raw = tweak(rawAweme(pasta), (a) => {
      delete a.author;
      a.music = null;
      a.region = '';
    });
    const post = parseAweme(raw);
    expect(post.author).toEqual({
      userId: '',
      username: '',
      nickname: '',
      avatarUrl: null,
      isVerified: false,
      followerCount: 0,
    });
    expect(post.music).toBeNull();
    expect(post.region).toBeNull();
    expect(post.tiktokUrl).toBe(`https://m.tiktok.com/v/${pasta.id}.html`);
  });

  it('reads keyword-search authors without stats as followerCount 0', () => {
    expect(parseAweme(rawAweme(pasta, { authorStats: false })).author.followerCount).toBe(0);
  });

  it.each([
    ['a string', 'post'],
    ['null', null],
    ['an array', []],
    ['an object without aweme_id', { desc: 'x' }],
    ['an unsafe numeric aweme_id', { aweme_id: 2 ** 60 }],
  ])('throws EnsembleParseError for %s', (_label, raw) => {
    expect(() => parseAweme(raw)).toThrow(EnsembleParseError);
  });
});

describe('parseUserPostsPage', () => {
  const mayaPosts = corpus.posts.filter((p) => p.author === MAYA).map((p) => rawAweme(p));

  it('reads the top-level envelope and the ms-timestamp cursor', () => {
    const page = parseUserPostsPage(rawUserPostsBody(mayaPosts.slice(0, 10), 1736000000000));
    expect(page.posts).toHaveLength(10);
    expect(page.posts[0].isPinned).toBe(true);
    expect(page.nextCursor).toBe('1736000000000');
    expect(page.hasMore).toBe(true);
  });

  it('ends when nextCursor is absent', () => {
    const page = parseUserPostsPage(rawUserPostsBody(mayaPosts.slice(10)));
    expect(page).toMatchObject({ nextCursor: null, hasMore: false });
    expect(page.posts).toHaveLength(2);
  });

  it('ends on an empty page even if a cursor comes back', () => {
    expect(parseUserPostsPage({ data: [], nextCursor: 123 })).toEqual({
      posts: [],
      nextCursor: null,
      hasMore: false,
    });
    expect(parseUserPostsPage({ data: null })).toEqual({
      posts: [],
      nextCursor: null,
      hasMore: false,
    });
  });

  it('skips items that are not posts and de-duplicates by id', () => {
    const page = parseUserPostsPage({
      data: [mayaPosts[1], 'junk', { no: 'id' }, mayaPosts[1], mayaPosts[2]],
      nextCursor: '99',
    });
    expect(page.posts.map((p) => p.id)).toEqual(['7400000000000000002', '7400000000000000003']);
    expect(page.nextCursor).toBe('99');
  });

  it.each([
    ['a body without data', { nextCursor: 1 }],
    ['data as an object (the keyword envelope)', { data: { data: [] } }],
    ['a non-object body', 42],
  ])('throws EnsembleParseError for %s', (_label, raw) => {
    expect(() => parseUserPostsPage(raw)).toThrow(EnsembleParseError);
  });
});

describe('parseKeywordSearchPage', () => {
  const awemes = corpus.posts.slice(0, 3).map((p) => rawAweme(p, { authorStats: false }));

  it('unwraps aweme_info and skips non-video results', () => {
    const body = rawKeywordBody(
      [rawKeywordItem(awemes[0]), rawKeywordUserCard(MAYA), rawKeywordItem(awemes[1]), { type: 1 }],
      20,
    );
    const page = parseKeywordSearchPage(body);
    expect(page.posts.map((p) => p.id)).toEqual(['7400000000000000001', '7400000000000000002']);
    expect(page).toMatchObject({ nextCursor: '20', hasMore: true });
  });

  it('treats a null or missing result list as an empty last page', () => {
    expect(parseKeywordSearchPage({ data: { data: null, nextCursor: 20 } })).toEqual({
      posts: [],
      nextCursor: null,
      hasMore: false,
    });
    expect(parseKeywordSearchPage({ data: {} }).posts).toEqual([]);
  });

  it('keeps paginating when a page held only non-video items', () => {
    const page = parseKeywordSearchPage(rawKeywordBody([rawKeywordUserCard(MAYA)], 20));
    expect(page).toEqual({ posts: [], nextCursor: '20', hasMore: true });
  });

  it.each([
    ['a top-level list (the user-posts envelope)', { data: [] }],
    ['data missing', {}],
    ['data.data not a list', { data: { data: { aweme_info: {} } } }],
  ])('throws EnsembleParseError for %s', (_label, raw) => {
    expect(() => parseKeywordSearchPage(raw)).toThrow(EnsembleParseError);
  });
});

describe('parseHashtagPostsPage', () => {
  it('reads {data: {data: [aweme], nextCursor}}', () => {
    const awemes = corpus.posts.slice(0, 2).map((p) => rawAweme(p));
    const page = parseHashtagPostsPage(rawHashtagBody(awemes, 20));
    expect(page.posts).toHaveLength(2);
    expect(page).toMatchObject({ nextCursor: '20', hasMore: true });
  });

  it('reads an unknown tag as an empty last page', () => {
    expect(parseHashtagPostsPage(rawHashtagBody([]))).toEqual({
      posts: [],
      nextCursor: null,
      hasMore: false,
    });
  });

  it('throws EnsembleParseError without data', () => {
    expect(() => parseHashtagPostsPage({ detail: 'x' })).toThrow(EnsembleParseError);
    expect(() => parseHashtagPostsPage({ data: null })).toThrow(EnsembleParseError);
  });
});

describe('parseUserSearchPage', () => {
  it('maps user_info entries with snake_case counts and badge-based verification', () => {
    const body = rawUserSearchBody(
      [rawUserSearchItem(MAYA, 0), rawUserSearchItem(FIXTURE_USERS.secretcook, 1)],
      10,
    );
    const page = parseUserSearchPage(body);
    expect(page.nextCursor).toBe('10');
    expect(page.users).toEqual([
      {
        userId: MAYA.uid,
        username: 'chefmaya',
        nickname: 'Chef Maya',
        bio: MAYA.signature,
        avatarUrl: urlList(`avatar-${MAYA.uid}`, 'larger').url_list[0],
        isVerified: true,
        isPrivate: false,
        followerCount: 1_250_000,
        followingCount: 180,
        likesCount: 48_200_000,
        videoCount: 12,
      },
      expect.objectContaining({ username: 'secretcook', isPrivate: true, isVerified: false }),
    ]);
  });

  it('skips entries without a user and duplicate usernames', () => {
    const page = parseUserSearchPage(
      rawUserSearchBody([
        { position: 0 },
        { user_info: null },
        rawUserSearchItem(MAYA),
        rawUserSearchItem(MAYA),
      ]),
    );
    expect(page.users.map((u) => u.username)).toEqual(['chefmaya']);
    expect(page.nextCursor).toBeNull();
  });

  it('reads null users as an empty page and rejects a missing data object', () => {
    expect(parseUserSearchPage({ data: { users: null, nextCursor: 10 } })).toEqual({
      users: [],
      nextCursor: null,
    });
    expect(() => parseUserSearchPage({ data: [] })).toThrow(EnsembleParseError);
  });

  it('parseUserSummary returns null without a username', () => {
    expect(parseUserSummary({ uid: '1' })).toBeNull();
    expect(parseUserSummary('x')).toBeNull();
    expect(parseUserSummary(rawMobileUser(MAYA))?.username).toBe('chefmaya');
  });
});
