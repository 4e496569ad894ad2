import { bounded } from '../common/deadline/bounded';
import type { RedisNodeClient } from './redis-connection';

const SCAN_COUNT = 500;

/**
 * Walks every key matching `match` on each given master with SCAN (never KEYS, so Redis is not
 * blocked), one page at a time. Each SCAN call is bounded; a failure rejects.
 */
export async function scanKeys(
  masters: RedisNodeClient[],
  match: string,
  timeoutMs: number,
  onPage: (node: RedisNodeClient, keys: string[]) => Promise<void>,
): Promise<void> {
  for (const node of masters) {
    let cursor = '0';
    do {
      const page = await bounded(node.scan(cursor, { MATCH: match, COUNT: SCAN_COUNT }), timeoutMs);
      if (!page.ok) throw new Error(`SCAN failed (${page.reason})`, { cause: page.error });
      cursor = String(page.value.cursor);
      if (page.value.keys.length > 0) await onPage(node, page.value.keys);
    } while (cursor !== '0');
  }
}
