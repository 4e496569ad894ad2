import type { NestExpressApplication } from '@nestjs/platform-express';
import { createTestApp } from '../support/test-app';
import { getPath, postJson } from '../support/http';

/**
 * The API documentation: Swagger UI at /docs and ReDoc at /redoc must render offline (every
 * asset served by the app itself, no CDN), and /openapi.json must describe every endpoint with
 * its request and 200 response schemas, matching what the endpoints really answer.
 */

type Json = Record<string, unknown>;

interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Json>>;
  components?: { schemas?: Record<string, Json> };
}

const POST_ENDPOINTS = [
  '/api/v1/profile',
  '/api/v1/posts',
  '/api/v1/hashtag/search',
  '/api/v1/users/search',
  '/api/v1/analyze',
];

/** src/href URLs of script, link and img tags. */
function assetUrls(html: string): string[] {
  const urls: string[] = [];
  for (const match of html.matchAll(
    /<(script|link|img)\b[^>]*?\b(src|href)\s*=\s*["']([^"']+)["']/gi,
  )) {
    urls.push(match[3]);
  }
  return urls;
}

/** Absolute http(s) URLs anywhere in the HTML, except XML namespace names (never fetched). */
function absoluteUrls(html: string): string[] {
  const withoutNamespaces = html.replace(/\sxmlns(:\w+)?\s*=\s*["'][^"']*["']/gi, '');
  return [...withoutNamespaces.matchAll(/(?:https?:)?\/\/[a-z0-9.-]+(?::\d+)?[^\s"'<>)]*/gi)]
    .map((m) => m[0])
    .filter((u) => /^(https?:)?\/\/[a-z]/i.test(u));
}

describe('API documentation', () => {
  let app: NestExpressApplication;
  let url: string;
  let doc: OpenApiDoc;

  beforeAll(async () => {
    ({ app, url } = await createTestApp({
      ENSEMBLE_API_TOKEN: undefined,
      MAX_REQUESTS_PER_MINUTE: '100000',
      ANALYZE_REQUESTS_PER_MINUTE: '100000',
    }));
    const res = await getPath(url, '/openapi.json');
    doc = res.body as OpenApiDoc;
  });

  afterAll(async () => {
    await app?.close();
  });

  /** Resolves a local `#/components/schemas/X` reference (one level). */
  function resolve(schema: unknown): Json {
    const ref = (schema as { $ref?: unknown } | undefined)?.$ref;
    if (typeof ref !== 'string') return schema as Json;
    const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
    const target = name === undefined ? undefined : doc.components?.schemas?.[name];
    if (!target) throw new Error(`unresolvable $ref ${ref}`);
    return target;
  }

  describe('Swagger UI at /docs', () => {
    let html: string;

    beforeAll(async () => {
      const res = await getPath(url, '/docs');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      html = res.text;
    });

    it('is the Swagger UI page', () => {
      expect(html).toContain('swagger-ui');
      expect(html).toMatch(/<script\b/i);
    });

    it('loads no asset from another host (no CDN)', () => {
      const foreign = [...assetUrls(html), ...absoluteUrls(html)].filter(
        (u) => /^(https?:)?\/\//i.test(u) && new URL(u, url).origin !== new URL(url).origin,
      );
      expect(foreign).toEqual([]);
    });

    it('serves every referenced script and stylesheet from the same origin with 200', async () => {
      const assets = assetUrls(html);
      const scripts = assets.filter((u) => /\.js(\?|$)/.test(u));
      const styles = assets.filter((u) => /\.css(\?|$)/.test(u));
      expect(scripts.length).toBeGreaterThanOrEqual(2);
      expect(styles.length).toBeGreaterThanOrEqual(1);
      for (const asset of assets) {
        const target = new URL(asset, `${url}/docs`);
        expect(target.origin).toBe(new URL(url).origin);
        const res = await fetch(target);
        const type = res.headers.get('content-type') ?? '';
        const body = await res.text();
        expect({ asset, status: res.status }).toEqual({ asset, status: 200 });
        expect(body.length).toBeGreaterThan(0);
        if (scripts.includes(asset))
          expect({ asset, type }).toEqual({
            asset,
            type: expect.stringMatching(/javascript/) as unknown,
          });
        if (styles.includes(asset))
          expect({ asset, type }).toEqual({
            asset,
            type: expect.stringMatching(/text\/css/) as unknown,
          });
      }
    });
  });

  describe('ReDoc at /redoc', () => {
    let html: string;

    beforeAll(async () => {
      const res = await getPath(url, '/redoc');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      html = res.text;
    });

    it('loads no asset from another host (no CDN)', () => {
      const foreign = [...assetUrls(html), ...absoluteUrls(html)].filter(
        (u) => /^(https?:)?\/\//i.test(u) && new URL(u, url).origin !== new URL(url).origin,
      );
      expect(foreign).toEqual([]);
    });

    it('serves its scripts as JavaScript from the same origin, pointing at /openapi.json', async () => {
      const scripts = assetUrls(html).filter((u) => /\.js(\?|$)/.test(u));
      expect(scripts.length).toBeGreaterThanOrEqual(1);
      const bodies: string[] = [];
      for (const script of scripts) {
        const target = new URL(script, `${url}/redoc`);
        expect(target.origin).toBe(new URL(url).origin);
        const res = await fetch(target);
        const body = await res.text();
        expect({ script, status: res.status }).toEqual({ script, status: 200 });
        expect(res.headers.get('content-type')).toMatch(/javascript/);
        expect(body.length).toBeGreaterThan(0);
        bodies.push(body);
      }
      // The ReDoc bundle itself, not a placeholder.
      expect(bodies.some((b) => b.length > 100_000 && b.includes('Redoc'))).toBe(true);
      expect(bodies.join('\n')).toContain('/openapi.json');
      // Its footer logo too comes from here, not from a CDN.
      expect(bodies.join('\n')).not.toMatch(/https:\/\/cdn\./);
      expect(bodies.join('\n')).toContain('/redoc/logo-mini.svg');
    });

    it('serves the logo its bundle shows as an SVG', async () => {
      const res = await getPath(url, '/redoc/logo-mini.svg');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(res.text).toMatch(
        /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*<\/svg>$/,
      );
    });
  });

  describe('/favicon.ico', () => {
    it('is a small ICO image, not a 404', async () => {
      const res = await fetch(`${url}/favicon.ico`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/x-icon');
      const ico = Buffer.from(await res.arrayBuffer());
      // ICONDIR: reserved 0, type 1 (icon), one image; its data lies inside the file.
      expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 1]);
      expect(ico.readUInt32LE(18) + ico.readUInt32LE(14)).toBe(ico.length);
      expect(ico.length).toBeLessThan(4096);
    });
  });

  describe('/openapi.json', () => {
    it('is an OpenAPI 3 document with title and version', () => {
      expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
      expect(doc.info.title).toEqual(expect.any(String));
      expect(doc.info.version).toEqual(expect.any(String));
      expect(typeof doc.paths).toBe('object');
    });

    it('defines every security scheme an operation requires', () => {
      const raw = doc as unknown as {
        paths: Record<string, Record<string, { security?: Record<string, unknown>[] }>>;
        components?: { securitySchemes?: Record<string, unknown> };
      };
      const required = Object.values(raw.paths)
        .flatMap((ops) => Object.values(ops))
        .flatMap((op) => op.security ?? [])
        .flatMap((requirement) => Object.keys(requirement));
      expect(required.length).toBeGreaterThan(0);
      const defined = Object.keys(raw.components?.securitySchemes ?? {});
      for (const name of required) expect(defined).toContain(name);
    });

    it('has only resolvable local $refs', () => {
      const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
      expect(refs.length).toBeGreaterThan(0);
      const broken = refs.filter((ref) => {
        try {
          resolve({ $ref: ref });
          return false;
        } catch {
          return true;
        }
      });
      expect(broken).toEqual([]);
    });

    it.each(POST_ENDPOINTS)('documents POST %s with request body and 200 schemas', (path) => {
      const op = doc.paths[path]?.post as
        | {
            requestBody?: { content?: Record<string, { schema?: unknown }> };
            responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
          }
        | undefined;
      expect(op).toBeDefined();
      const request = resolve(op?.requestBody?.content?.['application/json']?.schema);
      expect(request).toMatchObject({ type: 'object' });
      expect(Object.keys((request.properties as Json | undefined) ?? {}).length).toBeGreaterThan(0);
      const ok = resolve(op?.responses?.['200']?.content?.['application/json']?.schema);
      expect(Object.keys((ok.properties as Json | undefined) ?? {}).length).toBeGreaterThan(0);
      // Errors are documented with the envelope.
      const errorCodes = Object.keys(op?.responses ?? {}).filter((s) => /^[45]\d\d$/.test(s));
      expect(errorCodes).toContain('400');
    });

    it('documents GET /health with a 200 schema', () => {
      const op = doc.paths['/health']?.get as
        | { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }
        | undefined;
      const ok = resolve(op?.responses?.['200']?.content?.['application/json']?.schema);
      expect(Object.keys((ok.properties as Json | undefined) ?? {})).toEqual(
        expect.arrayContaining(['status', 'timestamp', 'version', 'services', 'mode']),
      );
    });

    it.each([
      ['/api/v1/profile', { username: 'demo_cooking_carlos' }],
      ['/api/v1/posts', { username: 'demo_cooking_carlos', count: 2 }],
      ['/api/v1/hashtag/search', { hashtag: 'cooking', count: 2 }],
      ['/api/v1/users/search', { query: 'demo' }],
    ])(
      'POST %s: the documented request fields and response fields match reality',
      async (path, body) => {
        const op = doc.paths[path].post as {
          requestBody: { content: Record<string, { schema: unknown }> };
          responses: Record<string, { content: Record<string, { schema: unknown }> }>;
        };
        const request = resolve(op.requestBody.content['application/json'].schema);
        const requestFields = Object.keys(request.properties as Json);
        for (const field of Object.keys(body)) expect(requestFields).toContain(field);

        const res = await postJson(url, path, body);
        expect(res.status).toBe(200);
        const response = resolve(op.responses['200'].content['application/json'].schema);
        expect(Object.keys(response.properties as Json).sort()).toEqual(
          Object.keys(res.body as Json).sort(),
        );
        // List items (posts, users) are documented field for field too.
        for (const list of ['posts', 'users']) {
          const items = (res.body as Record<string, Json[] | undefined>)[list];
          if (!items) continue;
          expect(items.length).toBeGreaterThan(0);
          const listSchema = (response.properties as Record<string, { items?: unknown }>)[list];
          const item = resolve(listSchema.items);
          expect({ list, fields: Object.keys(item.properties as Json).sort() }).toEqual({
            list,
            fields: Object.keys(items[0]).sort(),
          });
        }
      },
    );
  });
});
