import { postJson } from '../support/http';
import { startLiveApp, type LiveApp } from '../support/tiktok/live-app';

describe('negative caching: not-found and private answers cost one upstream call', () => {
  let live: LiveApp;

  beforeAll(async () => {
    live = await startLiveApp({ CACHE_NEGATIVE_TTL: '300' });
  });

  afterAll(async () => {
    await live?.close();
  });

  beforeEach(async () => {
    live.fake.reset();
    await live.clearCache();
  });

  it('answers ten /profile calls for an unknown user with one Ensemble call', async () => {
    const answers = [];
    for (let i = 0; i < 10; i++) {
      answers.push(await postJson(live.url, '/api/v1/profile', { username: 'nobody_here_42' }));
    }
    expect(answers.map((a) => a.status)).toEqual(Array<number>(10).fill(404));
    for (const a of answers) expect(a.body).toMatchObject({ code: 'NOT_FOUND' });
    expect(answers.map((a) => a.headers.get('x-cache'))).toEqual([
      'MISS',
      ...Array<string>(9).fill('HIT'),
    ]);
    expect(live.fake.callsTo('/tt/user/info')).toHaveLength(1);
  });

  it('replays a private profile from the cache on /analyze and /posts', async () => {
    const first = await postJson(live.url, '/api/v1/analyze', { profile_url: 'secretcook' });
    expect(first.status).toBe(403);
    expect(first.body).toMatchObject({ code: 'PROFILE_PRIVATE' });
    const callsAfterFirst = live.fake.calls.length;
    expect(callsAfterFirst).toBeGreaterThan(0);

    const again = await postJson(live.url, '/api/v1/analyze', { profile_url: 'secretcook' });
    expect(again.status).toBe(403);
    expect(again.body).toMatchObject({ code: 'PROFILE_PRIVATE' });
    expect(again.headers.get('x-cache')).toBe('HIT');

    const posts = await postJson(live.url, '/api/v1/posts', { username: 'secretcook' });
    const postsAgain = await postJson(live.url, '/api/v1/posts', { username: 'secretcook' });
    expect([posts.status, postsAgain.status]).toEqual([403, 403]);
    expect(postsAgain.headers.get('x-cache')).toBe('HIT');
    expect(live.fake.callsTo('/tt/user/posts').length).toBeLessThanOrEqual(1);
  });

  it('does not cache failures of the provider itself', async () => {
    live.fake.enqueue('/tt/user/info', { status: 500 }, { status: 500 }, { status: 500 });
    live.fake.enqueue('/tt/user/info', { status: 500 });
    const failed = await postJson(live.url, '/api/v1/profile', { username: 'chefmaya' });
    expect(failed.status).toBe(502);
    const ok = await postJson(live.url, '/api/v1/profile', { username: 'chefmaya' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-cache')).toBe('MISS');
  });
});

describe('negative caching can be switched off', () => {
  it('calls upstream every time with CACHE_NEGATIVE_TTL=0', async () => {
    const live = await startLiveApp({ CACHE_NEGATIVE_TTL: '0' });
    try {
      for (let i = 0; i < 3; i++) {
        await postJson(live.url, '/api/v1/profile', { username: 'nobody_here_42' });
      }
      expect(live.fake.callsTo('/tt/user/info')).toHaveLength(3);
    } finally {
      await live.close();
    }
  });
});
