import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { AnalyzeResponseDto } from '../trends/dto/analyze.response.dto';
import { decodeAnalysesCursor, encodeAnalysesCursor } from './analyses-cursor';
import { DatabaseService } from './database/database.service';
import type { CreatorAnalysesQueryDto, HashtagHistoryQueryDto } from './dto/history.request.dto';
import type {
  CreatorAnalysesResponseDto,
  HashtagHistoryResponseDto,
  VideoHistoryResponseDto,
} from './dto/history.response.dto';
import { hashtagDaySeries } from './hashtag-day-series';
import { HistoryStore } from './history.store';
import { historyDisabled, historyNotFound } from './history-errors';
import { HistoryWriter } from './history-writer';
import { trendsCsv } from './trends-csv';

/** The history endpoints: request DTO -> store -> response DTO. */
@Injectable()
export class HistoryQueryService {
  constructor(
    private readonly database: DatabaseService,
    private readonly store: HistoryStore,
    private readonly writer: HistoryWriter,
  ) {}

  async creatorAnalyses(
    username: string,
    query: CreatorAnalysesQueryDto,
  ): Promise<CreatorAnalysesResponseDto> {
    await this.ready();
    const after = query.cursor === undefined ? undefined : decodeAnalysesCursor(query.cursor);
    const rows = await this.store.listAnalyses(
      username.toLowerCase(),
      query.limit + 1,
      after ?? undefined,
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      analyses: page.map((r) => ({
        id: r.id,
        analyzed_at: new Date(r.analyzedAt).toISOString(),
        ai_source: r.aiSource,
        hashtags: r.hashtags,
        trend_count: r.trendCount,
        units_charged: r.unitsCharged,
      })),
      next_cursor:
        rows.length > query.limit && last
          ? encodeAnalysesCursor({ analyzedAt: last.analyzedAt, id: last.id })
          : null,
    };
  }

  /** The analysis as it was answered when computed (all its ranked trends). */
  async analysis(id: string): Promise<AnalyzeResponseDto> {
    await this.ready();
    const row = await this.store.findAnalysis(id);
    if (!row) throw historyNotFound('analysis', { id });
    return row.snapshot as AnalyzeResponseDto;
  }

  /** RFC 4180 CSV (CRLF, a header row) of the analysis's ranked trends, streamed. */
  async trendsCsv(id: string): Promise<Readable> {
    const analysis = await this.analysis(id);
    return trendsCsv(analysis.trends);
  }

  async videoHistory(id: string): Promise<VideoHistoryResponseDto> {
    await this.ready();
    const observations = await this.store.videoObservations(id);
    if (observations.length === 0) throw historyNotFound('video', { id });
    return {
      id,
      observations: observations.map((o) => ({
        observed_at: new Date(o.observedAt).toISOString(),
        views: o.views,
        likes: o.likes,
        comments: o.comments,
        shares: o.shares,
        favorites: o.favorites,
      })),
    };
  }

  async hashtagHistory(
    hashtag: string,
    query: HashtagHistoryQueryDto,
    now = Date.now(),
  ): Promise<HashtagHistoryResponseDto> {
    await this.ready();
    const series = hashtagDaySeries(now, query.days);
    const [points, known] = await Promise.all([
      this.store.hashtagDays(hashtag, series.since),
      this.store.isHashtagKnown(hashtag),
    ]);
    if (!known) throw historyNotFound('hashtag', { hashtag });
    return { hashtag, points: series.fill(points) };
  }

  /** History on, and this instance's queued writes visible to the read that follows. */
  private async ready(): Promise<void> {
    if (!this.database.enabled) throw historyDisabled();
    await this.writer.flush();
  }
}
