/**
 * Run as its own process by log-flush.e2e-spec.ts: builds the app's logger exactly as the app
 * does (asynchronous stdout destination), writes LINES lines in one synchronous burst, then
 * crashes with an uncaught exception before the event loop could write them.
 */
import pino, { type DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { appConfig, ensembleConfig, openaiConfig } from '../../../src/config/configuration';
import { validateEnv } from '../../../src/config/env.schema';
import { buildLoggerParams } from '../../../src/observability/logger.options';

const lines = Number(process.env.LINES ?? '1000');
const env = validateEnv(process.env);
const params = buildLoggerParams(
  appConfig.read(env),
  ensembleConfig.read(env),
  openaiConfig.read(env),
);
const [options, stream] = params.pinoHttp as [Options, DestinationStream];
const logger = pino(options, stream);
for (let i = 0; i < lines; i++) logger.info({ seq: i }, 'burst line');
if (process.env.EXIT_MODE === 'crash') throw new Error('deliberate crash after logging');
process.exit(0);
