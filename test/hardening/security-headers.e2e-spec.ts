import type { NestExpressApplication } from '@nestjs/platform-express';
import { createTestApp } from '../support/test-app';
import { cspAllows, effectiveSources, parseCsp } from '../support/hardening/csp';
import { pageResources } from '../support/hardening/html-resources';
import { send, type SendOptions } from '../support/http';

/**
 * Helmet's headers on every kind of response (success, validation error, body-parser error,
 * unknown route, docs), and a CSP under which the Swagger UI and ReDoc pages can actually run:
 * everything they load is same-origin and allowed by the directive that governs it, no script is
 * inline, and each asset is served with the MIME type `nosniff` requires.
 */

const JSON_HEADERS = { 'content-type': 'application/json' };

const RESPONSES: [what: string, path: string, options: SendOptions, status: number][] = [
  ['a JSON success', '/health', {}, 200],
  ['an API success', '/api/v1/cache/stats', {}, 200],
  [
    'a validation error',
    '/api/v1/profile',
    { method: 'POST', headers: JSON_HEADERS, body: '{"username":1}' },
    400,
  ],
  [
    'a malformed body',
    '/api/v1/profile',
    { method: 'POST', headers: JSON_HEADERS, body: '{"username":' },
    400,
  ],
  [
    'a body over the limit',
    '/api/v1/users/search',
    { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ query: 'q'.repeat(5000) }) },
    413,
  ],
  ['an unknown route', '/no/such/route', {}, 404],
  ['the OpenAPI document', '/openapi.json', {}, 200],
  ['the Swagger UI page', '/docs', {}, 200],
  ['the ReDoc page', '/redoc', {}, 200],
  ['the metrics', '/metrics', {}, 200],
];

