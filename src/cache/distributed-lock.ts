import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { RedisConnection } from './redis-connection';

/** Lock keys live outside `trendxl:v2:` so cache stats and clear never see them. */
const LOCK_PREFIX = 'trendxl:lock:';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

export interface LockHandle {
  key: string;
  token: string;
}

/**
 * `acquired`: this caller holds the lock. `held`: another caller (any instance) does.
 * `unavailable`: Redis could not answer, so there is no lock to coordinate on.
 */
export type LockAttempt =
  { status: 'acquired'; handle: LockHandle } | { status: 'held' } | { status: 'unavailable' };

/**
 * A short-lived cross-instance mutex (`SET NX PX` with an owner token; release and renewal
 * only by the owner). Each operation touches one key, so it works unchanged on a cluster.
 */
@Injectable()
export class DistributedLock {
  constructor(private readonly connection: RedisConnection) {}

  /** False on the memory backend: one process needs no distributed lock. */
  get available(): boolean {
    return this.connection.client !== null;
  }

  async acquire(name: string, ttlMs: number): Promise<LockAttempt> {
    const handle = { key: `${LOCK_PREFIX}${name}`, token: randomUUID() };
    const reply = await this.connection.run((client) =>
      client.set(handle.key, handle.token, { NX: true, PX: ttlMs }),
    );
    if (!reply.ok) {
      // A timed-out SET may still run once a hung server wakes up; the release queued behind
      // it on the same connection deletes that orphan instead of leaving it for the full TTL.
      if (reply.reason === 'timeout') void this.release(handle);
      return { status: 'unavailable' };
    }
    return reply.value === 'OK' ? { status: 'acquired', handle } : { status: 'held' };
  }

  /** Pushes the expiry out while the owner is still working; false if the lock was lost. */
  async extend(handle: LockHandle, ttlMs: number): Promise<boolean> {
    const reply = await this.connection.run((client) =>
      client.eval(EXTEND, { keys: [handle.key], arguments: [handle.token, String(ttlMs)] }),
    );
    return reply.ok && reply.value === 1;
  }

  /** Best effort: if Redis is gone the lock simply expires. */
  async release(handle: LockHandle): Promise<void> {
    await this.connection.run((client) =>
      client.eval(RELEASE, { keys: [handle.key], arguments: [handle.token] }),
    );
  }
}
