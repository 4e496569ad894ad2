import { Injectable } from '@nestjs/common';
import { bounded } from '../common/deadline/bounded';
import type { BreakerState } from '../common/resilience/circuit-breaker';
import { RedisConnection, type CacheBackend } from './redis-connection';

export interface CacheHealthStatus {
  backend: CacheBackend;
  /** Memory is always "connected"; Redis only when every master answers PING in time. */
  connected: boolean;
  /** The Redis circuit breaker: while open, the cache serves from memory alone. */
  breaker?: BreakerState;
}

/** What /health needs from the cache: which backend, and whether it answers right now. */
@Injectable()
export class CacheHealth {
  constructor(private readonly connection: RedisConnection) {}

  async isHealthy(): Promise<CacheHealthStatus> {
    const backend = this.connection.backend;
    if (this.connection.client === null) return { backend, connected: true };
    const breaker = this.connection.breaker.state;
    try {
      const masters = await this.connection.masters();
      if (masters.length === 0) return { backend, connected: false, breaker };
      const pings = await Promise.all(
        masters.map((node) => bounded(node.ping(), this.connection.operationTimeoutMs)),
      );
      return { backend, connected: pings.every((p) => p.ok && p.value === 'PONG'), breaker };
    } catch {
      return { backend, connected: false, breaker };
    }
  }
}
