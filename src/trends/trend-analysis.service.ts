import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AiService } from '../ai/ai.service';
import type { HashtagPick } from '../ai/hashtag-pick';
import { mapSettledUntil, type SettledOrPending } from '../common/concurrency/map-settled';
import { requestDeadline } from '../common/deadline/deadline';
import { DomainException } from '../common/errors/domain.exception';
import { RequestContext, RequestStats } from '../common/context/request-context';
import { ErrorCode, isAccountFailure } from '../common/errors/error-code.enum';
import { limitsConfig, type LimitsConfig } from '../config/configuration';
import { HistoryService } from '../history/history.service';
import type { Post, Profile } from '../tiktok/models/tiktok.models';
import { TiktokService } from '../tiktok/tiktok.service';
import { firstSeenAt, newSinceLastCheck } from './new-since-last-check';
import { rankTrends, type RankedTrend } from './trend-ranking';
import type { DropCounts } from './trend-candidates';
import { NO_PROGRESS, type AnalysisProgress } from './analysis-progress';
import { toAnalyzeResponse } from './trend-response.mapper';

/** A ranked trend with what the trend memory says about it. */
export interface AnalysedTrend extends RankedTrend {
  /** Epoch ms of TrendXL's first observation; null when the memory is unavailable. */
  firstSeenAt: number | null;
  /** Absent from the creator's previous analysis; null when there is none (or it is unknown). */
  isNew: boolean | null;
}

export interface TrendAnalysis {
  /** The id it is stored under; null when history is turned off. */
  id: string | null;
  profile: Profile;
  posts: Post[];
  pick: HashtagPick;
  trends: AnalysedTrend[];
  dropped: DropCounts;
  warnings: string[];
  partial: boolean;
  generatedAt: number;
  /** When the analysis that `isNew` compares with was made. */
  previousAnalysisAt: number | null;
}

export interface AnalyzeOptions {
  country?: string;
}

/** Analyses rank up to this many trends; a request's `limit` only cuts the cached list. */
export const MAX_TRENDS = 50;

const LATEST_POSTS = 20;
/** Ensemble's keyword search answers at most 20 videos per page. */
const SEARCH_PAGE_SIZE = 20;
const MAX_PER_AUTHOR = 2;
/** Kept free before the deadline to rank what the searches found and answer. */
const RANKING_RESERVE_MS = 300;

/**
 * The analysis pipeline: profile ‖ latest posts → AI hashtag pick → per-hashtag searches in
 * parallel (bounded) → filter, merge and rank. Uses the Tiktok and Ai services, never clients.
 */
@Injectable()
export class TrendAnalysisService {
  private readonly logger = new Logger(TrendAnalysisService.name);

  constructor(
    private readonly tiktok: TiktokService,
    private readonly ai: AiService,
    private readonly history: HistoryService,
    @Inject(limitsConfig.KEY) private readonly limits: LimitsConfig,
  ) {}

  async analyze(
    username: string,
    options: AnalyzeOptions,
    now = Date.now(),
    progress: AnalysisProgress = NO_PROGRESS,
  ): Promise<TrendAnalysis> {
    const { profile, posts } = await this.loadCreator(username);
    progress({ type: 'profile', profile });
    progress({ type: 'posts', count: posts.length });
    const creator = profile.username.toLowerCase();
    // Read while the pick and the searches run; it never rejects and has its own deadline.
    const country = options.country ?? null;
    const previousRead = this.history.previousAnalysis(creator, country, now);
    const pick = await this.ai.pickHashtags({ profile, posts, now });
    progress({ type: 'hashtags', pick });
    const { found, warnings } = await this.searchHashtags(pick.hashtags, options.country, progress);
    const memory = await this.history.videoMemory(
      found.flatMap((f) => f.posts.map((p) => p.id)),
      now,
    );
    const { trends, dropped } = rankTrends({
      found,
      ownUsername: profile.username,
      ownUserId: profile.userId,
      now,
      windowDays: this.limits.trendWindowDays,
      minViews: this.limits.minViews,
      maxPerAuthor: MAX_PER_AUTHOR,
      maxResults: MAX_TRENDS,
      baselines: memory?.baselines,
    });
    const previous = await previousRead;
    const ids = trends.map((t) => t.post.id);
    const isNew = newSinceLastCheck(ids, previous);
    const seen = firstSeenAt(ids, memory?.firstSeen, now);
    const analysis: TrendAnalysis = {
      id: this.history.enabled ? randomUUID() : null,
      profile,
      posts,
      pick,
      trends: trends.map((t) => ({
        ...t,
        firstSeenAt: seen.get(t.post.id) ?? null,
        isNew: isNew.get(t.post.id) ?? null,
      })),
      dropped,
      warnings: [...pick.warnings, ...warnings],
      partial: warnings.length > 0,
      generatedAt: now,
      previousAnalysisAt: previous?.analyzedAt ?? null,
    };
    this.remember(analysis, creator, country);
    return analysis;
  }

