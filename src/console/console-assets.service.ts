import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code.enum';

/** Built asset names: what esbuild writes (app.js, app.css); nothing else is served. */
const ASSET_NAME = /^[a-z0-9-]+\.(js|css)$/;

/** The folder holding package.json: src/console and dist/console both live under it. */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

/**
 * The browser console's built files (console/dist, written by `npm run build:console`), served
 * from this origin: the page at / (to browsers) and /console, its script and style under
 * /console/assets. No CDN, no inline script, so it runs offline under the app's CSP.
 */
@Injectable()
export class ConsoleAssetsService {
  readonly dir = join(packageRoot(__dirname), 'console', 'dist');

  get built(): boolean {
    return existsSync(join(this.dir, 'index.html'));
  }

  sendPage(res: Response): void {
    if (!this.built) {
      throw new DomainException(
        ErrorCode.SERVICE_UNAVAILABLE,
        'The console is not built: run `npm run build` (or `npm run build:console`)',
      );
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile('index.html', { root: this.dir });
  }

  sendAsset(name: string, res: Response): void {
    if (!ASSET_NAME.test(name) || !existsSync(join(this.dir, name))) {
      throw new DomainException(ErrorCode.NOT_FOUND, 'No such console asset');
    }
    res.sendFile(name, { root: this.dir, maxAge: '5m' });
  }
}
