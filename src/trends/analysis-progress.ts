import type { HashtagPick } from '../ai/hashtag-pick';
import type { Profile } from '../tiktok/models/tiktok.models';

/** One step of a running analysis, in the order the pipeline reaches them. */
export type AnalysisProgressEvent =
  | { type: 'profile'; profile: Profile }
  | { type: 'posts'; count: number }
  | { type: 'hashtags'; pick: HashtagPick }
  | { type: 'search'; hashtag: string; status: 'done' | 'failed'; found: number };

/** Where the pipeline reports its steps; it never waits on, or fails because of, a listener. */
export type AnalysisProgress = (event: AnalysisProgressEvent) => void;

export const NO_PROGRESS: AnalysisProgress = () => undefined;
