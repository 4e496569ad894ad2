import type { TrendDto } from '../trends/dto/analyze.response.dto';

/**
 * What a watchlist run reports as new for a creator: the trends of this run's analysis that the
 * creator's previous analysis did not contain (`is_new: true`) and that score at least
 * `minScore`. A first analysis (`is_new: null`) reports nothing as new.
 */
export function selectNewTrends<T extends TrendDto>(trends: readonly T[], minScore: number): T[] {
  return trends.filter((t) => t.is_new === true && t.trend_score >= minScore);
}
