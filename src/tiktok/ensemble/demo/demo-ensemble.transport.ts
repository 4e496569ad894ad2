import type { EnsembleTransport, EnsembleTransportResponse } from '../ensemble-transport';
import type { EnsemblePath } from '../ensemble.types';
import {
  simulateEnsemble,
  type EnsembleDataset,
  type SimulatedResponse,
} from '../simulator/ensemble-simulator';
import { getDemoDataset, type DemoPost, type DemoUser } from './demo-dataset';
import { rawAweme, rawMobileUser, rawUserInfo } from './demo-raw.builders';

/**
 * Answers Ensemble calls from the bundled demo dataset through the one Ensemble simulator, in
 * Ensemble's raw shapes, so demo mode exercises the same client -> parser path as live mode.
 * Timestamps come from the injected clock at request time: "the last 7 days" is always now.
 */

type DemoSimUser = DemoUser & { keywords: readonly string[] };
type DemoSimPost = DemoPost & { likes: number };

let memo: EnsembleDataset<DemoSimUser, DemoSimPost> | undefined;

function demoEnsembleDataset(): EnsembleDataset<DemoSimUser, DemoSimPost> {
  if (memo) return memo;
  const demo = getDemoDataset();
  const asSimulated = (post: DemoPost): DemoSimPost => ({ ...post, likes: post.stats.likes });
  const posts = [...demo.postsByUser.values()].flat().map(asSimulated);
  const byId = new Map(posts.map((p) => [p.id, p]));
  memo = {
    users: demo.userList.map((u) => ({ ...u, keywords: [u.niche] })),
    posts,
    searchable: demo.searchable.map((p) => byId.get(p.id) ?? asSimulated(p)),
    userInfo: rawUserInfo,
    mobileUser: rawMobileUser,
    aweme: (post, author, view) => rawAweme(post, author, view, demo.users),
  };
  return memo;
}

function toTransportResponse(answer: SimulatedResponse): EnsembleTransportResponse {
  return {
    status: answer.status,
    headers: { 'content-type': 'application/json', units_charged: String(answer.units) },
    body: JSON.stringify(answer.body),
  };
}

export class DemoEnsembleTransport implements EnsembleTransport {
  readonly kind = 'demo' as const;

  constructor(private readonly now: () => number = Date.now) {}

  get(path: EnsemblePath, params: Record<string, string>): Promise<EnsembleTransportResponse> {
    const nowSec = Math.floor(this.now() / 1000);
    return Promise.resolve(
      toTransportResponse(simulateEnsemble(demoEnsembleDataset(), path, params, nowSec)),
    );
  }
}
