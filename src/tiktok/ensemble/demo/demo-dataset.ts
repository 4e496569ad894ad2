import { DEMO_CREATOR_SEEDS, type DemoCreatorSeed } from './demo-creators';
import {
  DEMO_NICHES,
  DEMO_TRACKS,
  GENERIC_TAGS,
  NICHE_SEEDS,
  type DemoNiche,
} from './demo-niches.seed';
import { SeededRandom, hashSeed } from './seeded-random';

/**
 * The time-independent demo dataset. Posts carry an age (seconds before "now") instead of a
 * timestamp, so the same dataset serves every clock: the transport turns ages into
 * create_time values at request time.
 */

const HOUR = 3600;
const DAY = 24 * HOUR;

export interface DemoUser {
  uid: string;
  secUid: string;
  username: string;
  nickname: string;
  bio: string;
  region: string;
  niche: DemoNiche;
  role: 'creator' | 'author';
  followers: number;
  following: number;
  /** Likes the user gave (TikTok's diggCount). */
  likesGiven: number;
  /** Likes received over the user's posts in the dataset. */
  heartCount: number;
  videoCount: number;
  verified: boolean;
  isPrivate: false;
}

export interface DemoStats {
  views: number;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
  downloads: number;
}

export type DemoCaptionEntity =
  | { type: 'hashtag'; tag: string; start: number; end: number }
  | { type: 'mention'; username: string; start: number; end: number };

export interface DemoMusic {
  idStr: string;
  title: string;
  author: string;
  durationSec: number;
  original: boolean;
}

export interface DemoPost {
  id: string;
  owner: string;
  caption: string;
  /** Hashtags in caption order, lower-case, no '#'. */
  tags: readonly string[];
  entities: readonly DemoCaptionEntity[];
  /** Seconds before "now". Distinct per owner, at least MIN_GAP apart. */
  ageSec: number;
  pinned: boolean;
  ad: boolean;
  /** Number of images for photo posts, 0 for videos. */
  photoCount: number;
  durationMs: number;
  stats: DemoStats;
  music: DemoMusic;
  region: string;
  /** Real responses sometimes carry `cha_list: null` even when the caption has hashtags. */
  chaListNull: boolean;
  /** Stable tie-breaker so rankings look organic but never change between runs. */
  rankNoise: number;
}

export interface DemoDataset {
  /** By lower-case username. */
  users: ReadonlyMap<string, DemoUser>;
  /** By lower-case username; pinned first, then newest first. */
  postsByUser: ReadonlyMap<string, readonly DemoPost[]>;
  /** Posts that keyword and hashtag searches can return: other authors' + creators' best. */
  searchable: readonly DemoPost[];
  /** Every user, creators first, in the order user search lists them. */
  userList: readonly DemoUser[];
}

/** Minimum spacing between one owner's posts, so a ms cursor survives small clock drift. */
export const DEMO_MIN_POST_GAP_SEC = 3 * HOUR;

const CREATOR_FEATURED_POSTS = 3;
const FEATURED_PER_TAG = 2;
const POOL_WINDOW_DAYS = 20;
const REGIONS = ['US', 'GB', 'CA', 'AU', 'DE', 'FR', 'ES', 'BR', 'IN', 'PH', 'MX', 'NL'];
const CAPTION_SUFFIXES = ['', '', '', '', ' (part 2)', ' - save this for later', ' 🔥', ' ✨'];

/** Ages spread over [from, to) in `count` jittered slots: distinct and well apart. */
function spreadAges(rng: SeededRandom, count: number, from: number, to: number): number[] {
  if (count <= 0) return [];
  const slot = (to - from) / count;
  const ages: number[] = [];
  for (let i = 0; i < count; i++) {
    const centre = from + slot * (i + 0.5);
    ages.push(Math.round(centre + rng.float(-0.3, 0.3) * slot));
  }
  return ages;
}

/** Newer posts have had less time to collect views. */
function ageFactor(ageSec: number): number {
  return ageSec >= 2 * DAY ? 1 : Math.max(0.12, Math.sqrt(ageSec / (2 * DAY)));
}

