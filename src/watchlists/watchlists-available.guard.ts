import { type CanActivate, Inject, Injectable } from '@nestjs/common';
import { watchlistsConfig, type WatchlistsConfig } from '../config/configuration';
import { watchlistsNeedRedis } from './watchlist-errors';

/** Watchlists run on BullMQ, which needs Redis: without REDIS_URL every route says so (503). */
@Injectable()
export class WatchlistsAvailableGuard implements CanActivate {
  constructor(@Inject(watchlistsConfig.KEY) private readonly config: WatchlistsConfig) {}

  canActivate(): boolean {
    if (this.config.enabled) return true;
    throw watchlistsNeedRedis();
  }
}
