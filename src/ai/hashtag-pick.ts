import type { Post, Profile } from '../tiktok/models/tiktok.models';

export interface HashtagInsight {
  /** Normalised: lower-case, [a-z0-9_], no '#'. */
  hashtag: string;
  reason: string;
  /** Ids of the creator's posts that support the pick. */
  evidencePostIds: string[];
}

export interface HashtagPick {
  /** Exactly 5 distinct normalized hashtags. */
  hashtags: string[];
  insights: HashtagInsight[];
  source: 'openai' | 'local';
  /** The LLM model name, or 'local-extractor'. */
  model: string;
  /** Why a fallback happened, if it did. */
  warnings: string[];
  llmTokens: number;
}

export interface HashtagPickInput {
  profile: Profile;
  posts: Post[];
  /** Injected clock (unix ms) so recency weighting is deterministic in tests. */
  now: number;
}
