export type AiFailureReason =
  | 'timeout'
  | 'rate_limited'
  | 'http_5xx'
  | 'auth'
  | 'network'
  | 'bad_request'
  | 'unexpected'
  /** Not called: the LLM's circuit breaker is open after repeated failures. */
  | 'circuit_open';

/**
 * A failed LLM call, reduced to a category. Deliberately carries no SDK error, body or headers:
 * the message is built here from the category and status only, so it cannot leak the API key or
 * provider text into logs or responses.
 */
export class AiUpstreamError extends Error {
  constructor(
    readonly reason: AiFailureReason,
    readonly options: {
      status?: number;
      requestId?: string;
      retryable?: boolean;
      retryAfterMs?: number;
    } = {},
  ) {
    super(
      `LLM request failed: ${reason}${options.status === undefined ? '' : ` (HTTP ${options.status})`}`,
    );
    this.name = 'AiUpstreamError';
  }

  get status(): number | undefined {
    return this.options.status;
  }

  get retryable(): boolean {
    return this.options.retryable ?? false;
  }
}
