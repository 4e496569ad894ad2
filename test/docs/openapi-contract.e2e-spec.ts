import type { NestExpressApplication } from '@nestjs/platform-express';
import { TREND_SCORE_WEIGHTS } from '../../src/trends/trend-score';
import { createTestDatabase, type TestDatabase } from '../support/postgres-harness';
import { startRedis, type RedisInstance } from '../support/redis-harness';
import { createTestApp } from '../support/test-app';
import { getPath, postJson, postRaw, send } from '../support/http';

/**
 * The OpenAPI document as a newcomer's "Try it out" meets it in demo mode: every example request
 * works, no field shows Swagger's "string" placeholder, and the documented error bodies are the
 * ones the service really sends.
 */

type Json = Record<string, unknown>;
interface Operation {
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { content?: Record<string, { example?: unknown }> }>;
  security?: Record<string, unknown>[];
  parameters?: { in: string; name: string; schema: Json; required?: boolean }[];
}
interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> };
}

const ADMIN_KEY = 'openapi-contract-admin-key-0123456789';

describe('/openapi.json as a client uses it (demo mode)', () => {
  let app: NestExpressApplication;
  let url: string;
  let doc: OpenApiDoc;
  let database: TestDatabase;
  let redis: RedisInstance;

  beforeAll(async () => {
    // History on, so its endpoints answer as they do by default (PostgreSQL: PGlite cannot load in Jest).
    database = await createTestDatabase();
    // Redis on, so the watchlist routes answer too (the API role: no worker runs them here).
    redis = await startRedis();
    ({ app, url } = await createTestApp({
      HISTORY_ENABLED: 'true',
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      APP_ROLE: 'api',
      ENSEMBLE_API_TOKEN: undefined,
      OPENAI_API_KEY: undefined,
      ADMIN_API_KEY: ADMIN_KEY,
      MAX_REQUESTS_PER_MINUTE: '100000',
      ANALYZE_REQUESTS_PER_MINUTE: '100000',
    }));
    doc = (await getPath(url, '/openapi.json')).body as OpenApiDoc;
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    await redis?.stop();
  });

  const resolve = (schema: Json): Json => {
    const ref = schema.$ref;
    if (typeof ref !== 'string') return schema;
    return doc.components.schemas[ref.replace('#/components/schemas/', '')];
  };

  /** What Swagger UI fills in for a schema: its example, else its default, else per property. */
  function sample(schema: Json): unknown {
    const s = resolve(schema);
    if (s.example !== undefined) return s.example;
    if (s.default !== undefined) return s.default;
    if (Array.isArray(s.enum)) return s.enum[0] as unknown;
    if (s.type === 'array') return [sample(s.items as Json)];
    const properties = (s.properties ?? {}) as Record<string, Json>;
    return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, sample(v)]));
  }

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method, op })),
    );

  it('contains no "string" placeholder value anywhere', () => {
    const found: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) node.forEach((v, i) => walk(v, `${at}[${i}]`));
      else if (typeof node === 'object' && node !== null) {
        for (const [k, v] of Object.entries(node)) {
          if (v === 'string' && k !== 'type') found.push(`${at}.${k}`);
          walk(v, `${at}.${k}`);
        }
      }
    };
    walk(doc, '');
    expect(found).toEqual([]);
  });

  it('gives every string field an example, so no UI has to invent "string"', () => {
    const missing: string[] = [];
    const check = (schema: Json, at: string): void => {
      if (schema.$ref !== undefined || schema.example !== undefined) return;
      if (schema.type === 'string' && !Array.isArray(schema.enum) && schema.format !== 'date-time')
        missing.push(at);
      if (schema.type === 'array' && schema.items) check(schema.items as Json, `${at}[]`);
    };
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      const properties = (schema.properties ?? {}) as Record<string, Json>;
      for (const [prop, s] of Object.entries(properties)) check(s, `${name}.${prop}`);
    }
    for (const { path, method, op } of operations()) {
      for (const p of op.parameters ?? []) check(p.schema, `${method} ${path} ${p.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('types count, limit, period and sorting as integers', () => {
    const props = (name: string) => doc.components.schemas[name].properties as Record<string, Json>;
    expect(props('PostsRequestDto').count.type).toBe('integer');
    expect(props('HashtagSearchRequestDto').count.type).toBe('integer');
    expect(props('HashtagSearchRequestDto').period.type).toBe('integer');
    expect(props('HashtagSearchRequestDto').sorting.type).toBe('integer');
    expect(props('UserSearchRequestDto').count.type).toBe('integer');
    expect(props('AnalyzeRequestDto').limit.type).toBe('integer');
  });

  it('documents GET / and the country of an analysis', () => {
    expect(doc.paths['/']?.get?.responses['200']).toBeDefined();
    const analyze = doc.components.schemas.AnalyzeRequestDto.properties as Record<string, Json>;
    expect(analyze.country).toMatchObject({ type: 'string', example: 'US' });
    expect(String(analyze.country.description)).toMatch(/country/i);
  });

  it("shows a score breakdown the code's weights really produce", () => {
    const example = (schema: string, prop: string) =>
      (doc.components.schemas[schema].properties as Record<string, Json>)[prop].example;
    expect(example('ScoreBreakdownDto', 'weights')).toEqual(TREND_SCORE_WEIGHTS);
    const points = example('ScoreBreakdownDto', 'points') as Record<string, number>;
    let total = 0;
    for (const [part, weight] of Object.entries(TREND_SCORE_WEIGHTS)) {
      const component = example('ScoreBreakdownDto', part) as number;
      expect({ part, points: points[part] }).toEqual({
        part,
        points: Math.round(100 * weight * component * 100) / 100,
      });
      total += points[part];
    }
    expect(example('TrendDto', 'trend_score')).toBeCloseTo(total, 1);
  });

  it('does not call the admin key a JWT', () => {
    const schemes = Object.values(doc.components.securitySchemes);
    expect(schemes.length).toBeGreaterThan(0);
    for (const scheme of schemes) expect(scheme.bearerFormat).toBeUndefined();
    expect(JSON.stringify(doc.components.securitySchemes)).not.toMatch(/jwt/i);
  });

  it('uses only demo creators in its examples', () => {
    const text = JSON.stringify(doc);
    expect(text).not.toMatch(/chef_?maya/i);
    expect(text).toContain('demo_cooking_carlos');
  });

  it('answers every example request with 2xx', async () => {
    const statuses: Record<string, number> = {};
    for (const { path, method, op } of operations()) {
      const headers: Record<string, string> = op.security ? { 'x-api-key': ADMIN_KEY } : {};
      const query = new URLSearchParams();
      let route = path;
      for (const p of op.parameters ?? []) {
        if (p.in === 'query') query.set(p.name, String(sample(p.schema)));
        if (p.in === 'path') route = route.replace(`{${p.name}}`, String(sample(p.schema)));
      }
      const target = query.size > 0 ? `${route}?${query.toString()}` : route;
      const schema = op.requestBody?.content['application/json']?.schema;
      const res =
        method === 'post'
          ? await postJson(url, target, schema ? sample(schema) : {}, headers)
          : await send(url, target, { method: method.toUpperCase(), headers });
      statuses[`${method.toUpperCase()} ${path}`] = res.status;
    }
    expect(Object.keys(statuses).length).toBeGreaterThanOrEqual(12);
    // A lookup by an example id is valid input for nothing stored yet: 404, never a 400.
    const failed = Object.entries(statuses).filter(
      ([operation, status]) =>
        (status < 200 || status > 299) && !(status === 404 && operation.includes('{')),
    );
    expect(failed).toEqual([]);
  });

  it('lists 413 and 415 on every operation with a JSON body, with the bodies really sent', async () => {
    const withBody = operations().filter(({ op }) => op.requestBody !== undefined);
    expect(withBody.length).toBeGreaterThanOrEqual(6);
    for (const { path, op } of withBody) {
      const example = (status: string) =>
        op.responses[status]?.content?.['application/json']?.example;
      const notJson = await postRaw(url, path, 'username=demo_cooking_carlos', 'text/plain');
      expect({ path, status: notJson.status, body: notJson.body }).toEqual({
        path,
        status: 415,
        body: example('415'),
      });
      const large = await postRaw(url, path, JSON.stringify({ pad: 'x'.repeat(40_000) }));
      expect({ path, status: large.status, body: large.body }).toEqual({
        path,
        status: 413,
        body: example('413'),
      });
    }
  });

  it('takes a JSON null as an empty body where the body is optional (cache clear)', async () => {
    const res = await send(url, '/api/v1/cache/clear', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY },
      body: 'null',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ deleted: expect.any(Number) as unknown });
  });

  it('documents 400s with the message the validation really gives', async () => {
    const op = doc.paths['/api/v1/profile'].post;
    const documented = op.responses['400'].content?.['application/json']?.example;
    const real = await postJson(url, '/api/v1/profile', { username: 'not a user!' });
    expect(real.status).toBe(400);
    expect(real.body).toEqual(documented);
  });

  it('documents no 500, and each error example under the status it is sent with', () => {
    const misfiled: string[] = [];
    for (const { path, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (status === '500') misfiled.push(`${path}: documents a 500`);
        const example = response.content?.['application/json']?.example as
          { code?: string } | undefined;
        if (Number(status) >= 400 && example?.code === 'INTERNAL_ERROR') {
          misfiled.push(`${path} ${status}: INTERNAL_ERROR example`);
        }
      }
    }
    expect(misfiled).toEqual([]);
  });

  it('documents the history 400 and 404 with the bodies really sent', async () => {
    const op = doc.paths['/api/v1/analyses/{id}'].get;
    const example = (status: string) =>
      op.responses[status]?.content?.['application/json']?.example;
    const bad = await send(url, '/api/v1/analyses/latest');
    expect({ status: bad.status, body: bad.body }).toEqual({ status: 400, body: example('400') });
    const missing = await getPath(url, '/api/v1/analyses/6f1c2d3e-4b5a-4c6d-8e7f-901234567890');
    expect({ status: missing.status, body: missing.body }).toEqual({
      status: 404,
      body: example('404'),
    });
  });
});
