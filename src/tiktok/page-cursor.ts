/**
 * Our public cursor: the upstream cursor plus how many items of that upstream page the client
 * has already seen (`<upstream>` or `<upstream>:<skip>`). Trimming a page to `count` therefore
 * never loses the items that did not fit.
 */
export interface PageCursor {
  upstream: string | undefined;
  skip: number;
}

export const PAGE_CURSOR_PATTERN = /^\d{1,20}(:\d{1,4})?$/;

export function parsePageCursor(cursor: string | undefined): PageCursor {
  if (cursor === undefined) return { upstream: undefined, skip: 0 };
  const [upstream, skip] = cursor.split(':');
  // Upstream "0" is the start (offset 0; never a real timestamp cursor): same as no cursor, so
  // the first page is served from the same cache entry however it is asked for.
  return {
    upstream: upstream === '0' ? undefined : upstream,
    skip: skip === undefined ? 0 : Number(skip),
  };
}

export function formatPageCursor(cursor: PageCursor): string | null {
  if (cursor.upstream === undefined) return cursor.skip > 0 ? `0:${cursor.skip}` : null;
  return cursor.skip > 0 ? `${cursor.upstream}:${cursor.skip}` : cursor.upstream;
}

export interface UpstreamPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Reads upstream pages from `start` until `count` items are collected, the upstream runs out,
 * or `maxPages` pages were read. Returns the items and the cursor that resumes exactly after
 * the last item returned.
 */
export async function collectPages<T>(
  start: PageCursor,
  count: number,
  maxPages: number,
  fetchPage: (upstreamCursor: string | undefined) => Promise<UpstreamPage<T>>,
): Promise<{ items: T[]; next: string | null }> {
  const items: T[] = [];
  let cursor = start.upstream;
  let skip = start.skip;
  for (let page = 0; page < maxPages; page++) {
    const { items: pageItems, nextCursor } = await fetchPage(cursor);
    const available = pageItems.slice(skip);
    const room = count - items.length;
    if (available.length > room) {
      items.push(...available.slice(0, room));
      return { items, next: formatPageCursor({ upstream: cursor, skip: skip + room }) };
    }
    items.push(...available);
    skip = 0;
    if (nextCursor === null || pageItems.length === 0) return { items, next: null };
    cursor = nextCursor;
    if (items.length === count) break;
  }
  return { items, next: cursor === undefined ? null : cursor };
}
