import { ErrorCode } from '../../src/common/errors/error-code.enum';
import { expectErrorEnvelope, validationFields } from '../support/tiktok/error-envelope';
import { getPath, postJson, postRaw } from '../support/http';
import { startLiveApp, type LiveApp } from '../support/tiktok/live-app';

/**
 * Input validation on the TikTok endpoints: every invalid request is a 400 VALIDATION_ERROR
 * envelope naming the offending field in details.fields, and none of them reaches Ensemble
 * (the fake's call log stays empty). Raw strings are sent verbatim as the JSON body.
 */

type Case = [description: string, path: string, body: string, field: string];

const json = (value: unknown): string => JSON.stringify(value);
const PROFILE = '/api/v1/profile';
const POSTS = '/api/v1/posts';
const HASHTAG = '/api/v1/hashtag/search';
const USERS = '/api/v1/users/search';

const CASES: Case[] = [
  // username
  ['missing username', PROFILE, json({}), 'username'],
  ['username with a space', PROFILE, json({ username: 'a b' }), 'username'],
  ['username of 25 characters', PROFILE, json({ username: 'a'.repeat(25) }), 'username'],
  ['username of 400 characters', PROFILE, json({ username: 'a'.repeat(400) }), 'username'],
  ['username of 1 character', PROFILE, json({ username: 'a' }), 'username'],
  ['empty username', PROFILE, json({ username: '' }), 'username'],
  ['username as a number', PROFILE, json({ username: 123 }), 'username'],
  ['username as null', PROFILE, json({ username: null }), 'username'],
  ['username as an array', PROFILE, json({ username: ['chefmaya'] }), 'username'],
  ['username as an object', PROFILE, json({ username: { name: 'chefmaya' } }), 'username'],
  ['username with a NUL', PROFILE, json({ username: 'chef\u0000maya' }), 'username'],
  ['username with a newline', PROFILE, json({ username: 'chefmaya\n' }), 'username'],
  [
    'profile URL on another host',
    PROFILE,
    json({ username: 'https://evil.example/@chefmaya' }),
    'username',
  ],
  ['posts without username', POSTS, json({ count: 5 }), 'username'],
  // count
  ['count 0', POSTS, json({ username: 'chefmaya', count: 0 }), 'count'],
  ['count 51', POSTS, json({ username: 'chefmaya', count: 51 }), 'count'],
  ['count as the string "20"', POSTS, json({ username: 'chefmaya', count: '20' }), 'count'],
  ['count 2.5', POSTS, json({ username: 'chefmaya', count: 2.5 }), 'count'],
  ['count -1', POSTS, json({ username: 'chefmaya', count: -1 }), 'count'],
  ['count null', POSTS, json({ username: 'chefmaya', count: null }), 'count'],
  ['hashtag count 51', HASHTAG, json({ hashtag: 'pasta', count: 51 }), 'count'],
  ['users count 0', USERS, json({ query: 'chef', count: 0 }), 'count'],
  ['users count null', USERS, json({ query: 'chef', count: null }), 'count'],
  ['hashtag count null', HASHTAG, json({ hashtag: 'pasta', count: null }), 'count'],
  // cursor
  ['cursor that was never issued', POSTS, json({ username: 'chefmaya', cursor: 'abc' }), 'cursor'],
  ['cursor as an object', POSTS, json({ username: 'chefmaya', cursor: { a: 1 } }), 'cursor'],
  ['posts cursor null', POSTS, json({ username: 'chefmaya', cursor: null }), 'cursor'],
  ['users cursor null', USERS, json({ query: 'chef', cursor: null }), 'cursor'],
  // period / sorting
  ['period 3', HASHTAG, json({ hashtag: 'pasta', period: 3 }), 'period'],
  ['period as the string "7"', HASHTAG, json({ hashtag: 'pasta', period: '7' }), 'period'],
  ['period null', HASHTAG, json({ hashtag: 'pasta', period: null }), 'period'],
  ['sorting 2', HASHTAG, json({ hashtag: 'pasta', sorting: 2 }), 'sorting'],
  ['sorting null', HASHTAG, json({ hashtag: 'pasta', sorting: null }), 'sorting'],
  // hashtag
  ['missing hashtag', HASHTAG, json({}), 'hashtag'],
  ['hashtag "two words"', HASHTAG, json({ hashtag: 'two words' }), 'hashtag'],
  ['hashtag "#" alone', HASHTAG, json({ hashtag: '#' }), 'hashtag'],
  ['hashtag with a control character', HASHTAG, json({ hashtag: 'pasta\u0007' }), 'hashtag'],
  ['hashtag with punctuation', HASHTAG, json({ hashtag: 'pasta!' }), 'hashtag'],
  // query
  ['missing query', USERS, json({}), 'query'],
  ['blank query', USERS, json({ query: '   ' }), 'query'],
  ['query of 101 characters', USERS, json({ query: 'q'.repeat(101) }), 'query'],
  ['query with a control character', USERS, json({ query: 'chef\u001b[31m' }), 'query'],
  // unknown and dangerous keys
  ['an unknown extra field', PROFILE, json({ username: 'chefmaya', admin: true }), 'admin'],
  ['an unknown field on posts', POSTS, json({ username: 'chefmaya', depth: 10 }), 'depth'],
  ['a __proto__ key', PROFILE, '{"username":"chefmaya","__proto__":{"isAdmin":true}}', '__proto__'],
  [
    'a constructor key',
    PROFILE,
    '{"username":"chefmaya","constructor":{"prototype":{"x":1}}}',
    'constructor',
  ],
];