function makeStats(rng: SeededRandom, views: number): DemoStats {
  const v = Math.max(1, Math.round(views));
  const likes = Math.round(v * rng.float(0.03, 0.14));
  const shares = Math.round(likes * rng.float(0.003, 0.06));
  return {
    views: v,
    likes,
    comments: Math.round(likes * rng.float(0.005, 0.04)),
    shares,
    saves: Math.round(likes * rng.float(0.03, 0.2)),
    downloads: Math.round(shares * rng.float(0, 0.3)),
  };
}

function nicheTags(rng: SeededRandom, niche: DemoNiche, min: number, max: number): string[] {
  const tags = NICHE_SEEDS[niche].tags;
  const picked = new Set<string>();
  if (rng.chance(0.5)) picked.add(tags[0]);
  for (const t of rng.sample(tags.slice(1), rng.int(min, max))) picked.add(t);
  return [...picked];
}

class DatasetBuilder {
  private readonly usedIds = new Set<string>();
  readonly users = new Map<string, DemoUser>();
  readonly postsByUser = new Map<string, DemoPost[]>();
  readonly searchable: DemoPost[] = [];

  build(): DemoDataset {
    const creators = DEMO_CREATOR_SEEDS.map((seed) => this.addCreator(seed));
    for (const niche of DEMO_NICHES) this.addNichePool(niche);
    for (const creator of creators) this.searchable.push(...this.featured(creator));
    const userList = [...this.users.values()].sort(
      (a, b) =>
        Number(b.role === 'creator') - Number(a.role === 'creator') || b.followers - a.followers,
    );
    return {
      users: this.users,
      postsByUser: this.postsByUser,
      searchable: this.searchable,
      userList,
    };
  }

  /** The creator's posts that searches surface: the top few overall and per niche tag. */
  private featured(creator: DemoUser): DemoPost[] {
    const byViews = [...(this.postsByUser.get(creator.username.toLowerCase()) ?? [])].sort(
      (a, b) => b.stats.views - a.stats.views,
    );
    const picked = new Set(byViews.slice(0, CREATOR_FEATURED_POSTS));
    for (const tag of NICHE_SEEDS[creator.niche].tags) {
      for (const post of byViews.filter((p) => p.tags.includes(tag)).slice(0, FEATURED_PER_TAG)) {
        picked.add(post);
      }
    }
    return byViews.filter((p) => picked.has(p));
  }

  private newId(rng: SeededRandom, lead: string): string {
    let id = lead + rng.digits(18);
    while (this.usedIds.has(id)) id = lead + rng.digits(18);
    this.usedIds.add(id);
    return id;
  }

  private newUser(
    rng: SeededRandom,
    fields: Omit<
      DemoUser,
      'uid' | 'secUid' | 'heartCount' | 'videoCount' | 'likesGiven' | 'isPrivate'
    >,
  ): DemoUser {
    const user: DemoUser = {
      ...fields,
      uid: this.newId(rng, rng.pick(['6', '7'])),
      secUid: `MS4wLjABAAAA${rng.token(64)}`,
      likesGiven: rng.int(120, 24_000),
      heartCount: 0,
      videoCount: 0,
      isPrivate: false,
    };
    this.users.set(user.username.toLowerCase(), user);
    return user;
  }

  private setPosts(user: DemoUser, posts: DemoPost[]): void {
    posts.sort((a, b) => Number(b.pinned) - Number(a.pinned) || a.ageSec - b.ageSec);
    user.videoCount = posts.length;
    user.heartCount = posts.reduce((sum, p) => sum + p.stats.likes, 0);
    this.postsByUser.set(user.username.toLowerCase(), posts);
  }

