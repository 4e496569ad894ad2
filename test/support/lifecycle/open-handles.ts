import { createHook } from 'node:async_hooks';

/** What keeps a Node process alive: timers, sockets, connects in progress, servers, pipes. */
const TRACKED = new Set(['Timeout', 'TCPWRAP', 'TCPCONNECTWRAP', 'TCPSERVERWRAP', 'PIPEWRAP']);
const STACK_FRAMES = 6;
/** Jest's own timers, created by its code (its reporter ticks in this process when one file runs). */
const JEST_FRAME = /node_modules[\\/](@jest[\\/]|jest-)/;

export interface OpenHandle {
  type: string;
  /** Where it was created: the first frames outside Node's internals. */
  createdAt: string[];
}

export interface HandleTracker {
  /** Handles created since tracking began that are still open and would keep the process alive. */
  open(): OpenHandle[];
  stop(): void;
}

interface Tracked {
  type: string;
  /** A timer reports `_destroyed` once it fired or was cleared, before its destroy hook runs. */
  resource: { hasRef?: () => boolean; _destroyed?: boolean };
  createdAt: string[];
}

function callerFrames(): string[] {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  return stack
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => !line.includes('node:') && !line.includes(__filename))
    .slice(0, STACK_FRAMES);
}

/**
 * Records every timer and socket created from now on, with where it was created, and forgets
 * it once closed: what remains after `app.close()` is what would keep the process (or Jest)
 * from exiting. The async_hooks view of `why-is-node-running`, for assertions.
 */
export function trackHandles(): HandleTracker {
  const live = new Map<number, Tracked>();
  const hook = createHook({
    init(id, type, _trigger, resource) {
      if (!TRACKED.has(type)) return;
      const createdAt = callerFrames();
      if (JEST_FRAME.test(createdAt[0] ?? '')) return;
      live.set(id, { type, resource, createdAt });
    },
    destroy(id) {
      live.delete(id);
    },
  });
  hook.enable();
  return {
    open: () =>
      [...live.values()]
        .filter(({ resource }) => resource.hasRef?.() !== false && resource._destroyed !== true)
        .map(({ type, createdAt }) => ({ type, createdAt })),
    stop: () => hook.disable(),
  };
}
