import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import axios, { AxiosHeaders, type AxiosInstance, type AxiosResponse } from 'axios';
import { ensembleConfig, type EnsembleConfig } from '../../config/configuration';
import {
  EnsembleTransportError,
  type EnsembleCallLimits,
  type EnsembleTransport,
  type EnsembleTransportResponse,
} from './ensemble-transport';
import type { EnsemblePath } from './ensemble.types';

/** Bodies of deep user-post pages run to megabytes; anything far beyond is not a real answer. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * Live transport: one GET per call over pooled keep-alive sockets. Every HTTP status is
 * returned as-is (the client interprets them); only network failures and timeouts reject,
 * with messages that name the path but never the URL, host or token.
 */
@Injectable()
export class EnsembleHttpTransport implements EnsembleTransport, OnModuleDestroy {
  readonly kind = 'http' as const;

  private readonly token: string;
  private readonly timeoutMs: number;
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64 });
  private readonly http: AxiosInstance;

  constructor(@Inject(ensembleConfig.KEY) config: EnsembleConfig) {
    if (!config.token) {
      throw new Error('EnsembleHttpTransport needs ENSEMBLE_API_TOKEN (without it, use demo mode)');
    }
    this.token = config.token;
    this.timeoutMs = config.timeoutMs;
    this.http = axios.create({
      baseURL: config.baseUrl,
      timeout: config.timeoutMs,
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      responseType: 'text',
      responseEncoding: 'utf8',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      // A redirect is not an Ensemble answer, and following it would re-send the token elsewhere.
      maxRedirects: 0,
      maxContentLength: MAX_BODY_BYTES,
      // Proxies from the environment would see the token in the query string.
      proxy: false,
      headers: { Accept: 'application/json' },
    });
  }

  async get(
    path: EnsemblePath,
    params: Record<string, string>,
    limits: EnsembleCallLimits = {},
  ): Promise<EnsembleTransportResponse> {
    /*
     * axios' own timeout is an inactivity timer; a server trickling bytes would never trip it.
     * The abort deadline bounds the whole exchange, and the request's deadline can cut it
     * shorter still.
     */
    const timeoutMs = Math.min(this.timeoutMs, limits.timeoutMs ?? this.timeoutMs);
    const controller = new AbortController();
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const signal = limits.signal
      ? AbortSignal.any([controller.signal, limits.signal])
      : controller.signal;
    try {
      const res = await this.http.get<unknown>(path, {
        params: { ...params, token: this.token },
        signal,
      });
      return { status: res.status, headers: lowerCaseHeaders(res), body: bodyText(res.data) };
    } catch (error) {
      throw toTransportError(error, path, timedOut || signal.aborted, timeoutMs);
    } finally {
      clearTimeout(deadline);
    }
  }

  onModuleDestroy(): void {
    this.close();
  }

  /** Drops pooled sockets so the process (or a test) can exit promptly. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

function bodyText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return '';
}

function lowerCaseHeaders(res: AxiosResponse): Record<string, string | undefined> {
  const raw: Record<string, unknown> =
    res.headers instanceof AxiosHeaders ? res.headers.toJSON() : res.headers;
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value === 'string') out[name.toLowerCase()] = value;
    else if (typeof value === 'number') out[name.toLowerCase()] = String(value);
    else if (Array.isArray(value)) out[name.toLowerCase()] = value.map(String).join(', ');
  }
  return out;
}

/**
 * Deliberately drops the original error: an AxiosError carries the request config, and with
 * it the full URL including the token.
 */
function toTransportError(
  error: unknown,
  path: string,
  timedOut: boolean,
  timeoutMs: number,
): EnsembleTransportError {
  const code = axios.isAxiosError(error) ? error.code : undefined;
  if (timedOut || code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
    return new EnsembleTransportError(
      'timeout',
      `Ensemble ${path} timed out after ${timeoutMs} ms`,
    );
  }
  const safeCode = typeof code === 'string' && /^[A-Z_]+$/.test(code) ? code : 'network error';
  return new EnsembleTransportError('network', `Ensemble ${path} request failed (${safeCode})`);
}
