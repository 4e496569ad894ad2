import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * .ci/run with `npm` replaced by a stub: the closing "N passed, N failed" line is printed whether
 * the tests pass or fail, and the script's exit status is the tests' own.
 */
const SCRIPT = join(__dirname, '..', '..', '.ci', 'run');

function runWith(
  testOutput: string,
  testStatus: number,
): { stdout: string; status: number | null } {
  const bin = mkdtempSync(join(tmpdir(), 'trendxl-ci-'));
  try {
    const stub = join(bin, 'npm');
    writeFileSync(
      stub,
      `#!/usr/bin/env bash\nif [ "$1" = test ]; then echo "${testOutput}"; exit ${testStatus}; fi\nexit 0\n`,
    );
    chmodSync(stub, 0o755);
    // Stubs for the Redis binaries too, so the script never tries to install them here.
    for (const name of ['redis-server', 'redis-cli']) {
      writeFileSync(join(bin, name), '#!/usr/bin/env bash\nexit 0\n');
      chmodSync(join(bin, name), 0o755);
    }
    const res = spawnSync('bash', [SCRIPT], {
      env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
      encoding: 'utf8',
    });
    return { stdout: res.stdout, status: res.status };
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

describe('.ci/run', () => {
  it('prints the summary and exits 0 when the tests pass', () => {
    const { stdout, status } = runWith('Tests:       12 passed, 12 total', 0);
    expect(stdout.trimEnd().split('\n').pop()).toBe('12 passed, 0 failed');
    expect(status).toBe(0);
  });

  it('prints the summary, then exits non-zero, when tests fail', () => {
    const { stdout, status } = runWith('Tests:       2 failed, 10 passed, 12 total', 1);
    expect(stdout.trimEnd().split('\n').pop()).toBe('10 passed, 2 failed');
    expect(status).toBe(1);
  });
});
