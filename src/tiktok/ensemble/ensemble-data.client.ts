import { Inject, Injectable, Logger } from '@nestjs/common';
import { RequestContext } from '../../common/context/request-context';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-code.enum';
import { parseRetryAfter, withRetry, type RetryDecision } from '../../common/retry/retry';
import { ensembleConfig, type EnsembleConfig } from '../../config/configuration';
import type {
  DataSource,
  PostPage,
  Profile,
  SearchPeriod,
  SearchSorting,
  UserSearchPage,
} from '../models/tiktok.models';
import {
  ensembleMalformed,
  ensembleUnavailable,
  EnsembleUpstreamError,
  describeErrorBody,
  isRetryableEnsembleStatus,
  mapEnsembleStatus,
  redact,
} from './ensemble-status';
import {
  EnsembleTransportError,
  ENSEMBLE_TRANSPORT,
  type EnsembleTransport,
  type EnsembleTransportResponse,
} from './ensemble-transport';
import {
  EnsembleParseError,
  parseHashtagPostsPage,
  parseKeywordSearchPage,
  parseUserInfo,
  parseUserPostsPage,
  parseUserSearchPage,
} from './ensemble.parsers';
import type { EnsemblePath } from './ensemble.types';

export interface UserPostsOptions {
  /** 10 posts per depth; costs 1 + depth units. */
  depth: number;
  /** `nextCursor` of the previous page (a ms timestamp). */
  cursor?: string;
  /** Unix seconds: Ensemble stops paging once it meets an older post (it does not filter). */
  oldestCreateTime?: number;
}

export interface KeywordSearchOptions {
  period: SearchPeriod;
  sorting: SearchSorting;
  cursor?: string;
  /** ISO country code to search as if in that country. */
  country?: string;
  /** Fill author follower counts; costs 1 extra unit per returned post. */
  authorStats?: boolean;
}

export interface CursorOptions {
  cursor?: string;
}

/** One logical client call (all its attempts), for metrics. */
export interface EnsembleCallEvent {
  endpoint: string;
  /** HTTP status of the last attempt, or 'error' when it failed at the network level. */
  status: number | 'error';
  durationMs: number;
  retries: number;
  units: number;
}

export interface EnsembleOutcome {
  /** False only when the provider itself failed (UPSTREAM_*); "user not found" is a healthy answer. */
  ok: boolean;
  at: string;
  code?: string;
}

export interface EnsembleClientStats {
  /** HTTP attempts, retries included. */
  calls: number;
  unitsCharged: number;
  retries: number;
}

/** A transient status worth another attempt; becomes a DomainException once retries are spent. */
class RetryableStatus extends Error {
  constructor(
    readonly status: number,
    readonly upstream: EnsembleUpstreamError,
    readonly retryAfterMs: number | undefined,
  ) {
    super(upstream.message);
    this.name = 'RetryableStatus';
  }
}

const UNITS = /^\s*(\d+)\s*$/;

/**
 * The only code that speaks to Ensemble Data. Domain verbs in, domain models out; retries,
 * unit accounting, status mapping and parsing happen here identically for live and demo
 * transports. Nothing it logs or throws contains the token or the request URL.
 */
@Injectable()
export class EnsembleDataClient {
  readonly source: DataSource;
  /** Metrics hook: called once per logical call, after its last attempt. Must not throw. */
  onCall?: (event: EnsembleCallEvent) => void;

  private readonly logger = new Logger(EnsembleDataClient.name);
  private readonly totals: EnsembleClientStats = { calls: 0, unitsCharged: 0, retries: 0 };
  private outcome?: EnsembleOutcome;

  constructor(
    @Inject(ENSEMBLE_TRANSPORT) private readonly transport: EnsembleTransport,
    @Inject(ensembleConfig.KEY) private readonly config: EnsembleConfig,
  ) {
    this.source = transport.kind === 'http' ? 'live' : 'demo';
  }

  /** Throws NOT_FOUND for an unknown user (`{data: null}` or 463). */
  async getUserInfo(username: string): Promise<Profile> {
    const profile = await this.call('/tt/user/info', { username }, parseUserInfo);
    if (profile === null) {
      throw new DomainException(ErrorCode.NOT_FOUND, 'TikTok user not found');
    }
    return profile;
  }

  async getUserPosts(username: string, options: UserPostsOptions): Promise<PostPage> {
    return this.call(
      '/tt/user/posts',
      compact({
        username,
        depth: String(options.depth),
        start_cursor: options.cursor,
        oldest_createtime:
          options.oldestCreateTime === undefined ? undefined : String(options.oldestCreateTime),
      }),
      parseUserPostsPage,
    );
  }

  async searchKeyword(keyword: string, options: KeywordSearchOptions): Promise<PostPage> {
    return this.call(
      '/tt/keyword/search',
      compact({
        name: keyword,
        period: String(options.period),
        sorting: String(options.sorting),
        cursor: options.cursor,
        country: options.country,
        get_author_stats: options.authorStats ? 'true' : undefined,
      }),
      parseKeywordSearchPage,
    );
  }

