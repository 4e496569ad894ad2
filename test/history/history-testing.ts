import type { AnalyzeResponseDto } from '../../src/trends/dto/analyze.response.dto';
import { DIRECT_PICKS, EXTRA_USERS } from '../support/analyze/analyze-corpus';
import {
  expectOk,
  postAnalyze,
  startLiveWorld,
  type LiveWorld,
} from '../support/analyze/analyze-testing';
import { fakeReply } from '../fakes/fake-openai.server';
import type { FixturePost } from '../fakes/ensemble-fixtures';
import { runScript, spawnServer } from '../support/spawn-server';
import { createTestApp } from '../support/test-app';

export type Driver = 'postgres' | 'embedded';

/** Every cache TTL at 0: each /analyze is computed afresh and fetches TikTok again. */
export const NO_CACHE = {
  CACHE_PROFILE_TTL: '0',
  CACHE_POSTS_TTL: '0',
  CACHE_HASHTAG_TTL: '0',
  CACHE_ANALYSIS_TTL: '0',
};

/** The store's variables for one driver: a database URL or a DATA_DIR. */
export function storeEnv(driver: Driver, target: string): Record<string, string> {
  return driver === 'postgres'
    ? { HISTORY_ENABLED: 'true', DATABASE_URL: target }
    : { HISTORY_ENABLED: 'true', DATA_DIR: target };
}

export interface HistoryWorld {
  live: LiveWorld;
  /**
   * Boots the service against the fakes: in this process on PostgreSQL; as its own process on
   * the embedded store (PGlite loads itself with dynamic imports, which Jest's VM refuses).
   */
  boot(driver: Driver, env: Record<string, string | undefined>): Promise<{ url: string }>;
  /** The LLM picks DIRECT_PICKS, then /analyze of the corpus creator (as `country`, if given). */
  analyze(url: string, creator: string, country?: string): Promise<AnalyzeResponseDto>;
  /** The same, answered once the analysis is stored (writes are batched off the response). */
  analyzeStored(url: string, creator: string, country?: string): Promise<AnalyzeResponseDto>;
  closeApps(): Promise<void>;
  close(): Promise<void>;
}

export async function startHistoryWorld(): Promise<HistoryWorld> {
  const live = await startLiveWorld();
  const stops: (() => Promise<void>)[] = [];
  const analyze: HistoryWorld['analyze'] = async (url, creator, country) => {
    live.openai.enqueue(fakeReply.answer([...DIRECT_PICKS]));
    return expectOk(await postAnalyze(url, { profile_url: creator, country }));
  };
  return {
    live,
    boot: async (driver, env) => {
      if (driver === 'postgres') {
        const booted = await createTestApp(live.env(env));
        stops.push(() => booted.app.close());
        return booted;
      }
      const server = await spawnServer(definedOnly(live.env(env)));
      stops.push(server.stop);
      return server;
    },
    analyze,
    analyzeStored: async (url, creator, country) => {
      const answer = await analyze(url, creator, country);
      const deadline = Date.now() + 10_000;
      for (;;) {
        const stored = await fetch(`${url}/api/v1/analyses/${answer.meta.analysis_id}`);
        if (stored.status === 200) return answer;
        if (Date.now() > deadline) throw new Error(`analysis never stored: ${stored.status}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    closeApps: async () => {
      await Promise.all(stops.splice(0).map((stop) => stop()));
    },
    close: async () => {
      await Promise.all(stops.splice(0).map((stop) => stop()));
      await live.close();
    },
  };
}

/** A #pasta video no earlier analysis can have seen: new author, recent, the most liked. */
export function newcomerPost(now: number): FixturePost {
  return {
    id: '7400000000000000999',
    author: {
      ...EXTRA_USERS.pastalab,
      uid: '7999999999999999999',
      uniqueId: 'pastanewcomer',
      nickname: 'Pasta Newcomer',
    },
    desc: 'Lemon ricotta pasta, brand new #pasta',
    createTime: Math.floor(now / 1000) - 2 * 3600,
    views: 2_000_000,
    likes: 900_000,
    comments: 5_000,
    shares: 20_000,
    collects: 40_000,
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

export interface SeedRow {
  table: 'video_observations' | 'analyses';
  values: Record<string, unknown>;
}

/**
 * Writes rows straight into a store that no app holds (migrating it first), in a child process
 * so that the embedded store loads outside Jest's VM.
 */
export async function seedStore(driver: Driver, target: string, rows: SeedRow[]): Promise<void> {
  const { code, output } = await runScript('test/history/support/seed-store.ts', {
    ...(driver === 'postgres' ? { DATABASE_URL: target } : { DATA_DIR: target }),
    SEED_ROWS: JSON.stringify(rows),
  });
  if (code !== 0) throw new Error(`seeding failed (${code}):\n${output}`);
}
