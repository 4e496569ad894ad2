import { bounded } from '../common/deadline/bounded';

interface Closable {
  close(): Promise<void>;
}

/** What BullMQ was given to close over: dropping it ends every connection of the family. */
interface Droppable {
  drop(): void;
}

/** Time for a close to settle once its connections are gone (commands in flight fail at once). */
const SETTLE_MS = 1000;

/** True when `work` settled (either way) within `ms`. */
async function settledWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  const result = await bounded(work, ms);
  return result.ok || result.reason === 'error';
}

/**
 * Closes BullMQ queues or workers without letting a dead or hung Redis hold the shutdown: a
 * graceful close (workers finish their jobs) for up to `graceMs`, then the connections are
 * dropped, which is what ends a close still waiting on Redis (BullMQ ignores a forced close once
 * a graceful one is under way). A job cut short stays locked until its lock expires and another
 * worker takes it over (its finished creators are kept in the job). Either way the connections
 * end here: no socket and no reconnect timer outlives the close.
 */
export async function closeWithin(
  items: Closable[],
  graceMs: number,
  connection: Droppable,
): Promise<void> {
  const closing = Promise.allSettled(items.map((item) => item.close()));
  const closed = await settledWithin(closing, graceMs);
  connection.drop();
  if (!closed) await settledWithin(closing, SETTLE_MS);
}
