import { Injectable, type ExecutionContext } from '@nestjs/common';
import {
  ThrottlerGuard,
  type ThrottlerGenerateKeyFunction,
  type ThrottlerGetTrackerFunction,
  type ThrottlerLimitDetail,
} from '@nestjs/throttler';
import type { Request } from 'express';
import { RedisThrottlerStorage, type ThrottleStep } from '../cache/redis-throttler.storage';

// The throttler package's metadata keys (`THROTTLER_SKIP` etc.), which its root does not export.
const SKIP = 'THROTTLER:SKIP';
const LIMIT = 'THROTTLER:LIMIT';
const TTL = 'THROTTLER:TTL';
const BLOCK_DURATION = 'THROTTLER:BLOCK_DURATION';
const TRACKER = 'THROTTLER:TRACKER';
const KEY_GENERATOR = 'THROTTLER:KEY_GENERATOR';

type Resolvable = number | string | ((context: ExecutionContext) => unknown) | undefined;

/** A limit, window or block duration as configured (a value or a function of the request). */
async function resolveNumber(
  context: ExecutionContext,
  value: Resolvable,
  option: string,
  throttler: string,
): Promise<number> {
  const resolved: unknown = typeof value === 'function' ? await value(context) : value;
  const number =
    typeof resolved === 'string' && resolved.trim() !== '' ? Number(resolved) : resolved;
  if (typeof number !== 'number' || Number.isNaN(number)) {
    throw new Error(`Invalid "${option}" for the "${throttler}" throttler: ${String(resolved)}`);
  }
  return number;
}

/**
 * The global throttler guard, speaking only the standard headers. Limits run in order, so the
 * stricter `/analyze` limit (registered last) is the one a response of that route describes, and
 * a 429 describes the limit that refused it. All limits of a request are counted in one call to
 * the storage (one Redis round trip); a route no limit applies to costs none.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const storage = this.storageService;
    if (!(storage instanceof RedisThrottlerStorage)) return super.canActivate(context);
    if (await this.shouldSkip(context)) return true;
    const handler = context.getHandler();
    const classRef = context.getClass();
    const targets = [handler, classRef];
    const { req, res } = this.getRequestResponse(context);
    const steps: (ThrottleStep & { tracker: string })[] = [];
    for (const throttler of this.throttlers) {
      const name = throttler.name ?? 'default';
      const skipIf = throttler.skipIf ?? this.commonOptions.skipIf;
      if (this.reflector.getAllAndOverride<boolean>(SKIP + name, targets) || skipIf?.(context)) {
        continue;
      }
      const ignored = throttler.ignoreUserAgents ?? this.commonOptions.ignoreUserAgents;
      const agent = (req as unknown as Request).headers['user-agent'] ?? '';
      if (ignored?.some((pattern) => pattern.test(agent))) continue;
      // A route's or controller's @Throttle/@SkipThrottle metadata wins over the module's.
      const override = <T>(key: string): T | undefined =>
        this.reflector.getAllAndOverride<T | undefined>(key + name, targets);
      const ttl = await resolveNumber(
        context,
        override<Resolvable>(TTL) ?? throttler.ttl,
        'ttl',
        name,
      );
      const limit = await resolveNumber(
        context,
        override<Resolvable>(LIMIT) ?? throttler.limit,
        'limit',
        name,
      );
      const blockDuration = await resolveNumber(
        context,
        override<Resolvable>(BLOCK_DURATION) ?? throttler.blockDuration ?? ttl,
        'blockDuration',
        name,
      );
      const getTracker =
        override<ThrottlerGetTrackerFunction>(TRACKER) ??
        throttler.getTracker ??
        this.commonOptions.getTracker;
      const generateKey =
        override<ThrottlerGenerateKeyFunction>(KEY_GENERATOR) ??
        throttler.generateKey ??
        this.commonOptions.generateKey;
      // Both are always set once the guard has initialised (onModuleInit fills the defaults).
      if (!getTracker || !generateKey) return super.canActivate(context);
      const tracker = await getTracker(req, context);
      const key = generateKey(context, tracker, name);
      steps.push({ key, ttl, limit, blockDuration, throttlerName: name, tracker });
    }
    if (steps.length === 0) return true;
    const records = await storage.incrementAll(steps);
    for (const [i, record] of records.entries()) {
      const { limit, ttl, key, tracker } = steps[i];
      if (record.isBlocked) {
        this.setResponseHeader(res, 'Retry-After', record.timeToBlockExpire);
        await this.throwThrottlingException(context, { limit, ttl, key, tracker, ...record });
      }
      this.setResponseHeader(res, `${this.headerPrefix}-Limit`, limit);
      this.setResponseHeader(
        res,
        `${this.headerPrefix}-Remaining`,
        Math.max(0, limit - record.totalHits),
      );
      this.setResponseHeader(res, `${this.headerPrefix}-Reset`, record.timeToExpire);
    }
    return true;
  }

  protected override setResponseHeader(
    res: Record<string, unknown>,
    name: string,
    value: string | number,
  ): void {
    // The throttler suffixes a named limit's headers (`Retry-After-analyze`); clients read the
    // plain names.
    const named = this.throttlers.find((t) => t.name && name.endsWith(`-${t.name}`));
    const plain = named?.name ? name.slice(0, -named.name.length - 1) : name;
    super.setResponseHeader(res, plain, value);
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const { res } = this.getRequestResponse(context);
    this.setResponseHeader(res, 'X-RateLimit-Limit', detail.limit);
    this.setResponseHeader(res, 'X-RateLimit-Remaining', 0);
    this.setResponseHeader(res, 'X-RateLimit-Reset', detail.timeToBlockExpire);
    return super.throwThrottlingException(context, detail);
  }
}
