import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DomainException } from '../common/errors/domain.exception';
import { invalid } from '../common/validation/validation.pipe';
import { watchlistsConfig, type WatchlistsConfig } from '../config/configuration';
import type {
  CreateWatchlistDto,
  ListDeliveriesQueryDto,
  ListRunsQueryDto,
  UpdateWatchlistDto,
} from './dto/watchlist.request.dto';
import type {
  CreatedWatchlistDto,
  DeliveryListDto,
  RunAcceptedDto,
  RunListDto,
  WatchlistDto,
  WatchlistListDto,
} from './dto/watchlist.response.dto';
import {
  decodeRunsCursor,
  encodeRunsCursor,
  toCreatedWatchlistDto,
  toDeliveryDto,
  toRunDto,
  toWatchlistDto,
  UUID,
} from './watchlist-response.mapper';
import { watchlistNotFound } from './watchlist-errors';
import type { Watchlist, WatchlistChanges } from './watchlist.models';
import { WatchlistQueue } from './watchlist.queue';
import { WatchlistStore } from './watchlist.store';
import { parseWebhookUrl } from './webhooks/webhook-address';
import { WebhookAttemptError, WebhookClient } from './webhooks/webhook.client';
import { newWebhookSecret } from './webhooks/webhook-signature';

const URL_PROBLEMS = {
  invalid: 'webhook_url must be a valid URL',
  scheme: 'webhook_url must be an http or https URL',
  credentials: 'webhook_url must not contain a user name or password',
} as const;

/** The watchlist API: stored in the history database, scheduled on the queue. */
@Injectable()
export class WatchlistsService {
  private readonly logger = new Logger('Watchlists');

  constructor(
    private readonly store: WatchlistStore,
    private readonly queue: WatchlistQueue,
    private readonly webhooks: WebhookClient,
    @Inject(watchlistsConfig.KEY) private readonly config: WatchlistsConfig,
  ) {}

  async create(dto: CreateWatchlistDto, owner: string | null): Promise<CreatedWatchlistDto> {
    this.checkInterval(dto.interval_minutes);
    if (dto.webhook_url !== undefined) await this.checkWebhook(dto.webhook_url);
    const now = new Date();
    const watchlist: Watchlist = {
      id: randomUUID(),
      owner,
      name: dto.name,
      creators: dto.creators,
      intervalMinutes: dto.interval_minutes,
      webhookUrl: dto.webhook_url ?? null,
      webhookSecret: newWebhookSecret(),
      minScore: dto.min_score,
      notify: dto.notify,
      createdAt: now,
      updatedAt: now,
    };
    await this.store.insert(watchlist);
    try {
      await this.queue.schedule(watchlist.id, watchlist.intervalMinutes);
    } catch (error) {
      // No schedule, no watchlist: the client may simply try again.
      await this.store
        .delete(watchlist.id, owner)
        .catch((cleanup: unknown) =>
          this.logger.error(
            { err: String(cleanup), watchlist_id: watchlist.id },
            'could not remove an unscheduled watchlist',
          ),
        );
      throw error;
    }
    return toCreatedWatchlistDto(watchlist);
  }

  async list(owner: string | null): Promise<WatchlistListDto> {
    return { watchlists: (await this.store.list(owner)).map(toWatchlistDto) };
  }

  async get(id: string, owner: string | null): Promise<WatchlistDto> {
    return toWatchlistDto(await this.require(id, owner));
  }

  async update(id: string, owner: string | null, dto: UpdateWatchlistDto): Promise<WatchlistDto> {
    const current = await this.require(id, owner);
    if (dto.interval_minutes !== undefined) this.checkInterval(dto.interval_minutes);
    if (typeof dto.webhook_url === 'string') await this.checkWebhook(dto.webhook_url);
    const changes: WatchlistChanges = {
      name: dto.name,
      creators: dto.creators,
      intervalMinutes: dto.interval_minutes,
      webhookUrl: dto.webhook_url,
      minScore: dto.min_score,
      notify: dto.notify,
    };
    const defined = Object.fromEntries(
      Object.entries(changes).filter(([, v]) => v !== undefined),
    ) as WatchlistChanges;
    const updated = await this.store.update(id, owner, defined, new Date());
    if (!updated) throw watchlistNotFound();
    if (updated.intervalMinutes !== current.intervalMinutes) {
      await this.queue.schedule(updated.id, updated.intervalMinutes, Date.now());
    }
    return toWatchlistDto(updated);
  }

  /** The schedule goes first, so no new run is queued once the answer is sent. */
  async remove(id: string, owner: string | null): Promise<void> {
    await this.require(id, owner);
    await this.queue.unschedule(id);
    if (!(await this.store.delete(id, owner))) throw watchlistNotFound();
  }

  async runNow(id: string, owner: string | null): Promise<RunAcceptedDto> {
    await this.require(id, owner);
    const runId = randomUUID();
    await this.store.ensureRun({
      id: runId,
      watchlistId: id,
      trigger: 'manual',
      queuedAt: new Date(),
    });
    await this.queue.enqueueRun(id, runId);
    return { run_id: runId };
  }

  async runs(id: string, owner: string | null, query: ListRunsQueryDto): Promise<RunListDto> {
    await this.require(id, owner);
    const cursor = query.cursor === undefined ? null : decodeRunsCursor(query.cursor);
    if (query.cursor !== undefined && cursor === null) {
      throw invalidField('cursor', 'cursor must be a cursor returned by a previous call');
    }
    const page = await this.store.listRuns(id, query.limit + 1, cursor);
    const runs = page.slice(0, query.limit);
    return {
      runs: runs.map(toRunDto),
      next_cursor: page.length > query.limit ? encodeRunsCursor(runs[runs.length - 1]) : null,
    };
  }

  async deliveries(
    id: string,
    owner: string | null,
    query: ListDeliveriesQueryDto,
  ): Promise<DeliveryListDto> {
    await this.require(id, owner);
    return { deliveries: (await this.store.listDeliveries(id, query.limit)).map(toDeliveryDto) };
  }

  private async require(id: string, owner: string | null): Promise<Watchlist> {
    const watchlist = UUID.test(id) ? await this.store.find(id, owner) : null;
    if (!watchlist) throw watchlistNotFound();
    return watchlist;
  }

  private checkInterval(minutes: number): void {
    const { minIntervalMinutes: min, maxIntervalMinutes: max } = this.config;
    if (minutes < min || minutes > max) {
      throw invalidField('interval_minutes', `interval_minutes must be between ${min} and ${max}`);
    }
  }

  /** http(s) only, and refused when the host resolves to a private address (see WebhookClient). */
  private async checkWebhook(raw: string): Promise<void> {
    const url = parseWebhookUrl(raw);
    if (typeof url === 'string') throw invalidField('webhook_url', URL_PROBLEMS[url]);
    try {
      await this.webhooks.checkDestination(url);
    } catch (error) {
      if (error instanceof WebhookAttemptError) {
        throw invalidField(
          'webhook_url',
          error.failure === 'refused_address'
            ? 'webhook_url must not resolve to a loopback, private, link-local or metadata address'
            : 'webhook_url host does not resolve',
        );
      }
      throw error;
    }
  }
}

function invalidField(field: string, message: string): DomainException {
  return invalid({ [field]: [message] });
}
