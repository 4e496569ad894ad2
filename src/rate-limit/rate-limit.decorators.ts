import { applyDecorators, SetMetadata } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';

export const DEFAULT_THROTTLER = 'default';
export const ANALYZE_THROTTLER = 'analyze';
export const ANALYZE_LIMITED = 'trendxl:analyze-limited';

/** Marks a route for the stricter analysis limit (ANALYZE_REQUESTS_PER_MINUTE) on top of the default. */
export const AnalyzeRateLimit = () => SetMetadata(ANALYZE_LIMITED, true);

/** Operational routes (health, metrics) are never rate limited. */
export const NoRateLimit = () =>
  applyDecorators(SkipThrottle({ [DEFAULT_THROTTLER]: true, [ANALYZE_THROTTLER]: true }));
