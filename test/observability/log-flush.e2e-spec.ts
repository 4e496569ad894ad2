import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const LINES = 2000;

/** Runs the logging script; resolves with its exit code and everything it wrote to stdout. */
function run(exitMode: 'crash' | 'exit'): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', 'test/observability/support/log-then-crash.ts'],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        LINES: String(LINES),
        EXIT_MODE: exitMode,
      },
    },
  );
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.resume();
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout })));
}

const seqs = (stdout: string): number[] =>
  stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => (JSON.parse(line) as { seq?: number }).seq)
    .filter((seq): seq is number => typeof seq === 'number');

describe('the asynchronous log destination loses nothing', () => {
  it.each(['crash', 'exit'] as const)(
    'writes every line logged right before the process ends (%s)',
    async (mode) => {
      const { code, stdout } = await run(mode);
      expect(code).toBe(mode === 'crash' ? 1 : 0);
      expect(seqs(stdout)).toEqual(Array.from({ length: LINES }, (_, i) => i));
    },
  );
});
