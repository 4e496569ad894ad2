import type { HttpResult } from '../http';

const ENVELOPE_KEYS = new Set(['error', 'code', 'details']);

/**
 * Why a response is not a clean answer, or undefined when it is: never a 5xx, and every 4xx is
 * exactly the JSON envelope `{error, code, details?}` with string `error` and `code`.
 * Returns a description instead of throwing so a fuzz run can collect every violation.
 */
export function envelopeProblem(res: HttpResult): string | undefined {
  if (res.status >= 500) return `status ${res.status}`;
  if (res.status < 400) return undefined;
  const body = res.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return `status ${res.status} with a non-object body`;
  }
  const record = body as Record<string, unknown>;
  const extra = Object.keys(record).filter((key) => !ENVELOPE_KEYS.has(key));
  if (extra.length > 0) return `status ${res.status} with extra keys ${extra.join(',')}`;
  if (typeof record.error !== 'string' || typeof record.code !== 'string') {
    return `status ${res.status} without string error/code`;
  }
  if (!(res.headers.get('content-type') ?? '').startsWith('application/json')) {
    return `status ${res.status} with content-type ${res.headers.get('content-type')}`;
  }
  return undefined;
}