describe('request validation on the TikTok endpoints', () => {
  let live: LiveApp;

  beforeAll(async () => {
    live = await startLiveApp();
  });

  afterAll(async () => {
    await live?.close();
  });

  beforeEach(() => {
    live.fake.reset();
  });

  it.each(CASES)('%s -> 400 naming the field (%s)', async (_what, path, body, field) => {
    const res = await postRaw(live.url, path, body);
    const envelope = expectErrorEnvelope(res, 400, ErrorCode.VALIDATION_ERROR);
    expect(Object.keys(validationFields(envelope))).toContain(field);
    expect(live.fake.calls).toHaveLength(0);
  });

  it('names every invalid field of a request at once', async () => {
    const res = await postJson(live.url, HASHTAG, {
      hashtag: 'two words',
      count: 0,
      period: 3,
      sorting: 2,
      cursor: 'x',
    });
    const envelope = expectErrorEnvelope(res, 400, ErrorCode.VALIDATION_ERROR);
    expect(Object.keys(validationFields(envelope)).sort()).toEqual(
      ['count', 'cursor', 'hashtag', 'period', 'sorting'].sort(),
    );
  });

  it('does not echo the rejected value back', async () => {
    const res = await postJson(live.url, PROFILE, { username: 'evil<script>x</script>' });
    expectErrorEnvelope(res, 400, ErrorCode.VALIDATION_ERROR);
    expect(res.text).not.toContain('<script>');
  });

  it.each([
    ['truncated JSON', '{"username":'],
    ['a trailing comma', '{"username":"chefmaya",}'],
    ['single quotes', "{'username':'chefmaya'}"],
  ])('malformed JSON body (%s) -> 400 VALIDATION_ERROR', async (_what, body) => {
    const res = await postRaw(live.url, PROFILE, body);
    expectErrorEnvelope(res, 400, ErrorCode.VALIDATION_ERROR);
    expect(res.text).not.toContain('Unexpected token');
    expect(live.fake.calls).toHaveLength(0);
  });

  it.each([
    ['username', PROFILE, { username: 'a b' }, /^username must be a TikTok username/],
    ['count', POSTS, { username: 'chefmaya', count: 0 }, /^count must not be less than 1$/],
    ['hashtag', HASHTAG, { hashtag: 'two words' }, /^hashtag must be a hashtag of letters/],
    ['query', USERS, { query: '' }, /^query must be 1-100 characters/],
    ['cursor', USERS, { query: 'chef', cursor: 'x' }, /^cursor must be a cursor returned/],
    ['period', HASHTAG, { hashtag: 'pasta', period: 3 }, /^period must be one of/],
    [
      'an unknown field',
      PROFILE,
      { username: 'chefmaya', extra: 1 },
      /^property extra should not exist$/,
    ],
    ['a nested key', PROFILE, { username: 'chefmaya', a: { toString: 1 } }, /^a\.toString: /],
  ])(
    'the error of an invalid %s says what is wrong, naming it',
    async (_what, path, body, text) => {
      const res = await postJson(live.url, path, body);
      const envelope = expectErrorEnvelope(res, 400, ErrorCode.VALIDATION_ERROR);
      expect((res.body as { error: string }).error).toMatch(text);
      const [first] = Object.values(validationFields(envelope));
      expect((res.body as { error: string }).error).toContain(first[0]);
    },
  );

  it('the error names the first invalid field when there are several', async () => {
    const res = await postJson(live.url, POSTS, { username: 'a b', count: 0 });
    expect((res.body as { error: string }).error).toMatch(/^username must be/);
  });

  it.each([
    ['null', 'null'],
    ['a bare string', '"chefmaya"'],
    ['a number', '42'],
  ])(
    'valid JSON that is not an object (%s) -> 400 saying an object is required',
    async (_w, raw) => {
      const res = await postRaw(live.url, PROFILE, raw);
      expectErrorEnvelope(res, 400, ErrorCode.VALIDATION_ERROR);
      expect(res.body).toEqual({
        error: 'body must be a JSON object',
        code: 'VALIDATION_ERROR',
        details: { fields: { body: ['body must be a JSON object'] } },
      });
      expect(live.fake.calls).toHaveLength(0);
    },
  );

  it('a JSON array instead of an object -> 400 VALIDATION_ERROR', async () => {
    const res = await postRaw(live.url, PROFILE, '[{"username":"chefmaya"}]');
    expectErrorEnvelope(res, 400, ErrorCode.VALIDATION_ERROR);
    expect(live.fake.calls).toHaveLength(0);
  });

  it('a body over the size limit -> 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await postJson(live.url, USERS, { query: 'x'.repeat(64 * 1024) });
    expectErrorEnvelope(res, 413, ErrorCode.PAYLOAD_TOO_LARGE);
    expect(live.fake.calls).toHaveLength(0);
  });

  it('a body that is not declared as JSON (text/plain) -> 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await postRaw(live.url, PROFILE, 'chefmaya', 'text/plain');
    expectErrorEnvelope(res, 415, ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    expect(live.fake.calls).toHaveLength(0);
  });

  it('a request without a body -> 400 naming username', async () => {
    const res = await postRaw(live.url, PROFILE, '');
    const envelope = expectErrorEnvelope(res, 400, ErrorCode.VALIDATION_ERROR);
    expect(Object.keys(validationFields(envelope))).toContain('username');
  });

  it.each([
    ['GET', '/no/such/route'],
    ['GET', '/api/v1/nope'],
    ['POST', '/api/v1/nope'],
    ['GET', PROFILE],
    ['GET', '/api/v2/profile'],
  ])('%s %s -> 404 envelope', async (method, path) => {
    const res =
      method === 'GET' ? await getPath(live.url, path) : await postJson(live.url, path, {});
    expectErrorEnvelope(res, 404, ErrorCode.NOT_FOUND);
    expect(res.text).not.toContain(path);
  });

  it('still accepts the valid forms right next to the invalid ones', async () => {
    const res = await postJson(live.url, POSTS, { username: '@ChefMaya', count: 50 });
    expect(res.status).toBe(200);
    expect(live.fake.calls.length).toBeGreaterThan(0);
  });
});
