import type { VideoSighting } from './history.models';
import { thinSightings } from './history.store';

const sighting = (videoId: string, observedAt: number): VideoSighting => ({
  videoId,
  observedAt,
  views: 1,
  likes: 0,
  comments: 0,
  shares: 0,
  favorites: 0,
  hashtags: [],
});

describe('thinSightings', () => {
  it('keeps one sighting per video per interval, in time order', () => {
    const kept = thinSightings(
      [sighting('a', 5000), sighting('a', 1000), sighting('b', 1500), sighting('a', 1200)],
      1000,
    );
    expect(kept.map((s) => [s.videoId, s.observedAt])).toEqual([
      ['a', 1000],
      ['b', 1500],
      ['a', 5000],
    ]);
  });

  it('keeps every sighting with an interval of 0', () => {
    const all = [sighting('a', 1), sighting('a', 1)];
    expect(thinSightings(all, 0)).toHaveLength(2);
  });
});
