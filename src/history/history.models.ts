/** What the history remembers, as the rest of the service sees it. */

export interface ObservationCounters {
  views: number;
  likes: number;
  comments: number;
  shares: number;
  favorites: number;
}

export interface VideoObservation extends ObservationCounters {
  videoId: string;
  /** Epoch milliseconds. */
  observedAt: number;
}

/** A video sighting and the hashtags it was seen under (its own and the search that found it). */
export interface VideoSighting extends VideoObservation {
  hashtags: string[];
}

/** The earliest observation of a video inside the velocity window: views then, and when. */
export interface VelocityBaseline {
  observedAt: number;
  views: number;
}

/** What the history knows about a set of videos, read before ranking. */
export interface VideoMemory {
  baselines: ReadonlyMap<string, VelocityBaseline>;
  /** Epoch milliseconds of the first observation. */
  firstSeen: ReadonlyMap<string, number>;
}

/** The creator's latest stored analysis before this one. */
export interface PreviousAnalysis {
  id: string;
  analyzedAt: number;
  trendIds: string[];
}

export interface AnalysisSummary {
  id: string;
  analyzedAt: number;
  aiSource: string;
  hashtags: string[];
  trendCount: number;
  unitsCharged: number;
}

export interface StoredAnalysisRow extends AnalysisSummary {
  creator: string;
  /** Null: the provider's default country. */
  country: string | null;
  trendIds: string[];
  warnings: string[];
  snapshot: unknown;
}

export interface HashtagDayPoint {
  /** YYYY-MM-DD (UTC). */
  date: string;
  videos: number;
  views: number;
}
