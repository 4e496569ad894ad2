import { DEMO_CREATORS } from './demo-creators';
import { DEMO_MIN_POST_GAP_SEC, buildDemoDataset, getDemoDataset } from './demo-dataset';
import { NICHE_SEEDS } from './demo-niches.seed';

const DAY = 86_400;

describe('demo dataset', () => {
  const ds = getDemoDataset();

  it('has >= 6 fictional creators in distinct niches, each with >= 25 posts', () => {
    expect(DEMO_CREATORS.length).toBeGreaterThanOrEqual(6);
    expect(new Set(DEMO_CREATORS.map((c) => c.niche)).size).toBe(DEMO_CREATORS.length);
    for (const niche of ['fitness', 'cooking', 'tech', 'travel', 'beauty', 'gaming']) {
      expect(DEMO_CREATORS.map((c) => c.niche)).toContain(niche);
    }
    for (const creator of DEMO_CREATORS) {
      expect(creator.username).toMatch(/^demo_[a-z]+_[a-z]+$/);
      expect(creator.nickname).toContain('(demo)');
      const posts = ds.postsByUser.get(creator.username)!;
      expect(posts.length).toBeGreaterThanOrEqual(25);
      const pinned = posts.filter((p) => p.pinned).length;
      expect(pinned).toBeGreaterThanOrEqual(1);
      expect(pinned).toBeLessThanOrEqual(2);
      expect(posts.filter((p) => p.ageSec <= 7 * DAY).length).toBeGreaterThanOrEqual(3);
      expect(Math.max(...posts.map((p) => p.ageSec))).toBeGreaterThan(45 * DAY);
    }
  });

  it('uses every niche hashtag on each creator, plus the odd generic tag', () => {
    for (const creator of DEMO_CREATORS) {
      const posts = ds.postsByUser.get(creator.username)!;
      const used = new Set(posts.flatMap((p) => [...p.tags]));
      for (const tag of NICHE_SEEDS[creator.niche].tags) expect(used).toContain(tag);
      expect(
        posts.some((p) => p.tags.some((t) => ['fyp', 'foryou', 'viral', 'trending'].includes(t))),
      ).toBe(true);
    }
  });

  it('keeps caption entities aligned with the caption text', () => {
    for (const posts of ds.postsByUser.values()) {
      for (const post of posts) {
        for (const e of post.entities) {
          const slice = post.caption.slice(e.start, e.end);
          expect(slice).toBe(e.type === 'hashtag' ? `#${e.tag}` : `@${e.username}`);
        }
      }
    }
  });

  it('gives every post a unique id and spaces each owner’s posts apart', () => {
    const ids = [...ds.postsByUser.values()].flat().map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const posts of ds.postsByUser.values()) {
      const ages = posts.map((p) => p.ageSec).sort((a, b) => a - b);
      for (let i = 1; i < ages.length; i++) {
        expect(ages[i] - ages[i - 1]).toBeGreaterThanOrEqual(DEMO_MIN_POST_GAP_SEC);
      }
    }
  });

  it('has >= 8 other authors per niche, some with several videos, and varied stats', () => {
    for (const creator of DEMO_CREATORS) {
      const others = ds.searchable.filter(
        (p) => ds.users.get(p.owner)!.niche === creator.niche && p.owner !== creator.username,
      );
      const perAuthor = new Map<string, number>();
      for (const p of others) perAuthor.set(p.owner, (perAuthor.get(p.owner) ?? 0) + 1);
      expect(perAuthor.size).toBeGreaterThanOrEqual(8);
      expect([...perAuthor.values()].some((n) => n >= 3)).toBe(true);
      expect(others.filter((p) => p.stats.views > 1000).length).toBeGreaterThan(others.length / 2);
      expect(others.some((p) => p.stats.views < 1000)).toBe(true);
      expect(others.filter((p) => p.ad).length).toBeGreaterThanOrEqual(1);
      expect(others.some((p) => p.ageSec < DAY)).toBe(true);
      expect(others.some((p) => p.ageSec > 7 * DAY)).toBe(true);
      expect(Math.max(...others.map((p) => p.ageSec))).toBeLessThanOrEqual(20 * DAY);
    }
  });

  it('makes profile totals consistent with the posts', () => {
    for (const creator of DEMO_CREATORS) {
      const user = ds.users.get(creator.username)!;
      const posts = ds.postsByUser.get(creator.username)!;
      expect(user.videoCount).toBe(posts.length);
      expect(user.heartCount).toBe(posts.reduce((s, p) => s + p.stats.likes, 0));
      expect(user.followers).toBeGreaterThan(1000);
    }
  });

  it('is deterministic: two builds are identical', () => {
    expect(buildDemoDataset()).toEqual(buildDemoDataset());
    expect(getDemoDataset()).toBe(ds);
  });
});
