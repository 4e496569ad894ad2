import { buildSync } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { PageProbes, ProbeHost } from './page-probes';

/** Debian's chromium (`.ci/run` installs it); playwright-core never downloads a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
/** No sandbox (root in a container) and nothing that reaches for the network. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A phone's viewport (CSS pixels), for the "readable on a phone" checks. */
export const PHONE = { width: 390, height: 844 };

export const ARTIFACTS_DIR = join(__dirname, '..', '..', '..', 'test-artifacts', 'console');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** What went wrong on a page: console errors, uncaught exceptions, failed and 4xx/5xx requests. */
export interface PageTrouble {
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
  errorResponses: string[];
}

export async function openPage(
  browser: Browser,
  viewport = { width: 1280, height: 900 },
): Promise<{ page: Page; trouble: PageTrouble }> {
  const page = await browser.newPage({ viewport });
  const trouble: PageTrouble = {
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    errorResponses: [],
  };
  page.on('console', (msg) => {
    if (msg.type() === 'error') trouble.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (error) => trouble.pageErrors.push(error.message));
  page.on('requestfailed', (req) => {
    // A stream the page itself ends (a new analysis) is aborted on purpose.
    const why = req.failure()?.errorText ?? '';
    if (why !== 'net::ERR_ABORTED') trouble.failedRequests.push(`${req.url()} ${why}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) trouble.errorResponses.push(`${res.status()} ${res.url()}`);
  });
  await page.addInitScript({ content: probesScript() });
  return { page, trouble };
}

let probesBundle: string | undefined;

/** in-page/probes.ts as one script (bundled once per test file). */
function probesScript(): string {
  probesBundle ??= buildSync({
    entryPoints: [join(__dirname, 'in-page', 'probes.ts')],
    tsconfig: join(__dirname, 'in-page', 'tsconfig.json'),
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome100',
    logLevel: 'warning',
  }).outputFiles[0].text;
  return probesBundle;
}

type ProbeName = keyof PageProbes;
type ProbeArgs<K extends ProbeName> = Parameters<PageProbes[K]>;
type ProbeResult<K extends ProbeName> = Awaited<ReturnType<PageProbes[K]>>;

/** Runs in the page (Playwright sends its source): calls the installed probe. */
function callProbe({ name, args }: { name: ProbeName; args: unknown[] }): unknown {
  const probe = (globalThis as unknown as ProbeHost).trendxlProbes[name] as (
    ...a: unknown[]
  ) => unknown;
  return probe(...args);
}

/** Runs one of the page probes (./page-probes.ts) in the page and returns its answer. */
export async function probe<K extends ProbeName>(
  page: Page,
  name: K,
  ...args: ProbeArgs<K>
): Promise<ProbeResult<K>> {
  return (await page.evaluate(callProbe, { name, args })) as ProbeResult<K>;
}

/** Waits until the page probe answers something truthy. */
export async function waitForProbe<K extends ProbeName>(
  page: Page,
  name: K,
  ...args: ProbeArgs<K>
): Promise<void> {
  await page.waitForFunction(callProbe, { name, args });
}

/** Nothing went wrong on the page: no console error, exception, failed or refused request. */
export function expectClean(trouble: PageTrouble): void {
  expect(trouble).toEqual({
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    errorResponses: [],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}
