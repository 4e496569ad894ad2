import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateEnv } from '../../src/config/env.schema';
import { DEMO_CREATORS } from '../../src/tiktok/ensemble/demo/demo-creators';
import { TREND_SCORE_WEIGHTS } from '../../src/trends/trend-score';
import { TREND_SCORE_FORMULA_MD } from '../support/docs/trend-score-readme';

/** The README is part of the product: these checks keep it true as the code changes. */
const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

describe('README', () => {
  const readme = read('README.md');

  it('quotes the trend score formula the code uses', () => {
    const w = TREND_SCORE_WEIGHTS;
    expect(TREND_SCORE_FORMULA_MD).toContain(
      `100 × (${w.velocity}·velocity + ${w.engagement}·engagement + ${w.reach}·reach + ${w.freshness}·freshness)`,
    );
    expect(TREND_SCORE_FORMULA_MD).not.toMatch(/undefined|\[object|\$\{/);
    // Table cells may be padded for alignment (prettier); the words must be the same.
    const unpadded = (md: string) => md.replace(/[ \t]*\|[ \t]*/g, '|').replace(/-{3,}/g, '---');
    expect(unpadded(readme)).toContain(unpadded(TREND_SCORE_FORMULA_MD.trim()));
  });

  it('names the Node.js versions package.json supports', () => {
    const { engines } = JSON.parse(read('package.json')) as { engines: { node: string } };
    const floors = [...engines.node.matchAll(/>=(\d+(?:\.\d+)?)/g)].map((m) => m[1]);
    expect(floors.length).toBeGreaterThan(1);
    const stated = /Node\.js ([\d.]+\+(?:, [\d.]+\+)* or [\d.]+\+)/.exec(readme)?.[1] ?? '';
    expect(stated.match(/[\d.]+(?=\+)/g)).toEqual(floors);
  });

  it('explains each pinned major of a runtime dependency under "Dependencies and why"', () => {
    const section = readme.split('## Dependencies and why')[1] ?? '';
    const { dependencies } = JSON.parse(read('package.json')) as {
      dependencies: Record<string, string>;
    };
    for (const name of ['cache-manager', '@keyv/redis', 'keyv', 'redis', 'openai']) {
      expect(dependencies[name]).toBeDefined();
      expect(section).toContain(`\`${name}\``);
    }
    const nest = /\d+/.exec(dependencies['@nestjs/core'])?.[0];
    expect(section).toContain(`NestJS ${nest}`);
    expect(section).toContain('cache-manager-redis-yet');
  });

  it('names every folder of src/ in its layout paragraph', () => {
    const layout = readme.split(/\n\s*\n/).find((p) => p.startsWith('Layout: ')) ?? '';
    const folders = readdirSync(join(ROOT, 'src'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `src/${entry.name}`);
    expect(folders.length).toBeGreaterThan(5);
    expect(folders.filter((folder) => !layout.includes(`\`${folder}\``))).toEqual([]);
  });

  it('lists every demo creator', () => {
    for (const creator of DEMO_CREATORS) expect(readme).toContain(`\`${creator.username}\``);
  });

  it('documents every configuration variable, as does .env.example', () => {
    const example = read('.env.example');
    const variables = Object.keys(validateEnv({})).filter(
      (name) => name !== 'NODE_ENV' && name !== 'LOG_PRETTY',
    );
    for (const name of variables) {
      expect(readme).toContain(`\`${name}\``);
      expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
    }
  });

  it('gives the two fresh-machine commands, and CI runs the same test command', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toMatch(/^npm test\b/m);
    const ci = read('.ci/run');
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test\b/m);
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBeDefined();
    expect(pkg.scripts.test).toBeDefined();
  });

  it('has a curl example for every public endpoint', () => {
    for (const path of [
      '/api/v1/profile',
      '/api/v1/posts',
      '/api/v1/hashtag/search',
      '/api/v1/users/search',
      '/api/v1/analyze',
      '/api/v1/cache/stats',
      '/api/v1/cache/clear',
      '/health',
      '/metrics',
    ]) {
      expect(readme).toMatch(new RegExp(`curl[^\\n]*localhost:8000${path.replace(/\//g, '\\/')}`));
    }
  });
});