  /** Queues the analysis for the history, as this request's answer would show it. */
  private remember(analysis: TrendAnalysis, creator: string, country: string | null): void {
    if (analysis.id === null) return;
    const stats = RequestContext.current() ?? new RequestStats();
    const snapshot = toAnalyzeResponse(analysis, {
      limit: MAX_TRENDS,
      source: this.tiktok.source,
      stats,
      durationMs: Date.now() - analysis.generatedAt,
      windowDays: this.limits.trendWindowDays,
    });
    this.history.recordAnalysis({
      id: analysis.id,
      creator,
      country,
      analyzedAt: analysis.generatedAt,
      aiSource: analysis.pick.source,
      hashtags: [...analysis.pick.hashtags],
      trendIds: analysis.trends.map((t) => t.post.id),
      trendCount: analysis.trends.length,
      unitsCharged: stats.unitsCharged,
      warnings: [...analysis.warnings],
      snapshot,
    });
  }

  private async loadCreator(username: string): Promise<{ profile: Profile; posts: Post[] }> {
    const [profileResult, postsResult] = await Promise.allSettled([
      this.tiktok.getProfile(username),
      this.tiktok.getLatestPosts(username, LATEST_POSTS),
    ]);
    // The profile decides: its error (not found, private…) is the most meaningful one.
    if (profileResult.status === 'rejected') throw profileResult.reason;
    const profile = profileResult.value;
    if (profile.isPrivate) {
      throw new DomainException(ErrorCode.PROFILE_PRIVATE, 'This TikTok profile is private', {
        details: { username: profile.username },
      });
    }
    if (postsResult.status === 'rejected') throw postsResult.reason;
    return { profile, posts: postsResult.value };
  }

  private async searchHashtags(
    hashtags: string[],
    country: string | undefined,
    progress: AnalysisProgress,
  ): Promise<{ found: { hashtag: string; posts: Post[] }[]; warnings: string[] }> {
    const cutoff = this.searchCutoff();
    let results: SettledOrPending<{ hashtag: string; posts: Post[] }>[];
    try {
      results = await mapSettledUntil(
        hashtags,
        this.limits.hashtagSearchConcurrency,
        async (hashtag) => {
          try {
            const posts = await this.popularPosts(hashtag, country);
            progress({ type: 'search', hashtag, status: 'done', found: posts.length });
            return { hashtag, posts };
          } catch (error) {
            progress({ type: 'search', hashtag, status: 'failed', found: 0 });
            throw error;
          }
        },
        cutoff.signal,
      );
    } finally {
      cutoff.cancel();
    }
    const found: { hashtag: string; posts: Post[] }[] = [];
    const warnings: string[] = [];
    const errors: unknown[] = [];
    const unfinished: string[] = [];
    results.forEach((result, i) => {
      if (result.status === 'fulfilled') {
        found.push(result.value);
      } else if (result.status === 'pending') {
        unfinished.push(hashtags[i]);
      } else {
        errors.push(result.reason);
        const code =
          result.reason instanceof DomainException ? result.reason.code : ErrorCode.INTERNAL_ERROR;
        this.logger.warn({ hashtag: hashtags[i], code }, 'hashtag search failed');
        warnings.push(`Search for #${hashtags[i]} failed (${code}); results exclude it`);
      }
    });
    if (unfinished.length > 0) {
      if (found.length === 0) {
        throw (
          requestDeadline.exceeded() ??
          new DomainException(ErrorCode.UPSTREAM_TIMEOUT, 'No hashtag search finished in time')
        );
      }
      warnings.push(
        `Searches for ${unfinished.map((h) => `#${h}`).join(', ')} did not finish before the ` +
          'deadline; results exclude them',
      );
    }
    if (found.length === 0 && errors.length > 0) throw this.allSearchesFailed(errors);
    return { found, warnings };
  }

  /**
   * Aborts a little before the request's deadline, so the searches that finished can still be
   * ranked and answered in time; never aborts outside a request.
   */
  private searchCutoff(): { signal: AbortSignal; cancel(): void } {
    const controller = new AbortController();
    const deadline = RequestContext.current()?.deadline;
    if (!deadline) return { signal: controller.signal, cancel: () => undefined };
    const timer = setTimeout(
      () => controller.abort(),
      Math.max(0, deadline.remainingMs() - RANKING_RESERVE_MS),
    );
    timer.unref();
    return { signal: controller.signal, cancel: () => clearTimeout(timer) };
  }

  /**
   * Most-liked videos of the window; the hashtag feed when keyword search finds nothing. Exactly
   * `ANALYZE_SEARCH_PAGES` pages at most (pages are serial: each one more round trip and unit).
   */
  private async popularPosts(hashtag: string, country: string | undefined): Promise<Post[]> {
    const pages = this.limits.analyzeSearchPages;
    const searched = await this.tiktok.searchHashtag(hashtag, {
      count: pages * SEARCH_PAGE_SIZE,
      maxPages: pages,
      period: 7,
      sorting: 1,
      country,
    });
    if (searched.posts.length > 0) return searched.posts;
    return (await this.tiktok.getHashtagPosts(hashtag)).posts;
  }

  private allSearchesFailed(errors: unknown[]): DomainException {
    const codes = errors.map((e) => (e instanceof DomainException ? e.code : undefined));
    const first = codes[0];
    // Our account's trouble is surfaced as such rather than as a 502.
    if (isAccountFailure(first) && codes.every((c) => c === first)) {
      return errors[0] as DomainException;
    }
    return new DomainException(
      ErrorCode.UPSTREAM_UNAVAILABLE,
      'Every hashtag search failed; no trends could be found',
      { details: { failed: errors.length } },
    );
  }
}
