/**
 * Bundles the browser console (console/src, TypeScript) with esbuild into console/dist:
 * index.html, app.js and app.css, minified, with every dependency inside (no CDN), no inline
 * script or style. Runs before `npm run build` and `npm start`, and once before the e2e tests.
 */
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
export const CONSOLE_SOURCES = join(ROOT, 'console');
export const CONSOLE_DIST = join(CONSOLE_SOURCES, 'dist');

export async function buildConsole(): Promise<void> {
  await rm(CONSOLE_DIST, { recursive: true, force: true });
  await mkdir(CONSOLE_DIST, { recursive: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: { app: join(CONSOLE_SOURCES, 'src', 'main.ts') },
    outdir: CONSOLE_DIST,
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    tsconfig: join(CONSOLE_SOURCES, 'tsconfig.json'),
    legalComments: 'none',
    logLevel: 'warning',
  });
  await copyFile(join(CONSOLE_SOURCES, 'index.html'), join(CONSOLE_DIST, 'index.html'));
}

if (require.main === module) {
  buildConsole().catch((error: unknown) => {
    process.stderr.write(`console build failed: ${String(error)}\n`);
    process.exit(1);
  });
}
