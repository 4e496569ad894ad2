import { collectPages, formatPageCursor, parsePageCursor, UpstreamPage } from './page-cursor';

function pagedSource(total: number, pageSize: number) {
  const calls: (string | undefined)[] = [];
  const fetch = async (cursor: string | undefined): Promise<UpstreamPage<number>> => {
    calls.push(cursor);
    const offset = cursor === undefined ? 0 : Number(cursor);
    const items = Array.from(
      { length: Math.max(0, Math.min(pageSize, total - offset)) },
      (_, i) => offset + i,
    );
    const end = offset + items.length;
    return { items, nextCursor: end < total ? String(end) : null };
  };
  return { fetch, calls };
}

describe('page cursors', () => {
  it('round-trips', () => {
    expect(parsePageCursor(undefined)).toEqual({ upstream: undefined, skip: 0 });
    expect(parsePageCursor('40:5')).toEqual({ upstream: '40', skip: 5 });
    expect(formatPageCursor({ upstream: '40', skip: 5 })).toBe('40:5');
    expect(formatPageCursor({ upstream: '40', skip: 0 })).toBe('40');
    expect(formatPageCursor({ upstream: undefined, skip: 0 })).toBeNull();
    expect(formatPageCursor({ upstream: undefined, skip: 3 })).toBe('0:3');
    // Upstream '0' is the start: the same page (and cache entry) as no cursor.
    expect(parsePageCursor('0:3')).toEqual({ upstream: undefined, skip: 3 });
    expect(parsePageCursor('0')).toEqual({ upstream: undefined, skip: 0 });
  });

  it('walks every item exactly once across uneven page sizes', async () => {
    for (const count of [1, 3, 7, 10, 15, 20, 50]) {
      const source = pagedSource(47, 10);
      const seen: number[] = [];
      let cursor: string | null | undefined = undefined;
      for (let guard = 0; guard < 100; guard++) {
        const { items, next }: { items: number[]; next: string | null } = await collectPages(
          parsePageCursor(cursor ?? undefined),
          count,
          5,
          source.fetch,
        );
        seen.push(...items);
        if (next === null) break;
        cursor = next;
      }
      expect(seen).toEqual(Array.from({ length: 47 }, (_, i) => i));
    }
  });

  it('stops at maxPages and resumes from there', async () => {
    const source = pagedSource(100, 2);
    const { items, next } = await collectPages(parsePageCursor(undefined), 50, 3, source.fetch);
    expect(items).toEqual([0, 1, 2, 3, 4, 5]);
    expect(next).toBe('6');
    expect(source.calls).toHaveLength(3);
  });

  it('treats an empty page as the end', async () => {
    const { items, next } = await collectPages(parsePageCursor('5'), 10, 5, async () => ({
      items: [],
      nextCursor: '10',
    }));
    expect(items).toEqual([]);
    expect(next).toBeNull();
  });
});
