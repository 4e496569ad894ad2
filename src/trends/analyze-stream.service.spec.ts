import type { MessageEvent } from '@nestjs/common';
import type { TiktokService } from '../tiktok/tiktok.service';
import { AnalysisProgressHub } from './analysis-progress.hub';
import type { AnalyzeStreamQueryDto } from './dto/analyze-stream.dto';
import type { AnalyzeResponseDto } from './dto/analyze.response.dto';
import type { AnalyzeEndpointService } from './analyze-endpoint.service';
import { HEARTBEAT_MS, RETRY_MS, AnalyzeStreamService } from './analyze-stream.service';

const QUERY = { profile_url: 'chef', limit: 20 } as AnalyzeStreamQueryDto;

function setup() {
  let answer!: (body: AnalyzeResponseDto) => void;
  const pending = new Promise<AnalyzeResponseDto>((resolve) => (answer = resolve));
  const trends = {
    analysisKey: () => 'analysis:chef',
    analyze: () => pending,
  } as unknown as AnalyzeEndpointService;
  const hub = new AnalysisProgressHub();
  const service = new AnalyzeStreamService(trends, hub, { source: 'demo' } as TiktokService);
  const messages: MessageEvent[] = [];
  let completed = false;
  const subscription = service.stream(QUERY).subscribe({
    next: (m) => messages.push(m),
    complete: () => (completed = true),
  });
  return { answer, hub, messages, subscription, isComplete: () => completed };
}

describe('AnalyzeStreamService', () => {
  afterEach(() => jest.useRealTimers());

  it('opens with a retry hint and sends a heartbeat comment every 15 s until the result', async () => {
    jest.useFakeTimers();
    const { answer, messages, isComplete } = setup();
    expect(messages[0]).toMatchObject({ retry: RETRY_MS });

    jest.advanceTimersByTime(HEARTBEAT_MS - 1);
    expect(messages.filter((m) => m.comment === 'heartbeat')).toHaveLength(0);
    jest.advanceTimersByTime(1);
    expect(messages.filter((m) => m.comment === 'heartbeat')).toHaveLength(1);
    jest.advanceTimersByTime(HEARTBEAT_MS);
    expect(messages.filter((m) => m.comment === 'heartbeat')).toHaveLength(2);

    answer({ hashtags: [] } as unknown as AnalyzeResponseDto);
    await Promise.resolve();
    await Promise.resolve();
    expect(messages.at(-1)).toEqual({ type: 'result', data: { hashtags: [] } });
    expect(isComplete()).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('relays the run steps under the analysis key, as events named after them', async () => {
    const { answer, hub, messages } = setup();
    let report!: (n: number) => void;
    const run = hub.track('analysis:chef', async (progress) => {
      report = (count) => progress({ type: 'posts', count });
      return new Promise<void>((resolve) => setTimeout(resolve, 0));
    });
    report(12);
    expect(messages.at(-1)).toEqual({ type: 'posts', data: { count: 12 } });
    await run;
    answer({} as AnalyzeResponseDto);
    await Promise.resolve();
    await Promise.resolve();
    expect(messages.map((m) => m.type)).toEqual([undefined, 'posts', 'result']);
  });

  it('stops the heartbeat when the client leaves', () => {
    jest.useFakeTimers();
    const { subscription } = setup();
    subscription.unsubscribe();
    expect(jest.getTimerCount()).toBe(0);
  });
});
