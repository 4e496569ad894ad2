import { setTimeout as sleep } from 'node:timers/promises';

interface Closable {
  close(force?: boolean): Promise<void>;
  disconnect(): Promise<void>;
}

/**
 * Closes BullMQ queues or workers without letting a dead or hung Redis hold the shutdown: a
 * graceful close (workers finish their jobs) for up to `graceMs`, then a forced one, then the
 * connections are dropped. A job cut short stays locked until its lock expires and another
 * worker takes it over (its finished creators are kept in the job).
 */
export async function closeWithin(items: Closable[], graceMs: number): Promise<void> {
  const closed = (promise: Promise<unknown>, ms: number) =>
    Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      sleep(ms).then(() => false),
    ]);
  if (await closed(Promise.all(items.map((i) => i.close())), graceMs)) return;
  if (await closed(Promise.all(items.map((i) => i.close(true))), 1000)) return;
  await closed(Promise.all(items.map((i) => i.disconnect())), 1000);
}
