/**
 * The watchlists endpoints of issue 13 as the issue documents them, for the typed client until
 * the service's own OpenAPI document (client/schema.d.ts) has them. The console degrades on their
 * 404/503 answers; delete this file once they are generated.
 */
import type { components } from '../../client/schema';

type Envelope = components['schemas']['ErrorEnvelopeDto'];
type Json<T> = { content: { 'application/json': T } };
type Errors = { default: Json<Envelope> };
type Op<Params, Ok, Body = never> = {
  parameters: Params;
  requestBody?: [Body] extends [never] ? never : Json<Body>;
  responses: { 200: Json<Ok>; 201: Json<Ok>; 202: Json<Ok> } & Errors;
};
type Path<Ops> = {
  parameters: { query?: never; header?: never; path?: never; cookie?: never };
} & Ops;

export interface Watchlist {
  id: string;
  name: string;
  creators: string[];
  interval_minutes: number;
  webhook_url?: string | null;
  min_score?: number;
  notify?: 'new' | 'always';
  webhook_secret?: string;
}

export interface WatchlistInput {
  name: string;
  creators: string[];
  interval_minutes?: number;
  webhook_url?: string;
  min_score?: number;
  notify?: 'new' | 'always';
}

export interface WatchlistRun {
  id?: string;
  run_id?: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  started_at?: string | null;
  finished_at?: string | null;
  creators?: {
    username: string;
    analysis_id?: string | null;
    new_trends?: number;
    error?: string | null;
  }[];
}

export interface WatchlistDelivery {
  id?: string;
  run_id?: string;
  attempt?: number;
  at?: string;
  attempted_at?: string;
  status?: number | null;
  error?: string | null;
  duration_ms?: number;
}

export interface PendingPaths {
  '/api/v1/watchlists': Path<{
    get: Op<{ query?: never }, { watchlists: Watchlist[] } | Watchlist[]>;
    post: Op<{ query?: never }, Watchlist, WatchlistInput>;
  }>;
  '/api/v1/watchlists/{id}/run': Path<{
    post: Op<{ path: { id: string } }, { run_id: string }>;
  }>;
  '/api/v1/watchlists/{id}/runs': Path<{
    get: Op<
      { path: { id: string }; query?: { limit?: number; cursor?: string } },
      { runs: WatchlistRun[] } | WatchlistRun[]
    >;
  }>;
  '/api/v1/watchlists/{id}/deliveries': Path<{
    get: Op<{ path: { id: string } }, { deliveries: WatchlistDelivery[] } | WatchlistDelivery[]>;
  }>;
}
