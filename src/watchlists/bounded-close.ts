import { bounded } from '../common/deadline/bounded';

interface Closable {
  close(force?: boolean): Promise<void>;
  disconnect(): Promise<void>;
}

/** True when `work` settled (either way) within `ms`. */
async function settledWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  const result = await bounded(work, ms);
  return result.ok || result.reason === 'error';
}

/**
 * Closes BullMQ queues or workers without letting a dead or hung Redis hold the shutdown: a
 * graceful close (workers finish their jobs) for up to `graceMs`, then a forced one, then the
 * connections are dropped. A job cut short stays locked until its lock expires and another
 * worker takes it over (its finished creators are kept in the job).
 */
export async function closeWithin(items: Closable[], graceMs: number): Promise<void> {
  if (await settledWithin(Promise.all(items.map((i) => i.close())), graceMs)) return;
  if (await settledWithin(Promise.all(items.map((i) => i.close(true))), 1000)) return;
  await settledWithin(Promise.all(items.map((i) => i.disconnect())), 1000);
}
