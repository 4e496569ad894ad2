import { request as httpRequest } from 'node:http';
import { ErrorCode } from '../../src/common/errors/error-code.enum';
import { send, type HttpResult } from '../support/http';
import { startLiveApp, TEST_ADMIN_KEY, type LiveApp } from '../support/tiktok/live-app';
import { envelopeProblem } from '../support/hardening/envelope-problem';
import { embed, POST_ENDPOINTS, type PostEndpoint } from '../support/hardening/post-endpoints';

/**
 * Hostile input on every POST endpoint: each case must end in a clean 400 (413 for size) in the
 * error envelope, before any upstream call (the fake Ensemble's log stays empty), and nothing
 * sent may pollute Object.prototype of this process (the app runs in it).
 */

const BODY_LIMIT = 16 * 1024;

interface Case {
  name: string;
  body: string;
  contentType?: string | null;
  /** The field details.fields must name. */
  field?: string;
  /** Statuses accepted instead of 400 (only 415 UNSUPPORTED_MEDIA_TYPE, for media types). */
  statuses?: number[];
}

const json = (value: unknown): string => JSON.stringify(value);
/** The valid body with raw `"key": value` text appended (JSON.stringify drops __proto__). */
const withRawKey = (valid: Record<string, unknown>, raw: string): string =>
  `${json(valid).slice(0, -1)}${Object.keys(valid).length > 0 ? ',' : ''}${raw}}`;
const nestedArrays = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestedObjects = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

function unknownFieldCases(e: PostEndpoint): Case[] {
  return [
    {
      name: 'an unknown field',
      body: json({ ...e.valid, unexpected_field: 1 }),
      field: 'unexpected_field',
    },
    { name: 'an unknown nested object', body: json({ ...e.valid, meta: { a: 1 } }), field: 'meta' },
    // Named like Object.prototype members, which class-transformer drops before whitelisting.
    ...['toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'].map((key) => ({
      name: `an unknown field named ${key}`,
      body: json({ ...e.valid, [key]: { polluted: true } }),
    })),
  ];
}

function stringFieldCases(e: PostEndpoint): Case[] {
  return Object.entries(e.strings).flatMap(([field, value]): Case[] => {
    const put = (v: unknown) => json({ ...e.valid, [field]: v });
    return [
      // Not an integer: cursors accept non-negative integers by design.
      { name: `${field} as a number`, body: put(-12.5), field },
      { name: `${field} as a boolean`, body: put(true), field },
      { name: `${field} as an array`, body: put([value]), field },
      { name: `${field} as an object`, body: put({ value }), field },
      { name: `${field} as null`, body: put(null), field },
      { name: `${field} empty`, body: put(''), field },
      { name: `${field} blank`, body: put('   '), field },
      { name: `${field} of 1500 characters`, body: put(value.repeat(1500).slice(0, 1500)), field },
      { name: `${field} with a NUL`, body: put(embed(value, '\u0000')), field },
      { name: `${field} with a BEL`, body: put(embed(value, '\u0007')), field },
      { name: `${field} with an ANSI escape`, body: put(embed(value, '\u001b[2J')), field },
      { name: `${field} with a newline inside`, body: put(embed(value, '\n')), field },
      { name: `${field} with DEL`, body: put(embed(value, '\u007f')), field },
      { name: `${field} with a lone surrogate`, body: put(embed(value, '\ud800')), field },
    ];
  });
}

function numberFieldCases(e: PostEndpoint): Case[] {
  return Object.entries(e.numbers).flatMap(([field, rule]): Case[] => {
    const put = (v: unknown) => json({ ...e.valid, [field]: v });
    const sample = 'oneOf' in rule ? rule.oneOf[1] : rule.min;
    const outOfRange =
      'oneOf' in rule
        ? [Math.max(...rule.oneOf) + 1, 3, -1].filter((n) => !rule.oneOf.includes(n))
        : [rule.min - 1, rule.max + 1, -1];
    return [
      ...[...new Set(outOfRange)].map((n) => ({ name: `${field} = ${n}`, body: put(n), field })),
      { name: `${field} as a numeric string`, body: put(String(sample)), field },
      { name: `${field} as a boolean`, body: put(true), field },
      { name: `${field} = 2.5`, body: put(2.5), field },
      { name: `${field} = 1e308`, body: put(1e308), field },
      { name: `${field} = 1e400 (Infinity)`, body: withRawKey(e.valid, `"${field}":1e400`), field },
      { name: `${field} as null`, body: put(null), field },
      { name: `${field} as an array`, body: put([sample]), field },
      { name: `${field} as an object`, body: put({}), field },
    ];
  });
}

