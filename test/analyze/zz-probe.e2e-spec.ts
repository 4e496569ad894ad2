import { createTestApp } from '../support/test-app';
import { startFakeEnsemble } from '../fakes/fake-ensemble.server';
import { startFakeOpenAi, fakeReply } from '../fakes/fake-openai.server';

it('probe', async () => {
  const fake = await startFakeEnsemble();
  const openai = await startFakeOpenAi();
  let t = Date.now();
  const { app, url } = await createTestApp({
    ENSEMBLE_API_TOKEN: fake.token, ENSEMBLE_BASE_URL: fake.url,
    OPENAI_API_KEY: 'sk-test-x-0123456789', OPENAI_BASE_URL: openai.url,
    ENSEMBLE_RETRY_BASE_MS: '20', ENSEMBLE_MAX_RETRIES: '1', OPENAI_TIMEOUT_MS: '500', OPENAI_MAX_RETRIES: '1',
  });
  const boot = Date.now() - t;
  openai.enqueue(fakeReply.answer(['pasta', 'recipe', 'vegan', 'foodtok', 'smoker']));
  t = Date.now();
  const res = await fetch(`${url}/api/v1/analyze`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ profile_url: 'chefmaya' }) });
  const body = await res.json();
  process.stderr.write(JSON.stringify({ boot, req: Date.now() - t, status: res.status, body: { ...body, posts: body.posts?.length, trends: body.trends?.map((x: any) => [x.id, x.author.username, x.views, x.matched_hashtags, x.trend_score]) }, calls: fake.calls.map(c => [c.path, c.params.name ?? c.params.username]) }, null, 1) + '\n');
  await app.close(); await fake.close(); await openai.close();
});
