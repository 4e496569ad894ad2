export type Upstream = 'ensemble' | 'openai';

/** One logical call to an upstream (all its attempts), reported the same way by every client. */
export interface UpstreamCall {
  upstream: Upstream;
  endpoint: string;
  /** 'ok', or how it failed: `http_<status>`, 'error' (no answer) or a failure reason. */
  outcome: string;
  /** False only when the provider itself failed; "user not found" is a healthy answer. */
  healthy: boolean;
  /** The domain error code the call ended with; null when it succeeded. */
  code: string | null;
  /** HTTP status of the last attempt; null when none answered or the client cannot tell. */
  status: number | null;
  durationMs: number;
  /** HTTP attempts, retries included. */
  attempts: number;
  units: number;
  tokens: number;
}

export interface UpstreamCallEvent extends UpstreamCall {
  /** When the call finished (ISO 8601). */
  at: string;
}
