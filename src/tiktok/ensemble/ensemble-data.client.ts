import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { requestDeadline } from '../../common/deadline/deadline';
import { CircuitOpenError } from '../../common/resilience/circuit-breaker';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-code.enum';
import { redactUpstreamText } from '../../common/redaction/redact';
import { parseRetryAfter, withRetry, type RetryDecision } from '../../common/retry/retry';
import { UpstreamCallRecorder } from '../../common/upstream/upstream-call.recorder';
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
} from './ensemble-status';
import { EnsembleCallPolicy } from './ensemble-call.policy';
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
}

export interface KeywordSearchOptions {
  period: SearchPeriod;
  sorting: SearchSorting;
  cursor?: string;
  /** ISO country code to search as if in that country. */
  country?: string;
}

export interface CursorOptions {
  cursor?: string;
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

  private readonly logger = new Logger(EnsembleDataClient.name);

  constructor(
    @Inject(ENSEMBLE_TRANSPORT) private readonly transport: EnsembleTransport,
    @Inject(ensembleConfig.KEY) private readonly config: EnsembleConfig,
    private readonly recorder: UpstreamCallRecorder,
    private readonly policy: EnsembleCallPolicy,
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

  private async call<T>(
    endpoint: EnsemblePath,
    params: Record<string, string>,
    parse: (raw: unknown) => T,
  ): Promise<T> {
    const started = Date.now();
    const progress: Progress = { attempts: 0, units: 0, status: 'error', lastAttemptMs: 0 };
    let failure: DomainException | undefined;
    try {
      const budgetMs = requestDeadline.cap(this.config.retryBudgetMs);
      // The breaker judges the logical call: a failure is one that outlived its retries.
      const response = await this.policy.breaker(endpoint, isOutage).execute(() =>
        withRetry(
          (attempt) => this.attempt(endpoint, params, attempt, progress),
          (error) => {
            const decision = classify(error);
            // No retry that cannot finish before the request's deadline.
            return decision.retry && !requestDeadline.fits(progress.lastAttemptMs)
              ? { retry: false }
              : decision;
          },
          {
            maxRetries: this.config.maxRetries,
            baseDelayMs: this.config.retryBaseMs,
            // Retry-After is honoured in full; the budget alone decides when waiting is pointless.
            maxDelayMs: budgetMs,
            budgetMs,
          },
        ),
      );
      return parse(parseJson(response.body, endpoint));
    } catch (error) {
      failure = this.toDomainException(error, endpoint);
      throw failure;
    } finally {
      const status = progress.status;
      this.recorder.record({
        upstream: 'ensemble',
        endpoint,
        outcome: status === 'error' ? 'error' : status < 400 ? 'ok' : `http_${status}`,
        healthy: failure === undefined || !failure.code.startsWith('UPSTREAM_'),
        code: failure?.code ?? null,
        status: status === 'error' ? null : status,
        durationMs: Date.now() - started,
        attempts: progress.attempts,
        units: progress.units,
        tokens: 0,
      });
    }
  }

  /** One HTTP exchange: counts it, charges its units, logs it, and judges its status. */
  private async attempt(
    endpoint: EnsemblePath,
    params: Record<string, string>,
    attempt: number,
    progress: Progress,
  ): Promise<EnsembleTransportResponse> {
    // A call that would start past today's unit budget is not made.
    await this.policy.beforeAttempt();
    progress.attempts = attempt + 1;

    const started = Date.now();
    let response: EnsembleTransportResponse;
    try {
      response = await this.transport.get(endpoint, params, this.policy.limits());
    } catch (error) {
      progress.status = 'error';
      progress.lastAttemptMs = Date.now() - started;
      this.logger.debug({
        upstream: 'ensemble',
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
    progress.lastAttemptMs = Date.now() - started;
    await this.policy.charge(endpoint, units);

    const line = {
      upstream: 'ensemble',
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
    if (error instanceof CircuitOpenError) {
      const seconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
      return new DomainException(
        ErrorCode.UPSTREAM_UNAVAILABLE,
        'The TikTok data provider keeps failing; requests to it are paused for a moment',
        {
          details: { retry_after_seconds: seconds },
          cause: error,
          retryAfterSeconds: seconds,
          status: HttpStatus.SERVICE_UNAVAILABLE,
        },
      );
    }
    if (error instanceof EnsembleTransportError) {
      const late = requestDeadline.exceeded(error);
      if (late) return late;
    }
    if (error instanceof RetryableStatus) {
      return mapEnsembleStatus(error.status, error.upstream, error.retryAfterMs);
    }
    if (error instanceof EnsembleTransportError) return ensembleUnavailable(error);
    if (error instanceof EnsembleParseError) return ensembleMalformed(error);
    // Not ours to describe: keep only a redacted message so nothing upstream leaks into logs.
    const message =
      error instanceof Error ? redactUpstreamText(error.message, [this.config.token]) : 'unknown';
    return ensembleUnavailable(new Error(`Ensemble ${endpoint} failed: ${message}`));
  }
}

interface Progress {
  attempts: number;
  units: number;
  status: number | 'error';
  lastAttemptMs: number;
}

/** Failures that count against Ensemble's breaker: timeouts, network errors, 429/5xx. */
function isOutage(error: unknown): boolean {
  return error instanceof EnsembleTransportError || error instanceof RetryableStatus;
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
