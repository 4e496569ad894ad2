import type { Server } from 'node:http';
import type { ServerConfig } from '../config/configuration';

/** How often Node checks the headers and request timeouts (its default is 30 s). */
const CHECK_INTERVAL_MS = 1_000;

/**
 * A client that stalls mid-headers or mid-body is cut off (408) instead of holding a socket for
 * minutes, and idle keep-alive sockets outlive the reverse proxy's so it never reuses a socket
 * we are closing. Must run before listen(): Node reads the check interval when it starts.
 */
export function applyServerTimeouts(server: Server, config: ServerConfig): void {
  server.headersTimeout = config.headersTimeoutMs;
  server.requestTimeout = config.requestTimeoutMs;
  server.keepAliveTimeout = config.keepAliveTimeoutMs;
  // Not in the Server typings, only in the constructor options; the property is what Node reads.
  Object.assign(server, {
    connectionsCheckingInterval: Math.min(CHECK_INTERVAL_MS, config.headersTimeoutMs),
  });
}
