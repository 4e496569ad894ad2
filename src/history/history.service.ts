import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { historyConfig, type HistoryConfig } from '../config/configuration';
import { bounded } from '../common/deadline/bounded';
import type { Post } from '../tiktok/models/tiktok.models';
import { TiktokService } from '../tiktok/tiktok.service';
import { DatabaseService } from './database/database.service';
import type {
  PreviousAnalysis,
  StoredAnalysisRow,
  VideoMemory,
  VideoSighting,
} from './history.models';
import { HistoryStore } from './history.store';
import { HistoryWriter, type HistoryWriteStats } from './history-writer';

/** Reads on the analysis path give up after this: the answer never waits on the database. */
const RECALL_DEADLINE_MS = 750;
const VELOCITY_WINDOW_MS = 48 * 3_600_000;
const DAY_MS = 86_400_000;

/**
 * The trend memory as the analysis sees it: what is remembered about a creator and a set of
 * videos (best effort, bounded by a deadline; `undefined` means "unknown right now"), and what to
 * remember (queued, written in batches). Observations of every post fetched from TikTok are
 * recorded here too, through the Tiktok service's fetch notifications.
 */
@Injectable()
export class HistoryService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('History');
  private pruneTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly database: DatabaseService,
    private readonly store: HistoryStore,
    private readonly writer: HistoryWriter,
    private readonly tiktok: TiktokService,
    @Inject(historyConfig.KEY) private readonly config: HistoryConfig,
  ) {}

  get enabled(): boolean {
    return this.database.enabled;
  }

  onModuleInit(): void {
    if (!this.enabled) return;
    this.writer.configure(this.config.observationIntervalSeconds);
    this.tiktok.onPostsFetched((posts, at, hashtag) => this.recordSightings(posts, at, hashtag));
  }

  /** Retention: once the schema is ready (at boot, awaited when it already is), then daily. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    let first: Promise<void> = Promise.resolve();
    this.database.onReady(() => {
      first = this.prune(Date.now());
    });
    await first;
    this.pruneTimer = setInterval(() => void this.prune(Date.now()), DAY_MS);
    this.pruneTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.pruneTimer);
  }

  writeStats(): HistoryWriteStats {
    return this.writer.writeStats();
  }

  /** Deletes what is older than the retention; failures are logged, never thrown. */
  async prune(now: number): Promise<void> {
    try {
      const removed = await this.store.prune(now - this.config.retentionDays * DAY_MS);
      this.logger.log({ removed, retention_days: this.config.retentionDays }, 'history pruned');
    } catch (error) {
      this.logger.warn({ err: errorText(error) }, 'history prune failed; next one tomorrow');
    }
  }

  recordSightings(posts: readonly Post[], at: number, searchedHashtag?: string): void {
    if (!this.enabled) return;
    this.writer.enqueueSightings(
      posts.map((p): VideoSighting => ({
        videoId: p.id,
        observedAt: at,
        views: p.stats.views,
        likes: p.stats.likes,
        comments: p.stats.comments,
        shares: p.stats.shares,
        favorites: p.stats.favorites,
        hashtags: [...new Set([...p.hashtags, ...(searchedHashtag ? [searchedHashtag] : [])])],
      })),
    );
  }

  recordAnalysis(row: StoredAnalysisRow): void {
    if (this.enabled) this.writer.enqueueAnalysis(row);
  }

  /**
   * The creator's latest analysis before `now` run as the same country (what is new depends on
   * where the searches ran); null: none; undefined: history unavailable.
   */
  previousAnalysis(
    creator: string,
    country: string | null,
    now: number,
  ): Promise<PreviousAnalysis | null | undefined> {
    return this.recall('previous analysis', () =>
      this.store.previousAnalysis(creator, country, now),
    );
  }

  /**
   * Velocity baselines (the oldest observation between 48 h and the minimum gap ago) and first
   * sightings of the given videos; undefined when history is unavailable.
   */
  videoMemory(videoIds: string[], now: number): Promise<VideoMemory | undefined> {
    const ids = [...new Set(videoIds)];
    return this.recall('video memory', async () => {
      const [baselines, firstSeen] = await Promise.all([
        this.store.velocityBaselines(
          ids,
          now - VELOCITY_WINDOW_MS,
          now - this.config.velocityMinGapSeconds * 1000,
        ),
        this.store.firstSeen(ids),
      ]);
      return { baselines, firstSeen };
    });
  }

  private async recall<T>(what: string, read: () => Promise<T>): Promise<T | undefined> {
    if (!this.enabled || !this.database.ready) return undefined;
    const result = await bounded(read(), RECALL_DEADLINE_MS);
    if (result.ok) return result.value;
    this.logger.warn(
      { err: result.reason === 'error' ? errorText(result.error) : 'deadline', what },
      'history read failed; answering without it',
    );
    return undefined;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