  private addCreator(seed: DemoCreatorSeed): DemoUser {
    const rng = new SeededRandom(`creator:${seed.username}`);
    const user = this.newUser(rng, {
      username: seed.username,
      nickname: seed.nickname,
      bio: seed.bio,
      region: seed.region,
      niche: seed.niche,
      role: 'creator',
      followers: seed.followers,
      following: seed.following,
      verified: seed.verified,
    });
    const count = rng.int(26, 34);
    const recent = rng.int(5, 7);
    const ages = [
      ...spreadAges(rng, recent, 2 * HOUR, 6.8 * DAY),
      ...spreadAges(rng, count - recent, 7.4 * DAY, 60 * DAY),
    ];
    const tagSets = ages.map(() => nicheTags(rng, seed.niche, 2, 3));
    ensureTagCoverage(rng, NICHE_SEEDS[seed.niche].tags, tagSets, ages, 3);
    const posts = ages.map((ageSec, i) =>
      this.makePost(rng, user, ageSec, tagSets[i], user.followers * rng.float(0.12, 0.55)),
    );
    // Pinned posts are older hits, as on real profiles.
    const pinCandidates = posts.filter((p) => p.ageSec > 10 * DAY && p.photoCount === 0);
    for (const post of rng.sample(pinCandidates, rng.int(1, 2))) {
      post.pinned = true;
      post.stats = makeStats(rng, post.stats.views * rng.float(2.5, 5));
    }
    this.setPosts(user, posts);
    return user;
  }

  private addNichePool(niche: DemoNiche): void {
    const rng = new SeededRandom(`pool:${niche}`);
    const seed = NICHE_SEEDS[niche];
    const owners: DemoUser[] = [];
    const ages: number[] = [];
    const ownerOf: DemoUser[] = [];
    seed.authors.forEach(([username, nickname], i) => {
      const followers = Math.round(Math.min(6_000_000, Math.max(800, rng.logNormal(120_000, 1.3))));
      const author = this.newUser(rng, {
        username,
        nickname,
        bio: rng.pick(seed.bios),
        region: rng.pick(REGIONS),
        niche,
        role: 'author',
        followers,
        following: rng.int(20, 1500),
        verified: followers > 1_500_000,
      });
      owners.push(author);
      const videos = i < 3 ? rng.int(4, 5) : rng.int(2, 3);
      // Ages for one author: mostly within the last week, the rest up to ~20 days.
      const recent = Math.max(1, Math.round(videos * 0.65));
      const authorAges = [
        ...spreadAges(rng, recent, 1 * HOUR, 6.9 * DAY),
        ...spreadAges(rng, videos - recent, 7.5 * DAY, POOL_WINDOW_DAYS * DAY),
      ];
      // The busiest authors posted within the last few hours, as on a live tag page.
      if (i < 3) authorAges[0] = rng.int(1 * HOUR, 14 * HOUR);
      for (const age of authorAges) {
        ages.push(age);
        ownerOf.push(author);
      }
    });
    const tagSets = ages.map(() => {
      const tags = nicheTags(rng, niche, 1, 3);
      if (tags.length < 2) tags.push(rng.pick(seed.tags.slice(1).filter((t) => !tags.includes(t))));
      return tags;
    });
    ensureTagCoverage(rng, seed.tags, tagSets, ages, 10);
    // A few posts every niche that a minimum-views filter should drop.
    const lowReachIdx = new Set(
      rng.sample(
        Array.from(ages, (_, i) => i),
        Math.max(3, Math.round(ages.length / 9)),
      ),
    );
    const posts = ages.map((ageSec, i) => {
      const owner = ownerOf[i];
      const lowReach = lowReachIdx.has(i);
      const views = lowReach ? rng.int(150, 980) : owner.followers * rng.float(0.2, 1.5);
      return this.makePost(rng, owner, ageSec, tagSets[i], views, lowReach);
    });
    const recentVideos = posts.filter((p) => p.ageSec < 7 * DAY && p.stats.views > 1000);
    for (const post of rng.sample(recentVideos, 2)) post.ad = true;
    for (const owner of owners) {
      this.setPosts(
        owner,
        posts.filter((p) => p.owner === owner.username),
      );
    }
    this.searchable.push(...posts);
  }

