/**
 * The typed TrendXL client for frontends: the types are generated from the service's OpenAPI
 * document (schema.d.ts, `npm run generate:client`) and calls go through openapi-fetch, so a
 * path, a parameter or a field the service does not document is a compile error.
 */
import createClient, { type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './schema';

export type { components, operations, paths };
export type Schemas = components['schemas'];

export type AnalyzeResponse = Schemas['AnalyzeResponseDto'];
export type Trend = Schemas['TrendDto'];
export type ErrorEnvelope = Schemas['ErrorEnvelopeDto'];
export type HealthReport = Schemas['HealthReportDto'];
export type AnalyzeStreamQuery = operations['TrendsController_stream']['parameters']['query'];

/** The data of each event of GET /api/v1/analyze/stream, by event name. */
export interface AnalyzeStreamEvents {
  profile: Schemas['ProfileResponseDto'];
  posts: Schemas['AnalysisPostsEventDto'];
  hashtags: Schemas['AnalysisHashtagsEventDto'];
  search: Schemas['AnalysisSearchEventDto'];
  result: AnalyzeResponse;
  error: ErrorEnvelope;
}

export type TrendxlClient = ReturnType<typeof createClient<paths>>;

/** A client for the service at `baseUrl` (the page's own origin when empty). */
export function createTrendxlClient(baseUrl = '', options: ClientOptions = {}): TrendxlClient {
  return createClient<paths>({ baseUrl, ...options });
}
