import { Injectable, Logger, type MessageEvent } from '@nestjs/common';
import { Observable } from 'rxjs';
import { toErrorResponse } from '../common/errors/error-response';
import { TiktokService } from '../tiktok/tiktok.service';
import { toProfileDto } from '../tiktok/tiktok-response.mapper';
import type { AnalysisProgressEvent } from './analysis-progress';
import { AnalysisProgressHub } from './analysis-progress.hub';
import type {
  AnalysisHashtagsEventDto,
  AnalysisPostsEventDto,
  AnalysisSearchEventDto,
  AnalyzeStreamQueryDto,
} from './dto/analyze-stream.dto';
import { AnalyzeEndpointService } from './analyze-endpoint.service';

/** A comment every 15 s keeps proxies and load balancers from closing a quiet stream. */
export const HEARTBEAT_MS = 15_000;
/** How long an EventSource waits before reconnecting after a dropped connection. */
export const RETRY_MS = 3_000;

/**
 * GET /analyze/stream: the same analysis as POST /analyze (cache, coalescing, limits), with the
 * run's steps as events while it works. The stream follows the run under the analysis key, so a
 * second client asking for the same creator follows the same work; leaving never cancels it.
 */
@Injectable()
export class AnalyzeStreamService {
  private readonly logger = new Logger(AnalyzeStreamService.name);

  constructor(
    private readonly trends: AnalyzeEndpointService,
    private readonly progress: AnalysisProgressHub,
    private readonly tiktok: TiktokService,
  ) {}

  stream(req: AnalyzeStreamQueryDto): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      subscriber.next({ retry: RETRY_MS, comment: 'analysis started' });
      const steps = this.progress
        .watch(this.trends.analysisKey(req))
        .subscribe((event) => subscriber.next(this.toMessage(event)));
      const heartbeat = setInterval(() => subscriber.next({ comment: 'heartbeat' }), HEARTBEAT_MS);
      heartbeat.unref();
      const finish = (last: MessageEvent) => {
        steps.unsubscribe();
        clearInterval(heartbeat);
        subscriber.next(last);
        subscriber.complete();
      };
      this.trends.analyze(req).then(
        (body) => finish({ type: 'result', data: body }),
        (error: unknown) => finish({ type: 'error', data: this.errorBody(error) }),
      );
      return () => {
        steps.unsubscribe();
        clearInterval(heartbeat);
      };
    });
  }

  private toMessage(event: AnalysisProgressEvent): MessageEvent {
    switch (event.type) {
      case 'profile':
        return { type: 'profile', data: toProfileDto(event.profile, this.tiktok.source) };
      case 'posts':
        return { type: 'posts', data: { count: event.count } satisfies AnalysisPostsEventDto };
      case 'hashtags':
        return {
          type: 'hashtags',
          data: {
            hashtags: event.pick.hashtags,
            ai_source: event.pick.source,
            reasons: event.pick.insights.map((i) => ({
              hashtag: i.hashtag,
              reason: i.reason,
              evidence_posts: i.evidencePostIds,
            })),
          } satisfies AnalysisHashtagsEventDto,
        };
      case 'search':
        return {
          type: 'search',
          data: {
            hashtag: event.hashtag,
            status: event.status,
            found: event.found,
          } satisfies AnalysisSearchEventDto,
        };
    }
  }

  private errorBody(error: unknown) {
    const { status, body } = toErrorResponse(error);
    if (status >= 500) {
      this.logger.error(
        { err: error instanceof Error ? error : String(error), code: body.code },
        'analysis stream failed',
      );
    }
    return body;
  }
}