describe('security headers', () => {
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await createTestApp({ BODY_LIMIT_BYTES: '4096' }));
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each(RESPONSES)('%s (%s) carries the helmet headers', async (_what, path, options, status) => {
    const res = await send(url, path, options);
    expect(res.status).toBe(status);
    const h = res.headers;
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(h.get('referrer-policy')).toBe('no-referrer');
    expect(h.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(h.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(h.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(h.get('x-dns-prefetch-control')).toBe('off');
    expect(h.get('x-permitted-cross-domain-policies')).toBe('none');
    expect(h.get('x-powered-by')).toBeNull();
    const csp = parseCsp(h.get('content-security-policy'));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  describe.each(['/docs', '/docs/', '/redoc'])('%s renders under its CSP', (page) => {
    let pageUrl: URL;
    let html: string;
    let cspHeader: string | null;

    beforeAll(async () => {
      pageUrl = new URL(page, url);
      const res = await send(url, page);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      html = res.text;
      cspHeader = res.headers.get('content-security-policy');
    });

    it("allows scripts from 'self' only: no 'unsafe-inline', no 'unsafe-eval', no other host", () => {
      const csp = parseCsp(cspHeader);
      expect(effectiveSources(csp, 'script-src')).toEqual(["'self'"]);
      expect(csp.get('script-src-attr') ?? ["'none'"]).toEqual(["'none'"]);
    });

    it('has no inline script: no <script> body, no on* handler, no javascript: URL', () => {
      const resources = pageResources(html);
      expect(resources.scriptSrcs.length).toBeGreaterThan(0);
      expect(resources.inlineScripts).toEqual([]);
      expect(resources.eventHandlerAttributes).toEqual([]);
      expect(resources.javascriptUrls).toEqual([]);
    });

    it('loads every script and stylesheet from its own origin, as the CSP allows', async () => {
      const csp = parseCsp(cspHeader);
      const resources = pageResources(html);
      const loads = [
        ...resources.scriptSrcs.map((src) => ({ directive: 'script-src-elem', ref: src })),
        ...resources.links
          .filter((l) => l.rel.split(/\s+/).includes('stylesheet'))
          .map((l) => ({ directive: 'style-src-elem', ref: l.href })),
        ...resources.links
          .filter((l) => l.rel.split(/\s+/).includes('icon'))
          .map((l) => ({ directive: 'img-src', ref: l.href })),
      ];
      for (const { directive, ref } of loads) {
        const target = new URL(ref, pageUrl);
        expect({ ref, origin: target.origin }).toEqual({ ref, origin: pageUrl.origin });
        expect({ ref, directive, allowed: cspAllows(csp, directive, pageUrl, target) }).toEqual({
          ref,
          directive,
          allowed: true,
        });
      }
    });

    it('serves each script and stylesheet it references, with the MIME type nosniff needs', async () => {
      const resources = pageResources(html);
      const expectations = [
        ...resources.scriptSrcs.map((src) => ({ ref: src, type: /javascript/ })),
        ...resources.links
          .filter((l) => l.rel.split(/\s+/).includes('stylesheet'))
          .map((l) => ({ ref: l.href, type: /^text\/css/ })),
      ];
      expect(expectations.length).toBeGreaterThan(1);
      for (const { ref, type } of expectations) {
        const target = new URL(ref, pageUrl);
        const res = await send(url, `${target.pathname}${target.search}`);
        expect({ ref, status: res.status }).toEqual({ ref, status: 200 });
        expect(res.headers.get('content-type') ?? '').toMatch(type);
        expect(res.text.length).toBeGreaterThan(0);
      }
    });

    it('allows its inline styles (style elements and attributes) through style-src', () => {
      const csp = parseCsp(cspHeader);
      const resources = pageResources(html);
      if (resources.inlineStyleElements + resources.inlineStyleAttributes > 0) {
        expect(effectiveSources(csp, 'style-src')).toContain("'unsafe-inline'");
      }
      expect(effectiveSources(csp, 'style-src')).toContain("'self'");
    });

    it('lets the page fetch the OpenAPI document from its own origin (connect-src)', async () => {
      const csp = parseCsp(cspHeader);
      const doc = new URL('/openapi.json', pageUrl);
      expect(cspAllows(csp, 'connect-src', pageUrl, doc)).toBe(true);
      const res = await send(url, '/openapi.json');
      expect(res.status).toBe(200);
      expect((res.body as { openapi?: string }).openapi).toMatch(/^3\./);
    });
  });

  // Browsers rewrite every subresource URL to https:// under this directive, so on a plain-HTTP
  // deployment (the compose file serves http://<host>:8000; Safari does it even on localhost) the
  // docs' own scripts and stylesheets fail to load and the pages stay blank.
  it.each(['/docs', '/redoc'])(
    '%s over plain HTTP does not make browsers upgrade its own assets to https',
    async (page) => {
      const res = await send(url, page);
      expect([...parseCsp(res.headers.get('content-security-policy')).keys()]).not.toContain(
        'upgrade-insecure-requests',
      );
    },
  );

  it('Swagger UI starts from an external init script (not inline) that boots SwaggerUIBundle', async () => {
    const page = await send(url, '/docs');
    const resources = pageResources(page.text);
    const init = resources.scriptSrcs.find((src) => /swagger-ui-init\.js$/.test(src));
    expect(init).toBeDefined();
    const res = await send(url, new URL(init ?? '', new URL('/docs', url)).pathname);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.text).toContain('SwaggerUIBundle(');
  });

  it('ReDoc starts from an external init script pointing at the same-origin document', async () => {
    const page = await send(url, '/redoc');
    const resources = pageResources(page.text);
    expect(resources.scriptSrcs).toEqual(expect.arrayContaining(['/redoc/init.js']));
    const init = await send(url, '/redoc/init.js');
    expect(init.status).toBe(200);
    expect(init.text).toMatch(/Redoc\.init\(\s*['"]\/openapi\.json['"]/);
  });

  it('allows the blob: worker the ReDoc bundle creates (worker-src)', async () => {
    const bundle = await send(url, '/redoc/redoc.standalone.js');
    expect(bundle.status).toBe(200);
    const csp = parseCsp(bundle.headers.get('content-security-policy'));
    if (/new Worker\(URL\.createObjectURL\(/.test(bundle.text)) {
      expect(effectiveSources(csp, 'worker-src')).toContain('blob:');
    }
  });
});
