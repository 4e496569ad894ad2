import type {
  EnsemblePath,
  RawAweme,
  RawKeywordSearchResponse,
  RawUserPostsResponse,
} from '../ensemble.types';
import {
  simulateEnsemble,
  type EnsembleDataset,
  type SimulatedPost,
  type SimulatedUser,
} from './ensemble-simulator';

/** The simulator against Ensemble's documented examples, over a tiny hand-made dataset. */

const NOW_SEC = 1_750_000_000;
const HOUR = 3600;

const user = (username: string, isPrivate = false): SimulatedUser => ({
  username,
  nickname: username.toUpperCase(),
  isPrivate,
});

function postsOf(owner: string, count: number, pinned = 0): SimulatedPost[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${owner}-${String(i).padStart(3, '0')}`,
    owner,
    caption: `post ${i} #${owner}tag`,
    tags: [`${owner}tag`],
    // Pinned posts are old hits; the rest are one hour apart, newest first.
    ageSec: i < pinned ? (200 + i) * HOUR : (i + 1) * HOUR,
    pinned: i < pinned,
    likes: 100 * i,
    rankNoise: 0,
  }));
}

const dataset: EnsembleDataset<SimulatedUser, SimulatedPost> = {
  users: [user('alice'), user('bob'), user('carol', true), user('dave'), user('erin')],
  posts: [
    ...postsOf('alice', 45, 1),
    ...postsOf('bob', 5),
    ...postsOf('carol', 3),
    ...postsOf('erin', 30),
  ],
  userInfo: (u) => ({ user: { uniqueId: u.username } }),
  mobileUser: (u) => ({ unique_id: u.username }),
  aweme: (p, author, view): RawAweme => ({
    aweme_id: p.id,
    create_time: view.createTime,
    is_top: p.pinned ? 1 : 0,
    author: { unique_id: author.username },
  }),
};

const call = (path: string, params: Record<string, string>) =>
  simulateEnsemble(dataset, path, params, NOW_SEC);

const posts = (params: Record<string, string>) => {
  const res = call('/tt/user/posts', params);
  const body = res.body as RawUserPostsResponse;
  return { ...res, body, ids: (body.data ?? []).map((a) => a.aweme_id) };
};

describe('simulateEnsemble', () => {
  it('answers every Ensemble path the client calls (the routing is exhaustive)', () => {
    const samples: Record<EnsemblePath, Record<string, string>> = {
      '/tt/user/info': { username: 'alice' },
      '/tt/user/posts': { username: 'alice', depth: '1' },
      '/tt/keyword/search': { name: 'post', period: '0' },
      '/tt/hashtag/posts': { name: 'alicetag' },
      '/tt/user/search': { keyword: 'a' },
    };
    for (const [path, params] of Object.entries(samples)) {
      expect({ path, status: call(path, params).status }).toEqual({ path, status: 200 });
    }
    expect(call('/tt/nope', {})).toEqual({ status: 404, body: { detail: 'Not Found' }, units: 0 });
  });

  describe('/tt/user/posts, as in Ensemble’s pricing examples', () => {
    it('depth 10 for a user with 45 posts: 45 posts, 6 units, no cursor', () => {
      const res = posts({ username: 'alice', depth: '10' });
      expect(res.ids).toHaveLength(45);
      expect(res.units).toBe(6);
      expect(res.body).not.toHaveProperty('nextCursor');
    });

    it('depth 1 for a user with 5 posts: 5 posts, 2 units', () => {
      const res = posts({ username: 'bob', depth: '1' });
      expect(res.ids).toHaveLength(5);
      expect(res.units).toBe(2);
    });

    it('an unknown user and a user without posts: 0 posts, 1 unit, indistinguishable', () => {
      const unknown = posts({ username: 'nobody', depth: '3' });
      const empty = posts({ username: 'dave', depth: '3' });
      expect(unknown).toEqual(empty);
      expect(unknown).toMatchObject({ status: 200, body: { data: [] }, units: 1 });
    });

    it('pinned first, then a ms-timestamp cursor that walks strictly older posts', () => {
      const first = posts({ username: 'alice', depth: '1' });
      expect(first.ids[0]).toBe('alice-000');
      expect(first.body.nextCursor).toBe((NOW_SEC - 10 * HOUR) * 1000);
      const second = posts({
        username: 'alice',
        depth: '1',
        start_cursor: String(first.body.nextCursor),
      });
      expect(second.ids).toEqual(
        postsOf('alice', 20, 1)
          .map((p) => p.id)
          .slice(10, 20),
      );
    });

    it('stops after the chunk that reaches oldest_createtime, without filtering it', () => {
      const oldest = String(NOW_SEC - 15 * HOUR);
      const res = posts({ username: 'erin', depth: '5', oldest_createtime: oldest });
      expect(res.ids).toHaveLength(20);
      expect(res.units).toBe(3);
      expect(res.body.nextCursor).toBe((NOW_SEC - 20 * HOUR) * 1000);
      // An old pinned post on the first page counts too: the scan meets it in chunk one.
      expect(posts({ username: 'alice', depth: '5', oldest_createtime: oldest }).ids).toHaveLength(
        10,
      );
    });

    it('answers 472 for a private account, for 0 units', () => {
      expect(posts({ username: 'carol', depth: '1' })).toMatchObject({ status: 472, units: 0 });
    });

    it('rejects a missing depth like FastAPI: 422 with a detail list', () => {
      expect(call('/tt/user/posts', { username: 'alice' })).toEqual({
        status: 422,
        body: { detail: [{ loc: ['query', 'depth'], msg: 'field required', type: 'value_error' }] },
        units: 0,
      });
    });
  });

  it('/tt/keyword/search: 10 per page with match_exactly, 1 + posts units with author stats', () => {
    const res = call('/tt/keyword/search', {
      name: 'post',
      period: '0',
      match_exactly: 'true',
      get_author_stats: 'true',
    });
    const items = (res.body as RawKeywordSearchResponse).data.data ?? [];
    const videos = items.filter((i) => i.type === 1);
    expect(videos).toHaveLength(10);
    expect(items.filter((i) => i.type === 4)).toHaveLength(1);
    expect(res.units).toBe(11);
  });
});
