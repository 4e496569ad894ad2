import { NestFactory } from '@nestjs/core';
import { watchlistsConfig, type WatchlistsConfig } from '../config/configuration';
import { ConfigurationModule } from '../config/configuration.module';
import type { AppRole } from '../config/env.schema';

/** APP_ROLE from the same validated configuration (and .env loading) the app itself uses. */
export async function processRole(): Promise<AppRole> {
  const context = await NestFactory.createApplicationContext(ConfigurationModule, {
    logger: false,
    abortOnError: false,
  });
  try {
    return context.get<WatchlistsConfig>(watchlistsConfig.KEY).role;
  } finally {
    await context.close();
  }
}
