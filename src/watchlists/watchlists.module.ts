import { Module } from '@nestjs/common';
import { DatabaseModule } from '../history/database/database.module';
import { TrendsModule } from '../trends/trends.module';
import { QueueConnections } from './queue-connections';
import { WatchlistRunner } from './watchlist-runner';
import { WatchlistStats } from './watchlist-stats';
import { WatchlistQueue } from './watchlist.queue';
import { WatchlistStore } from './watchlist.store';
import { WatchlistWorkers } from './watchlist.workers';
import { WatchlistsAvailableGuard } from './watchlists-available.guard';
import { WatchlistsController } from './watchlists.controller';
import { WatchlistsService } from './watchlists.service';
import { WebhookClient } from './webhooks/webhook.client';
import { WebhookDeliverer } from './webhooks/webhook-deliverer';

/**
 * Watchlists: the API, BullMQ scheduling and workers (the only BullMQ user), and signed webhook
 * delivery (the only webhook sender). Analyses go through the Trends service.
 */
@Module({
  imports: [DatabaseModule, TrendsModule],
  controllers: [WatchlistsController],
  providers: [
    WatchlistsService,
    WatchlistStore,
    QueueConnections,
    WatchlistQueue,
    WatchlistRunner,
    WatchlistWorkers,
    WebhookClient,
    WebhookDeliverer,
    WatchlistsAvailableGuard,
    WatchlistStats,
  ],
  exports: [WatchlistWorkers, WatchlistStats],
})
export class WatchlistsModule {}
