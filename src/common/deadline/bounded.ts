export type Bounded<T> =
  { ok: true; value: T } | { ok: false; reason: 'timeout' | 'error'; error?: unknown };

/**
 * Races `work` against `timeoutMs`. Never rejects: a slow or failing backend becomes a value
 * the caller can branch on. The losing promise keeps a rejection handler so it can never
 * surface as an unhandled rejection later.
 */
export async function bounded<T>(work: Promise<T>, timeoutMs: number): Promise<Bounded<T>> {
  let timer: NodeJS.Timeout | undefined;
  const settled = work.then(
    (value): Bounded<T> => ({ ok: true, value }),
    (error: unknown): Bounded<T> => ({ ok: false, reason: 'error', error }),
  );
  const expired = new Promise<Bounded<T>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: 'timeout' }), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([settled, expired]);
  } finally {
    clearTimeout(timer);
  }
}
