import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ALL_CONFIGS, VALIDATED_ENV } from './configuration';
import { validateEnv } from './env.schema';

/**
 * The environment is validated once per application, when it is created (so several apps with
 * different variables can run in one process, as the e2e tests do), and every namespace is a
 * typed slice of that one result. A bad value stops the boot with a message naming the variable.
 * `@nestjs/config` only loads `.env` into the environment.
 */
/** `.env` is read when present, except under test, where each test sets its own environment. */
const ENV_FILE_OPTIONS = process.env.NODE_ENV === 'test' ? { ignoreEnvFile: true } : {};

@Global()
@Module({
  imports: [ConfigModule.forRoot(ENV_FILE_OPTIONS)],
  providers: [
    { provide: VALIDATED_ENV, useFactory: () => validateEnv(process.env) },
    ...ALL_CONFIGS.map((config) => config.provider),
  ],
  exports: ALL_CONFIGS.map((config) => config.KEY),
})
export class ConfigurationModule {}
