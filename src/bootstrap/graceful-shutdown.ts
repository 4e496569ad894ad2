import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import { ReadinessState } from '../health/readiness.state';

/**
 * SIGTERM/SIGINT: readiness turns 503 at once, the server stops accepting connections,
 * in-flight requests finish (bounded by `timeoutMs`), shutdown hooks close Redis, exit 0.
 * Nest's own enableShutdownHooks re-raises the signal after closing (exit 143), which
 * orchestrators report as a crash; this handler exits cleanly instead.
 */
export function installGracefulShutdown(
  app: INestApplicationContext,
  timeoutMs: number,
  logger: LoggerService,
): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: draining in-flight requests`, 'Shutdown');
    app.get(ReadinessState).markShuttingDown();
    const force = setTimeout(() => {
      logger.warn(`Shutdown took longer than ${timeoutMs} ms; exiting anyway`, 'Shutdown');
      process.exit(1);
    }, timeoutMs);
    force.unref();
    app
      .close()
      .then(() => {
        clearTimeout(force);
        logger.log('Shutdown complete', 'Shutdown');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error(
          `Shutdown failed: ${error instanceof Error ? error.message : String(error)}`,
          undefined,
          'Shutdown',
        );
        process.exit(1);
      });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
