import type { INestApplication, LoggerService } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode } from '../common/errors/error-code.enum';
import { ReadinessState } from '../health/readiness.state';

/** After the drain: time for the 503s to flush, then for Redis and the rest to close. */
const FLUSH_MS = 500;
const CLOSE_MS = 3_000;

const SHUTTING_DOWN = JSON.stringify({
  error: 'The server is shutting down; retry the request',
  code: ErrorCode.SERVICE_UNAVAILABLE,
});

/**
 * SIGTERM/SIGINT: readiness turns 503 at once and the server stops accepting connections;
 * requests in flight may finish until `timeoutMs`. Whatever is still running then gets a JSON
 * 503 (never a socket reset). Only after the HTTP side is done do the shutdown hooks close Redis
 * and the upstream sockets, so no in-flight request loses them. Exits 0: a clean stop, also
 * when the deadline was reached. (Nest's own enableShutdownHooks re-raises the signal after
 * closing, exit 143, which orchestrators report as a crash.)
 */
export function installGracefulShutdown(
  app: INestApplication,
  timeoutMs: number,
  logger: LoggerService,
): void {
  const server = app.getHttpServer() as Server;
  const inflight = new Set<ServerResponse>();
  let draining = false;
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    inflight.add(res);
    res.once('close', () => inflight.delete(res));
    // Close keep-alive sockets after their current answer so clients reconnect elsewhere.
    if (draining) res.shouldKeepAlive = false;
  });

  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (draining) return;
    draining = true;
    logger.log(`${signal} received: draining in-flight requests`, 'Shutdown');
    app.get(ReadinessState).markShuttingDown();
    for (const res of inflight) res.shouldKeepAlive = false;
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    const drained = await Promise.race([
      stopped.then(() => true),
      sleep(timeoutMs, false, { ref: false }),
    ]);
    if (!drained && inflight.size > 0) {
      logger.warn(
        `Shutdown deadline (${timeoutMs} ms) reached: answering ${inflight.size} request(s) in flight with 503`,
        'Shutdown',
      );
      await answerUnavailable([...inflight]);
    }
    const closed = await Promise.race([
      app.close().then(
        () => true,
        (error: unknown) => {
          logger.error(
            `Shutdown hooks failed: ${error instanceof Error ? error.message : String(error)}`,
            undefined,
            'Shutdown',
          );
          return true;
        },
      ),
      sleep(CLOSE_MS, false, { ref: false }),
    ]);
    if (!closed) logger.warn(`Resources still closing after ${CLOSE_MS} ms; exiting`, 'Shutdown');
    logger.log('Shutdown complete', 'Shutdown');
    process.exit(0);
  };
  const onSignal = (signal: NodeJS.Signals) => void shutdown(signal);
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** A JSON 503 for every response not yet started; streams already under way are ended. */
async function answerUnavailable(responses: ServerResponse[]): Promise<void> {
  const flushed = responses.map(
    (res) => new Promise<void>((resolve) => res.once('close', () => resolve())),
  );
  for (const res of responses) {
    if (res.headersSent) {
      res.end();
      continue;
    }
    res.writeHead(503, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(SHUTTING_DOWN),
      'retry-after': '1',
      connection: 'close',
    });
    res.end(SHUTTING_DOWN);
  }
  await Promise.race([Promise.all(flushed), sleep(FLUSH_MS, undefined, { ref: false })]);
}
