import type { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { join, resolve } from 'node:path';
import { EmbeddedStoreLock } from './embedded-store.lock';

/** The query builder both drivers give: store providers are written once against it. */
export type Db = PgDatabase<PgQueryResultHKT>;

export type DatabaseDriver = 'postgres' | 'embedded';

export const MIGRATIONS_FOLDER = join(__dirname, 'migrations');
const MIGRATIONS_TABLE = { schema: 'drizzle', table: '__drizzle_migrations' };
/** Any fixed 64-bit number: every TrendXL instance migrating one database queues on it. */
const MIGRATION_LOCK_KEY = 7_384_120_553;

export interface PostgresTimeouts {
  connectMs: number;
  queryMs: number;
}

/**
 * PostgreSQL's 128 MB of shared buffers suit a server of its own, not a store embedded in the API
 * process: with 16 MB the embedded store's resident memory falls from about 300 MB to about 130 MB
 * (measured on a started store), and one process's history fits in it.
 */
const EMBEDDED_POSTGRESQL_CONF = 'shared_buffers = 16MB\nwal_buffers = 1MB\n';

/** One open database, PostgreSQL (a pool) or embedded PGlite, with the same query builder. */
export interface DatabaseConnection {
  readonly driver: DatabaseDriver;
  readonly db: Db;
  /** Applies pending migrations under the advisory lock; returns how many it applied. */
  migrate(): Promise<number>;
  close(): Promise<void>;
}

// Each driver is loaded only when it is chosen: a process never pays the memory of the other.
export async function openPostgres(
  url: string,
  timeouts: PostgresTimeouts,
  onIdleError: (error: Error) => void,
): Promise<DatabaseConnection> {
  const [{ Pool }, { drizzle: drizzlePg }, { migrate: migratePg }] = await Promise.all([
    import('pg'),
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
  ]);
  const pool = new Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: timeouts.connectMs,
    query_timeout: timeouts.queryMs,
    idleTimeoutMillis: 30_000,
    application_name: 'trendxl',
  });
  // A terminated backend surfaces here for idle clients; without a listener it would crash the process.
  pool.on('error', onIdleError);
  return {
    driver: 'postgres',
    db: drizzlePg(pool),
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        try {
          const db = drizzlePg(client);
          const before = await appliedCount(db);
          await migratePg(db, migrationConfig());
          return (await appliedCount(db)) - before;
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Opens (creating on first use) the embedded store under `dataDir`, owned by this process. */
export async function openEmbedded(dataDir: string): Promise<DatabaseConnection> {
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  const lock = EmbeddedStoreLock.acquire(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create(join(resolve(dataDir), 'pglite'), {
      postgresqlconf: EMBEDDED_POSTGRESQL_CONF,
    });
  } catch (error) {
    lock.release();
    throw error;
  }
  const db = drizzlePglite(client);
  return {
    driver: 'embedded',
    db,
    async migrate() {
      // One process owns the files, but the same locked path keeps both drivers' behaviour equal.
      await db.execute(sql`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
      try {
        const before = await appliedCount(db);
        await migratePglite(db, migrationConfig());
        return (await appliedCount(db)) - before;
      } finally {
        await db.execute(sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
      }
    },
    async close() {
      try {
        await client.close();
      } finally {
        lock.release();
      }
    },
  };
}

function migrationConfig() {
  return {
    migrationsFolder: MIGRATIONS_FOLDER,
    migrationsSchema: MIGRATIONS_TABLE.schema,
    migrationsTable: MIGRATIONS_TABLE.table,
  };
}

/** Rows of a raw statement; both drivers answer `{ rows }`. */
export async function queryRows<T extends Record<string, unknown>>(
  db: Db,
  query: SQL,
): Promise<T[]> {
  const result = (await db.execute(query)) as { rows?: T[] };
  return result.rows ?? [];
}

async function appliedCount(db: Db): Promise<number> {
  const { schema, table } = MIGRATIONS_TABLE;
  const [exists] = await queryRows<{ present: boolean }>(
    db,
    sql`SELECT to_regclass(${`${schema}.${table}`}) IS NOT NULL AS present`,
  );
  if (!exists?.present) return 0;
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM ${sql.identifier(schema)}.${sql.identifier(table)}`,
  );
  return Number(count?.n ?? 0);
}
