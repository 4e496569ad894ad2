import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const LOCK_FILE = 'trendxl.lock';

export class EmbeddedStoreBusyError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in DATA_DIR (${dataDir}) is already in use by process ${pid}. ` +
        'The embedded store belongs to one process: give each instance its own DATA_DIR, or set ' +
        'DATABASE_URL to a PostgreSQL server to run several instances.',
    );
    this.name = 'EmbeddedStoreBusyError';
  }
}

/**
 * The embedded PostgreSQL is a set of files one process may open. A lock file holding the owner's
 * pid makes a second process (or a second app in the same process) fail fast instead of
 * corrupting them; a lock left by a process that died is taken over.
 */
export class EmbeddedStoreLock {
  private constructor(
    private readonly path: string,
    private readonly token: string,
  ) {}

  static acquire(dataDir: string): EmbeddedStoreLock {
    const dir = resolve(dataDir);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, LOCK_FILE);
    const token = `${process.pid}:${randomUUID()}`;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        writeFileSync(path, token, { flag: 'wx' });
        return new EmbeddedStoreLock(path, token);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = readOwner(path);
      if (owner !== undefined && isAlive(owner)) throw new EmbeddedStoreBusyError(dir, owner);
      removeQuietly(path);
    }
    throw new EmbeddedStoreBusyError(dir, readOwner(path) ?? 0);
  }

  release(): void {
    try {
      if (readFileSync(this.path, 'utf8') === this.token) unlinkSync(this.path);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

function readOwner(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').split(':')[0], 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Someone else removed or replaced it; the next attempt decides.
  }
}
