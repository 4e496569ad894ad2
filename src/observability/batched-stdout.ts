/** Where the lines go: process.stdout by default (tests may pass their own). */
export interface LineSink {
  write(chunk: string): unknown;
}

/**
 * The log destination: lines logged during one turn of the event loop leave in one write to
 * stdout at the end of that turn, so a request pays for appending a string, not for a system call
 * (under load, one write carries the lines of many requests). Writes go through
 * `process.stdout.write`, which is synchronous for files and pipes on Linux: the final flush on
 * process exit (SIGTERM, `process.exit`, a crash) completes before the process is gone.
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

let shared: BatchedStdout | undefined;

/** The process's one stdout destination, flushed when the process exits. */
export function stdoutDestination(): BatchedStdout {
  if (!shared) {
    const destination = new BatchedStdout();
    process.on('exit', () => destination.flush());
    shared = destination;
  }
  return shared;
}
