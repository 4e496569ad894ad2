import { Injectable } from '@nestjs/common';
import { bounded } from '../common/deadline/bounded';
import { RedisConnection, type CacheBackend } from './redis-connection';

export interface CacheHealthStatus {
  backend: CacheBackend;
  /** Memory is always "connected"; Redis only when every master answers PING in time. */
  connected: boolean;
}

/** What /health needs from the cache: which backend, and whether it answers right now. */
@Injectable()
export class CacheHealth {
  constructor(private readonly connection: RedisConnection) {}

  async isHealthy(): Promise<CacheHealthStatus> {
    const backend = this.connection.backend;
    if (this.connection.client === null) return { backend, connected: true };
    try {
      const masters = await this.connection.masters();
      if (masters.length === 0) return { backend, connected: false };
      const pings = await Promise.all(
        masters.map((node) => bounded(node.ping(), this.connection.operationTimeoutMs)),
      );
      return { backend, connected: pings.every((p) => p.ok && p.value === 'PONG') };
    } catch {
      return { backend, connected: false };
    }
  }
}
