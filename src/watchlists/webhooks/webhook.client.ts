import { Inject, Injectable } from '@nestjs/common';
import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { bounded } from '../../common/deadline/bounded';
import { watchlistsConfig, type WatchlistsConfig } from '../../config/configuration';
import { hostOf, isPrivateAddress } from './webhook-address';

/** Why an attempt did not get an HTTP answer. */
export type WebhookFailure = 'refused_address' | 'dns' | 'timeout' | 'network';

export class WebhookAttemptError extends Error {
  constructor(
    readonly failure: WebhookFailure,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookAttemptError';
  }
}

export interface WebhookAnswer {
  status: number;
}

interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * The one way out to webhook receivers. DNS is resolved here and every address checked, then the
 * connection is made to the checked address (a pinned lookup), so a name that changes its answer
 * between the check and the connection (DNS rebinding) cannot reach a private address. Redirects
 * are not followed. The whole attempt, DNS included, has one deadline.
 */
@Injectable()
export class WebhookClient {
  constructor(@Inject(watchlistsConfig.KEY) private readonly config: WatchlistsConfig) {}

  /** Resolves the URL's host; throws `refused_address` when any answer is private. */
  async checkDestination(url: URL, deadlineMs = this.config.webhook.timeoutMs): Promise<void> {
    await this.resolve(url, deadlineMs);
  }

  async post(url: URL, body: string, headers: Record<string, string>): Promise<WebhookAnswer> {
    const started = Date.now();
    const timeoutMs = this.config.webhook.timeoutMs;
    const target = await this.resolve(url, timeoutMs);
    const remaining = Math.max(1, timeoutMs - (Date.now() - started));
    const pinned: LookupFunction = (_host, options, callback) => {
      if ((options as { all?: boolean }).all) {
        (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [target]);
      } else callback(null, target.address, target.family);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<WebhookAnswer>((resolve, reject) => {
      const req = send(
        url,
        {
          method: 'POST',
          lookup: pinned,
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'user-agent': 'TrendXL-Webhooks/1',
          },
          signal: AbortSignal.timeout(remaining),
        },
        (res: IncomingMessage) => {
          // The receiver's body is not needed; drain it so the socket is released.
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
          res.on('error', (error) => reject(toAttemptError(error)));
        },
      );
      req.on('error', (error) => reject(toAttemptError(error)));
      req.end(body);
    });
  }

  private async resolve(url: URL, deadlineMs: number): Promise<ResolvedAddress> {
    const host = hostOf(url);
    const looked = await bounded(lookup(host, { all: true, verbatim: true }), deadlineMs);
    if (!looked.ok && looked.reason === 'timeout') {
      throw new WebhookAttemptError('timeout', 'DNS lookup timed out');
    }
    const answers: ResolvedAddress[] = looked.ok
      ? looked.value.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }))
      : [];
    if (answers.length === 0) {
      throw new WebhookAttemptError('dns', `the webhook host ${host} does not resolve`);
    }
    if (!this.config.webhook.allowPrivate && answers.some((a) => isPrivateAddress(a.address))) {
      throw new WebhookAttemptError(
        'refused_address',
        `the webhook host ${host} resolves to a loopback, private, link-local or metadata address`,
      );
    }
    return answers[0];
  }
}

function toAttemptError(error: Error): WebhookAttemptError {
  if (error.name === 'AbortError' || error.name === 'TimeoutError') {
    return new WebhookAttemptError('timeout', 'the webhook receiver did not answer in time');
  }
  const code = (error as NodeJS.ErrnoException).code;
  return new WebhookAttemptError('network', `network error${code ? ` (${code})` : ''}`);
}
