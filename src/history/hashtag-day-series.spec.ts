import { hashtagDaySeries } from './hashtag-day-series';

describe('hashtagDaySeries', () => {
  const now = Date.UTC(2026, 11, 2, 15, 30);

  it('starts at midnight UTC days-1 days ago and yields one point per day, zeros filled', () => {
    const series = hashtagDaySeries(now, 3);
    expect(new Date(series.since).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(series.fill([{ date: '2026-12-01', videos: 2, views: 900 }])).toEqual([
      { date: '2026-11-30', videos: 0, views: 0 },
      { date: '2026-12-01', videos: 2, views: 900 },
      { date: '2026-12-02', videos: 0, views: 0 },
    ]);
  });

  it('covers today alone for days = 1', () => {
    const series = hashtagDaySeries(now, 1);
    expect(series.fill([]).map((p) => p.date)).toEqual(['2026-12-02']);
  });
});
