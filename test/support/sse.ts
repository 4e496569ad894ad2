import { createParser, type EventSourceMessage } from 'eventsource-parser';

/**
 * An SSE client for the e2e specs over real HTTP (fetch + a maintained event-stream parser):
 * the events so far, waiting for one, the raw text, and closing the connection (a disconnect).
 */
export interface SseSession {
  status: number;
  headers: Headers;
  /** Named events received so far, in order. */
  readonly events: EventSourceMessage[];
  /** `retry:` values and comments seen, in order. */
  readonly retries: number[];
  readonly comments: string[];
  /** Resolves with the first event (already received or future) that `match` accepts. */
  next(match: (e: EventSourceMessage) => boolean): Promise<EventSourceMessage>;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  /** The client leaves: aborts the request. */
  close(): void;
  /** The body of a non-stream answer (e.g. a 400 envelope). */
  text?: string;
}

export async function openSse(
  base: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<SseSession> {
  const abort = new AbortController();
  const res = await fetch(`${base}${path}`, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const events: EventSourceMessage[] = [];
  const retries: number[] = [];
  const comments: string[] = [];
  const waiters: {
    match: (e: EventSourceMessage) => boolean;
    resolve: (e: EventSourceMessage) => void;
  }[] = [];
  const session: SseSession = {
    status: res.status,
    headers: res.headers,
    events,
    retries,
    comments,
    next: (match) => {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    ended: Promise.resolve(),
    close: () => abort.abort(),
  };
  if (!res.headers.get('content-type')?.startsWith('text/event-stream') || !res.body) {
    session.text = await res.text();
    return session;
  }
  const parser = createParser({
    onEvent: (event) => {
      events.push(event);
      for (const waiter of waiters.filter((w) => w.match(event))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    },
    onRetry: (ms) => retries.push(ms),
    onComment: (comment) => comments.push(comment),
  });
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const pump = async (): Promise<void> => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        parser.feed(value);
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    }
  };
  (session as { ended: Promise<void> }).ended = pump();
  return session;
}

/** The event names of a session, in order. */
export function eventNames(session: SseSession): string[] {
  return session.events.map((e) => e.event ?? 'message');
}

export function eventData<T>(event: EventSourceMessage): T {
  return JSON.parse(event.data) as T;
}
