import { SetMetadata } from '@nestjs/common';

export const ANALYZE_DEADLINE = 'trendxl:analyze-deadline';

/** The route gets ANALYZE_TIMEOUT_MS instead of REQUEST_TIMEOUT_MS. */
export const AnalyzeDeadline = () => SetMetadata(ANALYZE_DEADLINE, true);
