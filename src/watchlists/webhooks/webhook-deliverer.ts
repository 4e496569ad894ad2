import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { RUN_COMPLETED_EVENT } from '../webhook-payload';
import type { DeliveryJobData } from '../watchlist-jobs';
import { WatchlistStats } from '../watchlist-stats';
import { WatchlistStore } from '../watchlist.store';
import { parseWebhookUrl } from './webhook-address';
import { WebhookAttemptError, WebhookClient } from './webhook.client';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook } from './webhook-signature';

/**
 * One attempt of a webhook delivery job: signs the stored body afresh (a new timestamp each
 * time, the same delivery id), posts it, records the attempt, and throws on anything but a 2xx
 * so BullMQ retries with the webhook backoff until WEBHOOK_MAX_ATTEMPTS.
 */
@Injectable()
export class WebhookDeliverer {
  private readonly logger = new Logger('WebhookDeliverer');

  constructor(
    private readonly store: WatchlistStore,
    private readonly client: WebhookClient,
    private readonly stats: WatchlistStats,
  ) {}

  async process(job: Job<DeliveryJobData>): Promise<void> {
    const { deliveryId, runId, watchlistId, body } = job.data;
    const watchlist = await this.store.find(watchlistId);
    // Deleted, or its webhook removed, since the run: nothing to deliver to.
    if (!watchlist?.webhookUrl) return;
    const url = parseWebhookUrl(watchlist.webhookUrl);
    if (typeof url === 'string') throw new UnrecoverableError('stored webhook URL is invalid');
    const attempt = Math.max(1, job.attemptsStarted);
    const started = Date.now();
    let statusCode: number | null = null;
    let failure: Error | null = null;
    try {
      const answer = await this.client.post(url, body, {
        [SIGNATURE_HEADER]: signWebhook(watchlist.webhookSecret, body, started),
        [EVENT_HEADER]: RUN_COMPLETED_EVENT,
        [DELIVERY_HEADER]: deliveryId,
      });
      statusCode = answer.status;
      if (statusCode < 200 || statusCode >= 300) failure = new Error(`HTTP ${statusCode}`);
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
    // A lost log entry must not turn a delivered webhook into a retry: logged and counted instead.
    await this.store
      .recordAttempt({
        deliveryId,
        attempt,
        runId,
        watchlistId,
        attemptedAt: new Date(started),
        statusCode,
        error: failure && statusCode === null ? failure.message : null,
        durationMs: Date.now() - started,
      })
      .catch((error: unknown) => {
        this.stats.writeFailed();
        this.logger.error(
          { err: error instanceof Error ? error.message : String(error), delivery_id: deliveryId },
          'could not record a webhook attempt',
        );
      });
    this.stats.webhookAttempt(failure ? 'failed' : 'delivered');
    if (!failure) return;
    this.logger.warn(
      { watchlist_id: watchlistId, delivery_id: deliveryId, attempt, status: statusCode },
      'webhook attempt failed',
    );
    if (failure instanceof WebhookAttemptError && failure.failure === 'refused_address') {
      throw new UnrecoverableError(failure.message);
    }
    throw failure;
  }
}
