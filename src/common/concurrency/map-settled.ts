/**
 * Like Promise.allSettled over `items.map(fn)`, but with at most `limit` calls in flight.
 * Results keep the input order.
 */
export async function mapSettledWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array<PromiseSettledResult<R>>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { status: 'fulfilled', value: await fn(items[index], index) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () =>
    worker(),
  );
  await Promise.all(workers);
  return results;
}

/** A settled result, or `pending` for a call still running when the caller stopped waiting. */
export type SettledOrPending<R> = PromiseSettledResult<R> | { status: 'pending' };

/**
 * mapSettledWithLimit that stops waiting when `stop` aborts: calls still running then are
 * reported `pending` (and left to finish or be aborted by their own signal); calls not yet
 * started are not started.
 */
export async function mapSettledUntil<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  stop: AbortSignal,
): Promise<SettledOrPending<R>[]> {
  const results: SettledOrPending<R>[] = items.map(() => ({ status: 'pending' }));
  const stopped = new Promise<void>((resolve) => {
    if (stop.aborted) resolve();
    else stop.addEventListener('abort', () => resolve(), { once: true });
  });
  const all = mapSettledWithLimit(items, limit, async (item, index) => {
    if (stop.aborted) throw new Error('not started: stopped');
    try {
      const value = await fn(item, index);
      results[index] = { status: 'fulfilled', value };
      return value;
    } catch (reason) {
      results[index] = { status: 'rejected', reason };
      throw reason;
    }
  });
  await Promise.race([all, stopped]);
  return results.map((r) => ({ ...r }));
}