  private makePost(
    rng: SeededRandom,
    owner: DemoUser,
    ageSec: number,
    nicheTagList: readonly string[],
    baseViews: number,
    exactViews = false,
  ): DemoPost {
    const id = this.newId(rng, '7');
    const tags = [...nicheTagList];
    // fyp is by far the most common generic tag on real posts.
    if (rng.chance(0.4)) tags.push(rng.chance(0.5) ? 'fyp' : rng.pick(GENERIC_TAGS));
    const captionSeed = NICHE_SEEDS[owner.niche];
    let text = rng.pick(captionSeed.captions) + rng.pick(CAPTION_SUFFIXES);
    const entities: DemoCaptionEntity[] = [];
    if (rng.chance(0.12)) {
      const friend = rng.pick(captionSeed.authors.filter(([u]) => u !== owner.username))[0];
      text += ' w/ ';
      entities.push({
        type: 'mention',
        username: friend,
        start: text.length,
        end: text.length + friend.length + 1,
      });
      text += `@${friend}`;
    }
    for (const tag of tags) {
      text += ' ';
      entities.push({
        type: 'hashtag',
        tag,
        start: text.length,
        end: text.length + tag.length + 1,
      });
      text += `#${tag}`;
    }
    const viral = !exactViews && rng.chance(0.05) ? rng.float(4, 9) : 1;
    const views = exactViews
      ? baseViews
      : rng.logNormal(baseViews, 0.7) * viral * ageFactor(ageSec);
    const photoCount = rng.chance(0.1) ? rng.int(3, 7) : 0;
    const durationMs = photoCount > 0 ? 0 : rng.int(7_000, 95_000);
    const track = rng.chance(0.35) ? rng.pick(DEMO_TRACKS) : null;
    const music: DemoMusic = track
      ? {
          idStr: `7${String(hashSeed(`track:${track[0]}`)).padStart(18, '0')}`,
          title: track[0],
          author: track[1],
          durationSec: 30 + (hashSeed(track[0]) % 30),
          original: false,
        }
      : {
          idStr: this.newId(rng, '7'),
          title: `original sound - ${owner.username}`,
          author: owner.nickname,
          durationSec: Math.max(5, Math.round((durationMs || rng.int(9_000, 30_000)) / 1000)),
          original: true,
        };
    return {
      id,
      owner: owner.username,
      caption: text,
      tags,
      entities,
      ageSec,
      pinned: false,
      ad: false,
      photoCount,
      durationMs,
      stats: makeStats(rng, views),
      music,
      region: owner.region,
      chaListNull: rng.chance(0.2),
      rankNoise: rng.next(),
    };
  }
}

/**
 * Every niche tag must be used by at least `minPerTag` posts, preferably recent ones, so each
 * tag the creator uses has something to find (and the 7-day window has content).
 */
function ensureTagCoverage(
  rng: SeededRandom,
  tags: readonly string[],
  tagSets: string[][],
  ages: readonly number[],
  minPerTag: number,
): void {
  const order = tagSets.map((_, i) => i).sort((a, b) => ages[a] - ages[b]);
  for (const tag of tags) {
    let have = tagSets.filter((set) => set.includes(tag)).length;
    const candidates = order.filter((i) => !tagSets[i].includes(tag) && tagSets[i].length < 5);
    // Half of the additions go to the newest posts, the rest anywhere.
    const recentFirst = [
      ...candidates.slice(0, Math.ceil(minPerTag / 2)),
      ...rng.sample(candidates.slice(Math.ceil(minPerTag / 2)), candidates.length),
    ];
    for (const i of recentFirst) {
      if (have >= minPerTag) break;
      tagSets[i].push(tag);
      have++;
    }
  }
}

let memo: DemoDataset | undefined;

/** Built once per process; cheap (a few hundred posts) and identical on every run. */
export function getDemoDataset(): DemoDataset {
  memo ??= new DatasetBuilder().build();
  return memo;
}

/** Builds a fresh copy, bypassing the memo (tests compare two builds). */
export function buildDemoDataset(): DemoDataset {
  return new DatasetBuilder().build();
}
