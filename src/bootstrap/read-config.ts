import { NestFactory } from '@nestjs/core';
import type { ConfigNamespace } from '../config/configuration';
import { ConfigurationModule } from '../config/configuration.module';

/**
 * One namespace of the same validated configuration (and .env loading) the app uses, read before
 * the app is created: which process to start, and whether it can start at all.
 */
export async function readConfig<T>(namespace: ConfigNamespace<T>): Promise<T> {
  const context = await NestFactory.createApplicationContext(ConfigurationModule, {
    logger: false,
    abortOnError: false,
  });
  try {
    return context.get<T>(namespace.KEY);
  } finally {
    await context.close();
  }
}
