import type { TrendDto } from '../trends/dto/analyze.response.dto';
import type { CreatorOutcome } from './watchlist-jobs';

export const RUN_COMPLETED_EVENT = 'watchlist.run.completed';

export interface WebhookPayload {
  event: typeof RUN_COMPLETED_EVENT;
  watchlist_id: string;
  run_id: string;
  ran_at: string;
  /** `analysis_id` is null only when the history store is off. */
  creators: { username: string; analysis_id: string | null; new_trends: TrendDto[] }[];
}

/** The body of a run's webhook: every creator that was analysed, with what is new for it. */
export function toWebhookPayload(
  watchlistId: string,
  runId: string,
  ranAt: Date,
  outcomes: readonly CreatorOutcome[],
): WebhookPayload {
  return {
    event: RUN_COMPLETED_EVENT,
    watchlist_id: watchlistId,
    run_id: runId,
    ran_at: ranAt.toISOString(),
    creators: outcomes.flatMap((o) =>
      o.errorCode !== null
        ? []
        : [{ username: o.username, analysis_id: o.analysisId, new_trends: o.newTrends }],
    ),
  };
}
