import { Inject, Injectable, Logger } from '@nestjs/common';
import type OpenAI from 'openai';
import type { ClientOptions } from 'openai';
import { requestDeadline } from '../common/deadline/deadline';
import { CircuitOpenError } from '../common/resilience/circuit-breaker';
import { parseRetryAfter, withRetry, type RetryPolicy } from '../common/retry/retry';
import { UpstreamCallRecorder } from '../common/upstream/upstream-call.recorder';
import { openaiConfig, type OpenAiConfig } from '../config/configuration';
import { AiUpstreamError } from './ai-upstream.error';
import type { ChatMessage, JsonSchemaFormat } from './hashtag-prompt';
import { LlmCallPolicy } from './llm-call.policy';

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const RETRY_BASE_DELAY_MS = 500;
/** Also the longest Retry-After we wait for; asked to wait longer, we fall back instead. */
export const RETRY_MAX_DELAY_MS = 8_000;
/** No retry starts once this much time has passed (or the timeout, if longer). */
export const RETRY_MIN_BUDGET_MS = 10_000;

const SDK_TIMEOUT_GRACE_MS = 1_000;

export interface HashtagCompletion {
  /** The message content, '' when the model returned none (e.g. a refusal). */
  content: string;
  /** The model that answered, as reported by the server. */
  model: string;
  tokens: number;
}

/**
 * The only code that speaks to the LLM. Chat Completions with a strict json_schema answer, through
 * the official SDK, so any OpenAI-compatible server works via the base URL.
 *
 * Retries are ours, not the SDK's (the SDK gets maxRetries 0): openai v6 honours Retry-After /
 * retry-after-ms with no upper bound and also retries timeouts, so one slow or throttled provider
 * could hold a request for minutes. Here 429, 408, 5xx and connection failures are retried with
 * jittered backoff up to OPENAI_MAX_RETRIES times inside a time budget; a Retry-After longer than
 * RETRY_MAX_DELAY_MS, quota exhaustion and timeouts are not retried, because the caller has a
 * local fallback that beats waiting.
 */
@Injectable()
export class OpenAiHashtagClient {
  private readonly logger = new Logger(OpenAiHashtagClient.name);
  /** Loaded on the first call: the SDK costs memory a keyless (demo) process never uses. */
  private sdk: Promise<Sdk> | null = null;
  private readonly retryPolicy: RetryPolicy;

  constructor(
    @Inject(openaiConfig.KEY) private readonly config: OpenAiConfig,
    private readonly recorder: UpstreamCallRecorder,
    private readonly calls: LlmCallPolicy,
  ) {
    this.retryPolicy = {
      maxRetries: config.maxRetries,
      baseDelayMs: RETRY_BASE_DELAY_MS,
      maxDelayMs: RETRY_MAX_DELAY_MS,
      budgetMs: Math.max(config.timeoutMs, RETRY_MIN_BUDGET_MS),
    };
  }

  get configured(): boolean {
    return Boolean(this.config.apiKey);
  }

  private loadSdk(): Promise<Sdk> {
    this.sdk ??= import('openai').then((module): Sdk => ({
      module,
      // Passed explicitly so the SDK's own env lookups (OPENAI_BASE_URL, OPENAI_ORG_ID,
      // OPENAI_LOG…) cannot override the validated config.
      client: new module.default({
        apiKey: this.config.apiKey,
        baseURL: this.config.baseUrl ?? OPENAI_DEFAULT_BASE_URL,
        // Only a backstop: each attempt is bounded by our own deadline (see complete()).
        timeout: this.config.timeoutMs + SDK_TIMEOUT_GRACE_MS,
        maxRetries: 0,
        organization: null,
        project: null,
        webhookSecret: null,
        logLevel: 'warn',
        logger: sdkLogger(new Logger('OpenAI SDK')),
      }),
    }));
    return this.sdk;
  }

  async suggest(
    messages: readonly ChatMessage[],
    format: JsonSchemaFormat,
  ): Promise<HashtagCompletion> {
    if (!this.configured) throw new AiUpstreamError('auth');
    const sdk = await this.loadSdk();
    const started = Date.now();
    let attempts = 0;
    let lastAttemptMs = 0;
    try {
      const budgetMs = requestDeadline.cap(this.retryPolicy.budgetMs);
      const completion = await this.calls.breaker.execute(() =>
        withRetry(
          async () => {
            attempts++;
            const attemptStarted = Date.now();
            try {
              return await this.complete(sdk, messages, format);
            } finally {
              lastAttemptMs = Date.now() - attemptStarted;
            }
          },
          (error) =>
            error instanceof AiUpstreamError &&
            error.retryable &&
            // No retry that cannot finish before the request's deadline.
            requestDeadline.fits(lastAttemptMs)
              ? { retry: true, retryAfterMs: error.options.retryAfterMs }
              : { retry: false },
          { ...this.retryPolicy, budgetMs },
          {
            onRetry: (attempt, delayMs, error) =>
              this.logger.debug(
                `LLM attempt ${attempt} failed (${error instanceof AiUpstreamError ? error.reason : 'unexpected'}); retrying in ${delayMs} ms`,
              ),
          },
        ),
      );
      await this.calls.chargeTokens(completion.tokens);
      this.record(null, Date.now() - started, attempts, completion.tokens);
      return completion;
    } catch (error) {
      const failure =
        error instanceof AiUpstreamError
          ? error
          : new AiUpstreamError(error instanceof CircuitOpenError ? 'circuit_open' : 'unexpected');
      this.record(failure, Date.now() - started, attempts, 0);
      throw failure;
    }
  }

