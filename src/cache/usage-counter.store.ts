import { Injectable } from '@nestjs/common';
import { RedisConnection } from './redis-connection';

/** Two days: today's hash must outlive UTC midnight for late reads, and then go. */
const USAGE_TTL_SECONDS = 2 * 24 * 3600;
const USAGE_PREFIX = 'trendxl:usage:';

export type UsageCounts = Record<string, number>;

/**
 * Daily usage counters shared by every instance: one Redis hash per UTC day, incremented
 * atomically (HINCRBY in MULTI, with an expiry). While Redis cannot answer, increments are
 * kept in this instance's memory and added to what Redis reports, so nothing is forgotten
 * by this instance and without Redis the counts are per instance.
 */
@Injectable()
export class UsageCounterStore {
  private readonly local = new Map<string, Map<string, number>>();

  constructor(private readonly connection: RedisConnection) {}

  async add(day: string, increments: UsageCounts): Promise<void> {
    const fields = Object.entries(increments).filter(([, n]) => n !== 0);
    if (fields.length === 0) return;
    if (this.connection.client !== null) {
      const key = `${USAGE_PREFIX}${day}`;
      const reply = await this.connection.run((client) => {
        const multi = client.multi();
        for (const [field, n] of fields) multi.hIncrBy(key, field, n);
        multi.expire(key, USAGE_TTL_SECONDS);
        return multi.exec();
      });
      if (reply.ok) return;
    }
    this.addLocally(day, fields);
  }

  async read(day: string): Promise<UsageCounts> {
    const counts: UsageCounts = {};
    if (this.connection.client !== null) {
      const reply = await this.connection.run((client) => client.hGetAll(`${USAGE_PREFIX}${day}`));
      if (reply.ok) {
        for (const [field, value] of Object.entries(reply.value)) counts[field] = Number(value);
      }
    }
    for (const [field, n] of this.local.get(day) ?? []) counts[field] = (counts[field] ?? 0) + n;
    return counts;
  }

  private addLocally(day: string, fields: [string, number][]): void {
    // Only today's (and at most yesterday's) counts matter; drop older days.
    for (const known of this.local.keys()) if (known < day) this.local.delete(known);
    const counts = this.local.get(day) ?? new Map<string, number>();
    for (const [field, n] of fields) counts.set(field, (counts.get(field) ?? 0) + n);
    this.local.set(day, counts);
  }
}
