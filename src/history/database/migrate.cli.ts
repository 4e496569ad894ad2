/*
 * `npm run db:migrate` (or `node dist/history/database/migrate.cli.js` in an image): applies the
 * pending migrations to DATABASE_URL, or to the embedded store under DATA_DIR, and exits.
 */
import { existsSync } from 'node:fs';
import { validateProcessEnv } from '../../config/configuration';
import { EnvValidationError } from '../../config/env.schema';
import { ENV_FILE_OPTIONS } from '../../config/env-file';
import { openEmbedded, openPostgres, type DatabaseConnection } from './database-connection';

async function main(): Promise<void> {
  if (!('ignoreEnvFile' in ENV_FILE_OPTIONS) && existsSync('.env')) process.loadEnvFile('.env');
  const env = validateProcessEnv();
  const connection: DatabaseConnection = env.DATABASE_URL
    ? openPostgres(env.DATABASE_URL, { connectMs: 10_000, queryMs: 600_000 }, () => undefined)
    : await openEmbedded(env.DATA_DIR);
  try {
    const applied = await connection.migrate();
    process.stdout.write(`${connection.driver} database: ${applied} migration(s) applied\n`);
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `${error instanceof EnvValidationError ? '' : 'Migration failed: '}${message}\n`,
  );
  process.exit(1);
});
