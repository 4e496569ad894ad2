import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Records what the app writes to process.stdout (its pino logs, in this process) while `run`
 * executes, keeping them off the terminal. Returns the captured lines.
 */
export async function captureStdout(run: () => Promise<void>): Promise<string[]> {
  const chunks: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  const capture = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const callback = rest.find((r): r is () => void => typeof r === 'function');
    callback?.();
    return true;
  };
  process.stdout.write = capture;
  try {
    await run();
    // Request logs are written on the response's 'finish', which may trail the client's view.
    await nextTurn();
    await nextTurn();
  } finally {
    process.stdout.write = original;
  }
  return chunks
    .join('')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

export interface RequestLogLine {
  level?: number;
  req?: { url?: string; method?: string };
  res?: { statusCode?: number };
}

/** The JSON request-log lines (those with req and res) among captured lines. */
export function requestLogLines(lines: string[]): RequestLogLine[] {
  return lines
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as RequestLogLine)
    .filter((entry) => entry.req !== undefined && entry.res !== undefined);
}