  private async complete(
    sdk: Sdk,
    messages: readonly ChatMessage[],
    format: JsonSchemaFormat,
  ): Promise<HashtagCompletion> {
    // Our own deadline covers the whole attempt, body included (the SDK's stops at the headers),
    // and tells a timeout apart reliably: in some runtimes (e.g. Jest's VM) the SDK cannot
    // recognise its own abort and reports a plain connection error.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), requestDeadline.cap(this.config.timeoutMs));
    const requestSignal = requestDeadline.signal();
    const signal = requestSignal
      ? AbortSignal.any([deadline.signal, requestSignal])
      : deadline.signal;
    try {
      const completion = await sdk.client.chat.completions.create(
        {
          model: this.config.model,
          messages: messages.map((m) => ({ role: m.role, content: m.content })),
          response_format: { type: 'json_schema', json_schema: format },
        },
        { signal },
      );
      // Compatible servers are not always faithful to the types; read defensively.
      const choice = Array.isArray(completion.choices) ? completion.choices[0] : undefined;
      const content = choice?.message?.content;
      const tokens = completion.usage?.total_tokens;
      return {
        content: typeof content === 'string' ? content : '',
        model:
          typeof completion.model === 'string' && completion.model
            ? completion.model
            : this.config.model,
        tokens: typeof tokens === 'number' && Number.isFinite(tokens) ? tokens : 0,
      };
    } catch (error) {
      if (signal.aborted) throw new AiUpstreamError('timeout');
      const mapped = toUpstreamError(sdk.module, error);
      if (mapped.reason === 'unexpected') {
        // The name is enough to diagnose and, unlike a message, cannot carry provider text.
        this.logger.warn(`Unexpected LLM client failure: ${errorName(error)}`);
      }
      throw mapped;
    } finally {
      clearTimeout(timer);
    }
  }

  private record(
    failure: AiUpstreamError | null,
    durationMs: number,
    attempts: number,
    tokens: number,
  ): void {
    this.recorder.record({
      upstream: 'openai',
      endpoint: 'chat.completions',
      outcome: failure?.reason ?? 'ok',
      healthy: failure === null,
      code: null,
      status: failure?.options.status ?? null,
      durationMs,
      attempts,
      units: 0,
      tokens,
    });
  }
}

/** The SDK's module (for its error classes) and the client made from it. */
interface Sdk {
  module: typeof import('openai');
  client: OpenAI;
}

/** Order matters: the timeout class extends the connection class, which extends APIError. */
function toUpstreamError(
  { APIConnectionTimeoutError, APIUserAbortError, APIConnectionError, APIError }: Sdk['module'],
  error: unknown,
): AiUpstreamError {
  if (error instanceof APIConnectionTimeoutError || error instanceof APIUserAbortError) {
    return new AiUpstreamError('timeout');
  }
  if (error instanceof APIConnectionError) {
    return new AiUpstreamError('network', { retryable: true });
  }
  if (!(error instanceof APIError) || typeof error.status !== 'number') {
    return new AiUpstreamError('unexpected');
  }
  const status = error.status;
  const requestId = error.requestID ?? undefined;
  const retryAfterMs = retryAfter(error.headers as unknown);
  const waitable = retryAfterMs === undefined || retryAfterMs <= RETRY_MAX_DELAY_MS;
  if (status === 401 || status === 403) return new AiUpstreamError('auth', { status, requestId });
  if (status === 429) {
    // OpenAI reports an exhausted balance as 429 too; no amount of waiting fixes that.
    const retryable = waitable && error.code !== 'insufficient_quota';
    return new AiUpstreamError('rate_limited', { status, requestId, retryable, retryAfterMs });
  }
  if (status === 408) {
    return new AiUpstreamError('timeout', { status, requestId, retryable: waitable, retryAfterMs });
  }
  if (status >= 500) {
    return new AiUpstreamError('http_5xx', {
      status,
      requestId,
      retryable: waitable,
      retryAfterMs,
    });
  }
  return new AiUpstreamError('bad_request', { status, requestId });
}

interface HeaderReader {
  get(name: string): string | null;
}

function isHeaderReader(value: unknown): value is HeaderReader {
  return (
    typeof value === 'object' && value !== null && typeof Reflect.get(value, 'get') === 'function'
  );
}

function retryAfter(headers: unknown): number | undefined {
  if (!isHeaderReader(headers)) return undefined;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  return parseRetryAfter(headers.get('retry-after') ?? undefined);
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

function sdkLogger(logger: Logger): NonNullable<ClientOptions['logger']> {
  return {
    error: (message: string) => logger.error(message),
    warn: (message: string) => logger.warn(message),
    info: (message: string) => logger.log(message),
    debug: (message: string) => logger.debug(message),
  };
}
