import fc from 'fast-check';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ErrorCode } from '../../src/common/errors/error-code.enum';
import { createTestApp } from '../support/test-app';
import { envelopeProblem } from '../support/hardening/envelope-problem';
import {
  requestStrata,
  type FuzzContext,
  type FuzzKind,
  type FuzzRequest,
} from '../support/hardening/openapi-arbitraries';
import {
  operationsOf,
  type OpenApiDocument,
  type Operation,
} from '../support/hardening/openapi-model';
import { postText, send } from '../support/http';

/**
 * Requests generated from the app's own /openapi.json for every operation (valid, mutated and
 * hostile), in demo mode with the limits out of the way. Every answer must be below 500 and
 * every 4xx exactly the error envelope; afterwards the app is still live and not unhealthy.
 * The seed is fixed: a failure replays identically.
 */

const SEED = 20261128;
const ADMIN_KEY = 'fuzz-admin-key-0123456789abcdef';
const ERROR_CODES = new Set<string>(Object.values(ErrorCode));

interface Violation {
  operation: string;
  kind: FuzzKind;
  label: string;
  problem: string;
}

/** Usernames, hashtags and cursors the demo data really has, so valid bodies reach deep. */
async function harvest(url: string): Promise<string[]> {
  const found = new Set<string>();
  const users = await postText(url, '/api/v1/users/search', '{"query":"demo","count":10}');
  const list = (users.body as { users?: { username?: unknown }[] } | undefined)?.users ?? [];
  for (const user of list) {
    if (typeof user.username !== 'string') continue;
    found.add(user.username);
    found.add(`@${user.username}`);
    found.add(`https://www.tiktok.com/@${user.username}`);
  }
  const first = list.find((u) => typeof u.username === 'string')?.username;
  if (typeof first === 'string') {
    const posts = await postText(
      url,
      '/api/v1/posts',
      JSON.stringify({ username: first, count: 5 }),
    );
    const body = posts.body as
      { posts?: { hashtags?: unknown[] }[]; next_cursor?: unknown } | undefined;
    for (const post of body?.posts ?? []) {
      for (const tag of post.hashtags ?? []) if (typeof tag === 'string') found.add(tag);
    }
    if (typeof body?.next_cursor === 'string') found.add(body.next_cursor);
  }
  for (const extra of ['US', 'gb', 'profile', 'posts', 'analysis', '10', '0']) found.add(extra);
  return [...found];
}

function responseProblem(res: Awaited<ReturnType<typeof send>>): string | undefined {
  // A feature this deployment does not configure (watchlists without Redis) gives its documented 503.
  const code = (res.body as { code?: unknown } | undefined)?.code;
  if (res.status === 503 && code === ErrorCode.FEATURE_UNAVAILABLE) return undefined;
  const problem = envelopeProblem(res);
  if (problem) return problem;
  if (res.status >= 400) {
    const code = (res.body as { code: string }).code;
    if (!ERROR_CODES.has(code)) return `status ${res.status} with unknown code ${code}`;
  }
  return undefined;
}

describe('OpenAPI-driven fuzzing (demo mode)', () => {
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await createTestApp({
      MAX_REQUESTS_PER_MINUTE: '1000000',
      ANALYZE_REQUESTS_PER_MINUTE: '1000000',
      ADMIN_API_KEY: ADMIN_KEY,
    }));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers every generated request below 500, errors only in the envelope', async () => {
    const docRes = await send(url, '/openapi.json');
    expect(docRes.status).toBe(200);
    const doc = docRes.body as OpenApiDocument;
    const operations = operationsOf(doc);
    // The document must describe the API the brief lists, or the fuzzing proves little.
    expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining([
        'POST /api/v1/profile',
        'POST /api/v1/posts',
        'POST /api/v1/hashtag/search',
        'POST /api/v1/users/search',
        'POST /api/v1/analyze',
        'POST /api/v1/cache/clear',
        'GET /health',
        'GET /metrics',
      ]),
    );

    const ctx: FuzzContext = { doc, dictionary: await harvest(url), adminKey: ADMIN_KEY };
    expect(ctx.dictionary.length).toBeGreaterThan(7);

    // Each stratum (kind of request) of each operation gets its own seed and a fixed number of
    // draws, so the bounded run covers every kind for every operation.
    const planned: [Operation, FuzzRequest][] = operations.flatMap((op, o) =>
      requestStrata(ctx, op).flatMap((stratum, s) =>
        fc
          .sample(stratum.arbitrary, { seed: SEED + o * 100 + s, numRuns: stratum.runs })
          .map((request): [Operation, FuzzRequest] => [op, request]),
      ),
    );

    const violations: Violation[] = [];
    const counts: Record<FuzzKind, number> = { valid: 0, mutated: 0, hostile: 0 };
    const statuses = new Map<number, number>();
    for (const [op, request] of planned) {
      counts[request.kind]++;
      const operation = `${op.method} ${op.path}`;
      try {
        const res = await send(url, request.path, request);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const problem = responseProblem(res);
        if (problem)
          violations.push({ operation, kind: request.kind, label: request.label, problem });
      } catch (error) {
        violations.push({
          operation,
          kind: request.kind,
          label: request.label,
          problem: `request failed: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }

    process.stdout.write(
      `openapi fuzz: seed ${SEED}, ${planned.length} requests over ${operations.length} operations ` +
        `(valid ${counts.valid}, mutated ${counts.mutated}, hostile ${counts.hostile}); statuses ` +
        `${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}; ` +
        `${violations.length} violations\n`,
    );

    // Several statuses prove the generator reached past validation, not just 400s.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
    expect(planned.length).toBeGreaterThanOrEqual(300);

    const distinct = [
      ...new Set(violations.map((v) => `${v.operation} [${v.kind}] ${v.label} -> ${v.problem}`)),
    ];
    expect(distinct).toEqual([]);

    const live = await send(url, '/health/live');
    expect(live.status).toBe(200);
    const health = await send(url, '/health');
    expect((health.body as { status?: string }).status).not.toBe('unhealthy');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);
});
