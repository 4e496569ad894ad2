import { createParser } from 'eventsource-parser';
import type { AnalyzeStreamEvents, AnalyzeStreamQuery } from '../../client';
import { api, ApiProblem, problemOf, type StreamEvent } from './api';

const EVENTS: ReadonlySet<string> = new Set<keyof AnalyzeStreamEvents>([
  'profile',
  'posts',
  'hashtags',
  'search',
  'result',
  'error',
]);

function isStreamEvent(name: string | undefined): name is keyof AnalyzeStreamEvents {
  return name !== undefined && EVENTS.has(name);
}

/**
 * GET /api/v1/analyze/stream through the typed client (fetch, so a 400 or 429 answer keeps its
 * body and Retry-After, which EventSource would hide), parsed by a maintained SSE parser.
 */
export async function streamAnalysis(
  query: AnalyzeStreamQuery,
  onEvent: (event: StreamEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  let result;
  try {
    result = await api.GET('/api/v1/analyze/stream', {
      params: { query },
      parseAs: 'stream',
      headers: { accept: 'text/event-stream' },
      signal,
    });
  } catch {
    throw new ApiProblem(0, 'NETWORK_ERROR', 'The service could not be reached');
  }
  const body = result.data;
  if (!result.response.ok || !body) throw problemOf(result.response, result.error);
  const parser = createParser({
    onEvent: (message) => {
      if (!isStreamEvent(message.event)) return;
      // The service documents each event's data (client/schema.d.ts); it is trusted as such.
      const data: unknown = JSON.parse(message.data);
      onEvent({ type: message.event, data } as StreamEvent);
    },
  });
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    parser.feed(value);
  }
}
