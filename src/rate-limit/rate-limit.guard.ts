import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';

/**
 * The global throttler guard, speaking only the standard headers. Limits run in order, so the
 * stricter `/analyze` limit (registered last) is the one a response of that route describes, and
 * a 429 describes the limit that refused it.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
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
