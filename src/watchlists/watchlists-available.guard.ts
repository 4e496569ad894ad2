import { type CanActivate, Inject, Injectable } from '@nestjs/common';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code.enum';
import { watchlistsConfig, type WatchlistsConfig } from '../config/configuration';

/** Watchlists run on BullMQ, which needs Redis: without REDIS_URL every route says so (503). */
@Injectable()
export class WatchlistsAvailableGuard implements CanActivate {
  constructor(@Inject(watchlistsConfig.KEY) private readonly config: WatchlistsConfig) {}

  canActivate(): boolean {
    if (this.config.enabled) return true;
    throw new DomainException(
      ErrorCode.FEATURE_UNAVAILABLE,
      'Watchlists need Redis: set REDIS_URL (a single Redis, not a cluster) to enable them',
    );
  }
}
