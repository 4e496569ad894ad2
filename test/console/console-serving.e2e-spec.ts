import type { NestExpressApplication } from '@nestjs/platform-express';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cspAllows, parseCsp } from '../support/hardening/csp';
import { pageResources } from '../support/hardening/html-resources';
import { getPath } from '../support/http';
import { createTestApp } from '../support/test-app';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const MAX_GZIPPED_BYTES = 150 * 1024;
/** Where `npm run build:console` (scripts/build-console.mjs) writes the bundle. */
const CONSOLE_DIST = join(__dirname, '..', '..', 'console', 'dist');

describe('web console: served from the service itself', () => {
  let app: NestExpressApplication | undefined;
  let url = '';

  beforeAll(async () => {
    ({ app, url } = await createTestApp());
  });

  afterAll(async () => {
    await app?.close();
  });

  it('a browser asking for / gets the console page; API clients keep the JSON index', async () => {
    const page = await getPath(url, '/', { accept: BROWSER_ACCEPT });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('/console/assets/app.js');
    expect(page.headers.get('vary')).toMatch(/accept/i);

    for (const accept of [undefined, '*/*', 'application/json']) {
      const res = await getPath(url, '/', accept ? { accept } : {});
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.body).toMatchObject({
        service: 'TrendXL',
        endpoints: { console: 'GET /console' },
      });
    }
  });

  it('/console is the same page, with no inline script or style, every resource allowed by the CSP', async () => {
    const page = await getPath(url, '/console');
    expect(page.status).toBe(200);
    const resources = pageResources(page.text);
    expect(resources.inlineScripts).toEqual([]);
    expect(resources.eventHandlerAttributes).toEqual([]);
    expect(resources.inlineStyleElements).toBe(0);
    expect(resources.inlineStyleAttributes).toBe(0);
    expect(resources.scriptSrcs).toEqual(['/console/assets/app.js']);

    const csp = parseCsp(page.headers.get('content-security-policy'));
    const pageUrl = new URL('/console', url);
    for (const src of resources.scriptSrcs) {
      expect(cspAllows(csp, 'script-src', pageUrl, new URL(src, pageUrl))).toBe(true);
    }
    for (const link of resources.links.filter((l) => l.rel === 'stylesheet')) {
      expect(cspAllows(csp, 'style-src', pageUrl, new URL(link.href, pageUrl))).toBe(true);
    }
  });

  it('serves the bundled script and style, and nothing else from the folder', async () => {
    const script = await getPath(url, '/console/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    const style = await getPath(url, '/console/assets/app.css');
    expect(style.status).toBe(200);
    expect(style.headers.get('content-type')).toMatch(/^text\/css/);

    for (const path of [
      '/console/assets/missing.js',
      '/console/assets/index.html',
      '/console/assets/..%2F..%2Fpackage.json',
    ]) {
      const res = await getPath(url, path);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('the whole console is under 150 KB gzipped and loads nothing from another origin', () => {
    const files = readdirSync(CONSOLE_DIST);
    expect(files.sort()).toEqual(['app.css', 'app.js', 'index.html']);
    const gzipped = files.reduce(
      (sum, file) => sum + gzipSync(readFileSync(join(CONSOLE_DIST, file)), { level: 9 }).length,
      0,
    );
    expect(gzipped).toBeLessThan(MAX_GZIPPED_BYTES);

    const html = readFileSync(join(CONSOLE_DIST, 'index.html'), 'utf8');
    const css = readFileSync(join(CONSOLE_DIST, 'app.css'), 'utf8');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(css).not.toMatch(/url\(\s*['"]?(https?:)?\/\//);
  });
});
