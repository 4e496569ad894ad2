import { scheduledRunId } from './watchlist-jobs';
import { decodeRunsCursor, encodeRunsCursor, UUID } from './watchlist-response.mapper';

describe('scheduledRunId', () => {
  it('is a UUID, the same for the same job and different for another', () => {
    const id = scheduledRunId('repeat:w1:1796220960000');
    expect(id).toMatch(UUID);
    expect(scheduledRunId('repeat:w1:1796220960000')).toBe(id);
    expect(scheduledRunId('repeat:w1:1796221020000')).not.toBe(id);
  });
});

describe('runs cursor', () => {
  it('round-trips and refuses anything else', () => {
    const run = { queuedAt: new Date('2026-12-02T12:00:00.123Z'), id: scheduledRunId('x') };
    expect(decodeRunsCursor(encodeRunsCursor(run))).toEqual(run);
    expect(decodeRunsCursor('bm90LWEtY3Vyc29y')).toBeNull();
    expect(decodeRunsCursor('')).toBeNull();
  });
});
