// @ts-check
/**
 * Bundles the browser console (console/src, TypeScript) with esbuild into console/dist:
 * index.html, app.js and app.css, minified, with every dependency inside (no CDN), no inline
 * script or style. Runs before `npm run build` and `npm start` (plain Node, no TypeScript loader,
 * so it adds well under a second), and once before the e2e tests (jest globalSetup).
 */
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = join(ROOT, 'console');
export const CONSOLE_DIST = join(SOURCES, 'dist');

export async function buildConsole() {
  await rm(CONSOLE_DIST, { recursive: true, force: true });
  await mkdir(CONSOLE_DIST, { recursive: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: { app: join(SOURCES, 'src', 'main.ts') },
    outdir: CONSOLE_DIST,
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    tsconfig: join(SOURCES, 'tsconfig.json'),
    legalComments: 'none',
    logLevel: 'warning',
  });
  await copyFile(join(SOURCES, 'index.html'), join(CONSOLE_DIST, 'index.html'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildConsole().catch((error) => {
    process.stderr.write(`console build failed: ${String(error)}\n`);
    process.exit(1);
  });
}
