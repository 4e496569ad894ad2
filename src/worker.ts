import { startWorker, WorkerConfigError } from './bootstrap/start-worker';
import { EnvValidationError } from './config/env.schema';

// `npm run worker`: a worker-only process, whatever APP_ROLE says.
startWorker().catch((error: unknown) => {
  const plain = error instanceof EnvValidationError || error instanceof WorkerConfigError;
  process.stderr.write(`${plain ? error.message : 'TrendXL worker failed to start'}\n`);
  if (!plain && error instanceof Error) process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