  async getHashtagPosts(hashtag: string, options: CursorOptions = {}): Promise<PostPage> {
    return this.call(
      '/tt/hashtag/posts',
      compact({ name: hashtag.replace(/^#+/, ''), cursor: options.cursor }),
      parseHashtagPostsPage,
    );
  }

  async searchUsers(keyword: string, options: CursorOptions = {}): Promise<UserSearchPage> {
    return this.call(
      '/tt/user/search',
      compact({ keyword, cursor: options.cursor }),
      parseUserSearchPage,
    );
  }

  /** The latest logical call's outcome, for health checks; undefined before the first call. */
  lastOutcome(): EnsembleOutcome | undefined {
    return this.outcome === undefined ? undefined : { ...this.outcome };
  }

  stats(): EnsembleClientStats {
    return { ...this.totals };
  }

  private async call<T>(
    endpoint: EnsemblePath,
    params: Record<string, string>,
    parse: (raw: unknown) => T,
  ): Promise<T> {
    const started = Date.now();
    const progress = { attempts: 0, units: 0, status: 'error' as number | 'error' };
    try {
      const response = await withRetry(
        (attempt) => this.attempt(endpoint, params, attempt, progress),
        classify,
        {
          maxRetries: this.config.maxRetries,
          baseDelayMs: this.config.retryBaseMs,
          // Retry-After is honoured in full; the budget alone decides when waiting is pointless.
          maxDelayMs: this.config.retryBudgetMs,
          budgetMs: this.config.retryBudgetMs,
        },
      );
      const result = parse(parseJson(response.body, endpoint));
      this.outcome = { ok: true, at: new Date().toISOString() };
      return result;
    } catch (error) {
      const exception = this.toDomainException(error, endpoint);
      this.outcome = {
        ok: !exception.code.startsWith('UPSTREAM_'),
        at: new Date().toISOString(),
        code: exception.code,
      };
      throw exception;
    } finally {
      const event: EnsembleCallEvent = {
        endpoint,
        status: progress.status,
        durationMs: Date.now() - started,
        retries: Math.max(0, progress.attempts - 1),
        units: progress.units,
      };
      // One line per call (attempts are logged at debug level); never the URL or the token.
      const ok = typeof event.status === 'number' && event.status < 300;
      const line = { service: 'ensemble', ...event };
      if (ok) this.logger.log(line);
      else this.logger.warn(line);
      this.emit(event);
    }
  }

  /** One HTTP exchange: counts it, charges its units, logs it, and judges its status. */
  private async attempt(
    endpoint: EnsemblePath,
    params: Record<string, string>,
    attempt: number,
    progress: { attempts: number; units: number; status: number | 'error' },
  ): Promise<EnsembleTransportResponse> {
    progress.attempts = attempt + 1;
    this.totals.calls++;
    if (attempt > 0) this.totals.retries++;
    const context = RequestContext.current();
    if (context) context.upstreamCalls++;

    const started = Date.now();
    let response: EnsembleTransportResponse;
    try {
      response = await this.transport.get(endpoint, params);
    } catch (error) {
      progress.status = 'error';
      this.logger.debug({
        service: 'ensemble',
        endpoint,
        status: 'error',
        reason: error instanceof EnsembleTransportError ? error.reason : 'unknown',
        durationMs: Date.now() - started,
        attempt: attempt + 1,
        units: 0,
      });
      throw error;
    }

    const units = unitsOf(response.headers['units_charged']);
    progress.units += units;
    progress.status = response.status;
    this.totals.unitsCharged += units;
    if (context) context.unitsCharged += units;

    const line = {
      service: 'ensemble',
      endpoint,
      status: response.status,
      durationMs: Date.now() - started,
      attempt: attempt + 1,
      units,
    };
    this.logger.debug(line);
    if (response.status >= 200 && response.status < 300) return response;

    const upstream = new EnsembleUpstreamError(
      response.status,
      endpoint,
      describeErrorBody(response.body, this.config.token),
    );
    if (isRetryableEnsembleStatus(response.status)) {
      throw new RetryableStatus(
        response.status,
        upstream,
        parseRetryAfter(response.headers['retry-after']),
      );
    }
    throw mapEnsembleStatus(response.status, upstream);
  }

  private toDomainException(error: unknown, endpoint: string): DomainException {
    if (error instanceof DomainException) return error;
    if (error instanceof RetryableStatus) {
      return mapEnsembleStatus(error.status, error.upstream, error.retryAfterMs);
    }
    if (error instanceof EnsembleTransportError) return ensembleUnavailable(error);
    if (error instanceof EnsembleParseError) return ensembleMalformed(error);
    // Not ours to describe: keep only a redacted message so nothing upstream leaks into logs.
    const message = error instanceof Error ? redact(error.message, this.config.token) : 'unknown';
    return ensembleUnavailable(new Error(`Ensemble ${endpoint} failed: ${message}`));
  }

  private emit(event: EnsembleCallEvent): void {
    if (!this.onCall) return;
    try {
      this.onCall(event);
    } catch {
      // A metrics hook must never change the outcome of a data call.
    }
  }
}

function classify(error: unknown): RetryDecision {
  if (error instanceof RetryableStatus) return { retry: true, retryAfterMs: error.retryAfterMs };
  if (error instanceof EnsembleTransportError) return { retry: true };
  return { retry: false };
}

function parseJson(body: string, endpoint: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    // The SyntaxError quotes the body; describe it by size instead.
    throw new EnsembleParseError(endpoint, `body is not JSON (${body.length} chars)`);
  }
}

function unitsOf(header: string | undefined): number {
  const match = header === undefined ? null : UNITS.exec(header);
  return match ? Number(match[1]) : 0;
}

function compact(params: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out;
}
