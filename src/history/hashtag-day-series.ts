import type { HashtagDayPoint } from './history.models';

const DAY_MS = 86_400_000;

/**
 * The UTC days of a `days`-long range ending today (pure: `now` is an input): where it starts,
 * and how to turn sparse per-day points into one point per day, zeros included.
 */
export function hashtagDaySeries(
  now: number,
  days: number,
): { since: number; fill: (points: HashtagDayPoint[]) => HashtagDayPoint[] } {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const since = today - (days - 1) * DAY_MS;
  return {
    since,
    fill: (points) => {
      const byDate = new Map(points.map((p) => [p.date, p]));
      return Array.from({ length: days }, (_, i) => {
        const date = new Date(since + i * DAY_MS).toISOString().slice(0, 10);
        return byDate.get(date) ?? { date, videos: 0, views: 0 };
      });
    },
  };
}
