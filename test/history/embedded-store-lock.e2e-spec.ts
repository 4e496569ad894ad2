import { getPath } from '../support/http';
import { createTempDataDir } from '../support/postgres-harness';
import { runUntilExit, spawnServer } from '../support/spawn-server';

describe('the embedded store belongs to one process', () => {
  it('a second process on the same DATA_DIR stops at boot, naming DATA_DIR and DATABASE_URL', async () => {
    const dataDir = createTempDataDir();
    const env = { HISTORY_ENABLED: 'true', DATA_DIR: dataDir.path };
    const owner = await spawnServer(env);
    try {
      const second = await runUntilExit({ ...env, PORT: '0' });
      expect(second.code).toBe(1);
      expect(second.output).toContain('DATA_DIR');
      expect(second.output).toContain('DATABASE_URL');
      expect(second.output).not.toMatch(/listening on/);

      // The owner is unaffected.
      const health = await getPath(owner.url, '/health');
      expect(health.body).toMatchObject({ services: { database: 'embedded' } });
    } finally {
      await owner.stop();
      dataDir.remove();
    }
  });
});
