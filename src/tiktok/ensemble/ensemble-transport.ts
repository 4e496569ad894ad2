import type { EnsemblePath } from './ensemble.types';

/**
 * How the Ensemble client reaches Ensemble: over HTTP (live) or from the bundled demo dataset.
 * Both answer the same paths with the same raw JSON, so everything above the transport —
 * status mapping, unit accounting, parsing — runs identically in demo and live mode.
 */
export interface EnsembleTransportResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  /** The raw body text; parsing (and rejecting malformed JSON) is the client's job. */
  body: string;
}

export interface EnsembleTransport {
  readonly kind: 'http' | 'demo';
  /**
   * GET <base><path>?<params>. `params` never includes the token: the HTTP transport adds it.
   * Rejects only on network failures and timeouts (see EnsembleTransportError).
   */
  get(
    path: EnsemblePath,
    params: Record<string, string>,
    limits?: EnsembleCallLimits,
  ): Promise<EnsembleTransportResponse>;
}

/** What bounds one exchange beyond the configured timeout: the request's own deadline. */
export interface EnsembleCallLimits {
  /** Aborts the exchange (the request's deadline passed). */
  signal?: AbortSignal;
  /** This attempt's timeout, when the deadline leaves less than ENSEMBLE_TIMEOUT_MS. */
  timeoutMs?: number;
}

export const ENSEMBLE_TRANSPORT = Symbol('ENSEMBLE_TRANSPORT');

export class EnsembleTransportError extends Error {
  constructor(
    readonly reason: 'timeout' | 'network',
    message: string,
  ) {
    super(message);
    this.name = 'EnsembleTransportError';
  }
}
