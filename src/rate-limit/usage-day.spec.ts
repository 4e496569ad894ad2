import { nextUtcMidnight, secondsUntilUtcMidnight, utcDay } from './usage-day';

describe('usage day', () => {
  it('names the UTC day, whatever the local time zone', () => {
    expect(utcDay(Date.parse('2026-12-02T23:59:59.999Z'))).toBe('2026-12-02');
    expect(utcDay(Date.parse('2026-12-03T00:00:00.000Z'))).toBe('2026-12-03');
  });

  it('counts the seconds to the next UTC midnight, never 0', () => {
    expect(nextUtcMidnight(Date.parse('2026-12-02T12:00:00Z'))).toBe(
      Date.parse('2026-12-03T00:00:00Z'),
    );
    expect(secondsUntilUtcMidnight(Date.parse('2026-12-02T23:00:00Z'))).toBe(3600);
    expect(secondsUntilUtcMidnight(Date.parse('2026-12-02T23:59:59.900Z'))).toBe(1);
    expect(secondsUntilUtcMidnight(Date.parse('2026-12-03T00:00:00Z'))).toBe(86_400);
  });
});