function prototypeKeyCases(e: PostEndpoint): Case[] {
  return [
    { name: '__proto__ key', body: withRawKey(e.valid, '"__proto__":{"polluted":true}') },
    {
      name: 'constructor.prototype key',
      body: withRawKey(e.valid, '"constructor":{"prototype":{"polluted":true}}'),
    },
    { name: 'prototype key', body: withRawKey(e.valid, '"prototype":{"polluted":true}') },
    { name: '__proto__ key alone', body: '{"__proto__":{"polluted":true}}' },
  ];
}

function bodyShapeCases(e: PostEndpoint): Case[] {
  const text = json(e.valid);
  return [
    { name: 'an array of the valid body', body: `[${text}]` },
    { name: 'an empty array', body: '[]' },
    // A JSON null is "no body": accepted where every field is optional, else "object required".
    { name: 'null', body: 'null', statuses: e.optionalBody ? [200] : [400] },
    { name: 'a string', body: '"chefmaya"' },
    { name: 'a number', body: '42' },
    { name: 'true', body: 'true' },
    { name: 'truncated JSON', body: text.slice(0, -1) },
    { name: 'single quotes', body: text.replace(/"/g, "'") },
    { name: 'a trailing comma', body: `${text.slice(0, -1)},}` },
    { name: 'a trailing brace', body: `${text}}` },
    { name: 'NaN', body: 'NaN' },
    { name: 'an undefined value', body: withRawKey(e.valid, '"x":undefined') },
    { name: 'two JSON documents', body: `${text}${text}` },
  ];
}

function contentTypeCases(e: PostEndpoint): Case[] {
  const text = json(e.valid);
  const form = Object.entries(e.valid)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
  const media = (name: string, contentType: string | null, body: string): Case => ({
    name,
    body,
    contentType,
    statuses: [400, 415],
  });
  return [
    media('text/plain with JSON text', 'text/plain', text),
    media('a form-encoded body', 'application/x-www-form-urlencoded', form),
    media(
      'multipart/form-data',
      'multipart/form-data; boundary=xyz',
      `--xyz\r\n\r\n${text}\r\n--xyz--`,
    ),
    media('application/xml', 'application/xml', `<body>${text}</body>`),
    media('no content type', null, text),
    media('JSON declared as UTF-16', 'application/json; charset=utf-16', text),
  ];
}

function depthCases(e: PostEndpoint): Case[] {
  const first = Object.keys(e.strings)[0];
  return [
    { name: 'arrays nested 5000 deep', body: nestedArrays(5000) },
    {
      name: `${first} as arrays nested 5000 deep`,
      body: withRawKey({}, `"${first}":${nestedArrays(5000)}`),
    },
    { name: 'objects nested 2000 deep', body: nestedObjects(2000) },
  ];
}

const CATEGORIES: [string, (e: PostEndpoint) => Case[]][] = [
  ['unknown fields', unknownFieldCases],
  ['wrong, empty, over-long and control-character strings', stringFieldCases],
  ['wrong and out-of-range numbers', numberFieldCases],
  ['__proto__ / constructor / prototype keys', prototypeKeyCases],
  ['arrays, null, scalars and malformed JSON as the body', bodyShapeCases],
  ['non-JSON content types', contentTypeCases],
  ['deeply nested JSON under the size limit', depthCases],
];

function describeMismatch(c: Case, res: HttpResult): string | undefined {
  const statuses = c.statuses ?? [400];
  const problem = envelopeProblem(res);
  const body = res.body as { code?: unknown; details?: { fields?: Record<string, unknown> } };
  const fields = Object.keys(body?.details?.fields ?? {});
  if (res.status === 200 && statuses.includes(200)) return undefined;
  const ok =
    statuses.includes(res.status) &&
    problem === undefined &&
    body?.code ===
      (res.status === 415 ? ErrorCode.UNSUPPORTED_MEDIA_TYPE : ErrorCode.VALIDATION_ERROR) &&
    (c.field === undefined || fields.includes(c.field));
  if (ok) return undefined;
  return `${c.name}: ${res.status} ${res.text.slice(0, 160)}`;
}

describe('hostile input on every POST endpoint', () => {
  let live: LiveApp;
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

  beforeAll(async () => {
    live = await startLiveApp({ BODY_LIMIT_BYTES: String(BODY_LIMIT) });
  });

  afterAll(async () => {
    await live?.close();
  });

  const post = (e: PostEndpoint, body: string, contentType: string | null = 'application/json') =>
    send(live.url, e.path, {
      method: 'POST',
      headers: {
        ...(contentType === null ? {} : { 'content-type': contentType }),
        ...(e.admin ? { 'x-api-key': TEST_ADMIN_KEY } : {}),
      },
      body,
    });

  it.each(POST_ENDPOINTS.map((e) => [e.path, e] as const))(
    '%s accepts its valid body (so every rejection below is about the mutation)',
    async (_path, e) => {
      const res = await post(e, json(e.valid));
      expect({ status: res.status, text: res.text.slice(0, 200) }).toMatchObject({ status: 200 });
    },
  );

  describe.each(CATEGORIES)('%s', (_category, build) => {
    it.each(POST_ENDPOINTS.map((e) => [e.path, e] as const))(
      '%s -> 400 VALIDATION_ERROR envelope, nothing sent upstream',
      async (_path, e) => {
        live.fake.reset();
        const mismatches: string[] = [];
        for (const c of build(e)) {
          const res = await post(
            e,
            c.body,
            c.contentType === undefined ? 'application/json' : c.contentType,
          );
          const mismatch = describeMismatch(c, res);
          if (mismatch) mismatches.push(mismatch);
        }
        expect(mismatches).toEqual([]);
        expect(live.fake.calls.map((call) => call.path)).toEqual([]);
      },
    );
  });

  describe('body size limit (BODY_LIMIT_BYTES)', () => {
    /** A JSON object of exactly `bytes` bytes: {"pad":"xxx…"}. */
    const padded = (bytes: number): string =>
      `{"pad":"${'x'.repeat(bytes - '{"pad":""}'.length)}"}`;

    it.each(POST_ENDPOINTS.map((e) => [e.path, e] as const))(
      '%s: one byte over the limit -> 413 PAYLOAD_TOO_LARGE envelope; at the limit it is read',
      async (_path, e) => {
        const over = await post(e, padded(BODY_LIMIT + 1));
        expect(envelopeProblem(over)).toBeUndefined();
        expect({ status: over.status, body: over.body }).toMatchObject({
          status: 413,
          body: { code: ErrorCode.PAYLOAD_TOO_LARGE },
        });
        const at = await post(e, padded(BODY_LIMIT));
        expect({ status: at.status, body: at.body }).toMatchObject({
          status: 400,
          body: {
            code: ErrorCode.VALIDATION_ERROR,
            details: { fields: { pad: expect.any(Array) as unknown } },
          },
        });
      },
    );

    it('a 1 MB string -> 413 PAYLOAD_TOO_LARGE', async () => {
      const res = await post(POST_ENDPOINTS[3], json({ query: 'q'.repeat(1024 * 1024) }));
      expect(envelopeProblem(res)).toBeUndefined();
      expect(res.status).toBe(413);
    });

    it('a chunked body without Content-Length is cut off at the limit too -> 413', async () => {
      const { port } = new URL(live.url);
      const result = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: Number(port),
            method: 'POST',
            path: '/api/v1/users/search',
            headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (d: string) => (text += d));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          },
        );
        req.on('error', reject);
        req.write('{"query":"');
        for (let i = 0; i < 8; i++) req.write('q'.repeat(4096));
        req.end('"}');
      });
      expect(result.status).toBe(413);
      expect(JSON.parse(result.text)).toEqual({
        error: expect.any(String) as unknown,
        code: ErrorCode.PAYLOAD_TOO_LARGE,
      });
    });
  });

  describe('no prototype pollution', () => {
    const PAYLOADS = [
      '{"__proto__":{"polluted":true,"isAdmin":true}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      '{"username":{"__proto__":{"polluted":true}},"query":{"__proto__":{"polluted":true}}}',
      '[{"__proto__":{"polluted":true}}]',
      '{"a":[{"__proto__":{"polluted":true}}],"__proto__":[{"polluted":true}]}',
    ];

    it('leaves Object.prototype of the process untouched after pollution bodies to every endpoint', async () => {
      for (const e of POST_ENDPOINTS) {
        for (const body of PAYLOADS) {
          const res = await post(e, body);
          expect(res.status).toBeLessThan(500);
        }
        const query = await send(
          live.url,
          `${e.path}?__proto__[polluted]=1&constructor[prototype][polluted]=1`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-api-key': TEST_ADMIN_KEY },
            body: '{}',
          },
        );
        expect(query.status).toBeLessThan(500);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
      expect(Object.getOwnPropertyNames(Array.prototype)).not.toContain('polluted');
    });
  });
});
