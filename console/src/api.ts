import createClient from 'openapi-fetch';
import type { AnalyzeStreamEvents, ErrorEnvelope, paths } from '../../client';

/** The typed client over the page's own origin (the console never talks to anything else). */
export const api = createClient<paths>({ baseUrl: '' });

const KEY_STORAGE = 'trendxl.clientKey';

/** Where the server has CLIENT_API_KEYS, every /api/v1 call carries the key the user entered. */
export const clientKey = {
  get: (): string => sessionStorage.getItem(KEY_STORAGE) ?? '',
  set: (key: string): void => {
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  },
};

api.use({
  onRequest({ request }) {
    const key = clientKey.get();
    if (key) request.headers.set('X-API-Key', key);
    return request;
  },
});

/** An API answer that is not a success, in the API's own words. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  /** 404 (the route does not exist here) or 503: the feature is not available on this server. */
  get unavailable(): boolean {
    return this.status === 503 || (this.status === 404 && this.message === 'Route not found');
  }
}

function isEnvelope(value: unknown): value is ErrorEnvelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorEnvelope).error === 'string' &&
    typeof (value as ErrorEnvelope).code === 'string'
  );
}

export function problemOf(response: Response | undefined, error: unknown): ApiProblem {
  const status = response?.status ?? 0;
  const retry = Number(response?.headers.get('Retry-After') ?? NaN);
  const retryAfter = Number.isFinite(retry) && retry >= 0 ? retry : undefined;
  if (isEnvelope(error)) return new ApiProblem(status, error.code, error.error, retryAfter);
  return new ApiProblem(status, 'HTTP_ERROR', `The service answered ${status}`, retryAfter);
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

/** A typed call's answer when it succeeded, or an ApiProblem thrown with the API's message. */
async function succeeded<T>(call: Promise<Answer<T>>): Promise<Answer<T>> {
  let result: Answer<T>;
  try {
    result = await call;
  } catch {
    throw new ApiProblem(0, 'NETWORK_ERROR', 'The service could not be reached');
  }
  if (!result.response.ok) throw problemOf(result.response, result.error);
  return result;
}

/** The data of a typed call, or an ApiProblem thrown with the API's message. */
export async function data<T>(call: Promise<Answer<T>>): Promise<T> {
  const result = await succeeded(call);
  if (result.data === undefined) throw problemOf(result.response, result.error);
  return result.data;
}

/** Waits for a typed call that answers no content (204), or throws its ApiProblem. */
export async function done(call: Promise<Answer<unknown>>): Promise<void> {
  await succeeded(call);
}

export function asProblem(error: unknown): ApiProblem {
  return error instanceof ApiProblem
    ? error
    : new ApiProblem(0, 'CLIENT_ERROR', error instanceof Error ? error.message : String(error));
}

export type StreamEvent = {
  [K in keyof AnalyzeStreamEvents]: { type: K; data: AnalyzeStreamEvents[K] };
}[keyof AnalyzeStreamEvents];
