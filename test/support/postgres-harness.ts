import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** The machine's PostgreSQL (trust auth); tests only ever touch databases they created. */
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: string;
  url: string;
  /** Runs one statement on this database (its own short-lived connection). */
  query<T extends Record<string, unknown> = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<T[]>;
  /** Ends every session on it, then drops it. Safe to call twice. */
  drop(): Promise<void>;
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database with a random name (tests from several worktrees run at once). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `trendxl_test_${randomBytes(8).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = `postgres://postgres@127.0.0.1:5432/${name}`;
  let dropped = false;
  return {
    name,
    url,
    query: async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query<T>(text, params)).rows;
      } finally {
        await client.end();
      }
    },
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** A temporary DATA_DIR for the embedded store, removed by `remove()`. */
export function createTempDataDir(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'trendxl-data-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
