import { RequestContext, RequestStats } from '../context/request-context';
import type { UpstreamCall } from './upstream-call.event';
import { UpstreamCallRecorder } from './upstream-call.recorder';

const call = (overrides: Partial<UpstreamCall> = {}): UpstreamCall => ({
  upstream: 'ensemble',
  endpoint: '/tt/user/info',
  outcome: 'ok',
  healthy: true,
  code: null,
  status: 200,
  durationMs: 12,
  attempts: 2,
  units: 3,
  tokens: 0,
  ...overrides,
});

describe('UpstreamCallRecorder', () => {
  it('keeps the last call per upstream, stamped with an ISO time', () => {
    const recorder = new UpstreamCallRecorder();
    expect(recorder.lastCall('ensemble')).toBeNull();
    recorder.record(call());
    recorder.record(call({ outcome: 'http_495', healthy: false, code: 'UPSTREAM_QUOTA_EXCEEDED' }));
    recorder.record(call({ upstream: 'openai', endpoint: 'chat.completions', tokens: 9 }));
    expect(recorder.lastCall('ensemble')).toMatchObject({ outcome: 'http_495', healthy: false });
    expect(recorder.lastCall('openai')).toMatchObject({ tokens: 9, healthy: true });
    const at = recorder.lastCall('openai')!.at;
    expect(new Date(at).toISOString()).toBe(at);
  });

  it("adds each call to the request's accounting (attempts count as Ensemble calls)", () => {
    const recorder = new UpstreamCallRecorder();
    const stats = new RequestStats();
    RequestContext.run(() => {
      recorder.record(call());
      recorder.record(call({ upstream: 'openai', attempts: 1, units: 0, tokens: 40 }));
    }, stats);
    expect(stats).toMatchObject({ ensembleCalls: 2, unitsCharged: 3, llmTokens: 40 });
  });

  it('tells every subscriber, and a throwing one stops neither the others nor the caller', () => {
    const recorder = new UpstreamCallRecorder();
    const seen: string[] = [];
    recorder.subscribe(() => {
      throw new Error('broken metrics');
    });
    recorder.subscribe((e) => seen.push(`${e.upstream}:${e.outcome}`));
    expect(() => recorder.record(call({ outcome: 'error', status: null }))).not.toThrow();
    expect(seen).toEqual(['ensemble:error']);
  });
});
