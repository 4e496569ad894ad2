import { createRequire } from 'node:module';

export interface Histogram {
  average: number;
  p50: number;
  p99: number;
  max: number;
}

export interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}

export interface AutocannonOptions {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  connections: number;
  /** Seconds to run, or… */
  duration?: number;
  /** …a number of requests to send. */
  amount?: number;
  workers?: number;
}

type Autocannon = (options: AutocannonOptions) => Promise<AutocannonResult>;

// autocannon ships no type declarations; its documented programmatic API is typed above.
export const autocannon = createRequire(__filename)('autocannon') as Autocannon;

/** A positive integer from the environment (BENCH_SECONDS…), or the fallback. */
export function positiveInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
