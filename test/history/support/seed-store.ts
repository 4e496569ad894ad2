/*
 * Child-process helper of the history specs: migrates the store named by DATABASE_URL or
 * DATA_DIR and inserts SEED_ROWS (JSON: [{table, values}]), then exits.
 */
import { sql } from 'drizzle-orm';
import {
  openEmbedded,
  openPostgres,
  type DatabaseConnection,
} from '../../../src/history/database/database-connection';
import type { SeedRow } from '../history-testing';

async function main(): Promise<void> {
  const rows = JSON.parse(process.env.SEED_ROWS ?? '[]') as SeedRow[];
  const url = process.env.DATABASE_URL;
  const connection: DatabaseConnection = url
    ? await openPostgres(url, { connectMs: 5000, queryMs: 10_000 }, () => undefined)
    : await openEmbedded(process.env.DATA_DIR ?? '');
  try {
    await connection.migrate();
    for (const row of rows) {
      const columns = Object.keys(row.values);
      await connection.db.execute(
        sql`INSERT INTO ${sql.identifier(row.table)} (${sql.join(
          columns.map((c) => sql.identifier(c)),
          sql`, `,
        )}) VALUES (${sql.join(
          columns.map((c) => sql`${row.values[c]}`),
          sql`, `,
        )})`,
      );
    }
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
