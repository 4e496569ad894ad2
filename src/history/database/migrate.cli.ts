/*
 * `npm run db:migrate` (or `node dist/history/database/migrate.cli.js` in an image): applies the
 * pending migrations to DATABASE_URL, or to the embedded store under DATA_DIR, and exits.
 */
import { NestFactory } from '@nestjs/core';
import { databaseConfig, type DatabaseConfig } from '../../config/configuration';
import { ConfigurationModule } from '../../config/configuration.module';
import { EnvValidationError } from '../../config/env.schema';
import { openEmbedded, openPostgres, type DatabaseConnection } from './database-connection';

async function main(): Promise<void> {
  // The same validated configuration (and .env loading) as the service itself.
  const context = await NestFactory.createApplicationContext(ConfigurationModule, {
    logger: false,
    abortOnError: false,
  });
  const config = context.get<DatabaseConfig>(databaseConfig.KEY);
  await context.close();
  const connection: DatabaseConnection = config.url
    ? await openPostgres(config.url, { connectMs: 10_000, queryMs: 600_000 }, () => undefined)
    : await openEmbedded(config.dataDir);
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
