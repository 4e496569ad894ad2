/** Where the lines go: process.stdout by default (tests may pass their own). */
export interface LineSink {
  write(chunk: string): unknown;
}

/**
 * The log destination: lines logged during one turn of the event loop leave in one write to
 * stdout at the end of that turn, so a request pays for appending a string, not for a system call
 * (under load, one write carries the lines of many requests). Writes go through
 * `process.stdout.write` (what the log-capturing tests watch); stdoutDestination() makes that
 * write complete before it returns, so the final flush on process exit (SIGTERM,
 * `process.exit`, a crash) is out before the process is gone.
 */
export class BatchedStdout {
  private pending: string[] = [];
  private scheduled = false;

  constructor(
    private readonly sink: LineSink = process.stdout,
    private readonly schedule: (flush: () => void) => void = setImmediate,
  ) {}

  write(line: string): void {
    this.pending.push(line);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }

  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.sink.write(text);
  }
}

/** What Node's stdio streams expose (undocumented) about the descriptor behind them. */
export interface StdioStream {
  _type?: string;
  _handle?: { setBlocking?: (blocking: boolean) => number } | null;
}

/**
 * Node opens a stdout pipe or socket (what a parent process, Docker or systemd hands over)
 * non-blocking: a write larger than the kernel's buffer (~208 KB for a socket pair) sends what
 * fits and queues the rest for a later turn, which process exit drops — the last lines before a
 * crash, cut mid-line. Made blocking (as Node already does for terminals, and for pipes on
 * Windows), every write is complete when it returns; a stalled log reader then stalls the process
 * instead of growing an unbounded queue that dies with it. Files are written synchronously
 * already. Returns whether the stream was switched.
 */
export function makeWritesBlocking(stream: StdioStream): boolean {
  if (stream._type !== 'pipe') return false;
  return stream._handle?.setBlocking?.(true) === 0;
}

let shared: BatchedStdout | undefined;

/** The process's one stdout destination, flushed when the process exits. */
export function stdoutDestination(): BatchedStdout {
  if (!shared) {
    makeWritesBlocking(process.stdout as unknown as StdioStream);
    const destination = new BatchedStdout();
    process.on('exit', () => destination.flush());
    shared = destination;
  }
  return shared;
}
