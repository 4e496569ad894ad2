import type { TrendDto } from '../trends/dto/analyze.response.dto';
import { selectNewTrends } from './new-trends';

const trend = (id: string, isNew: boolean | null, score: number) =>
  ({ id, is_new: isNew, trend_score: score }) as TrendDto;

describe('selectNewTrends', () => {
  const trends = [
    trend('a', true, 80),
    trend('b', false, 90),
    trend('c', null, 95),
    trend('d', true, 40),
    trend('e', true, 50),
  ];

  it('keeps is_new true at or above the minimum score, in ranking order', () => {
    expect(selectNewTrends(trends, 50).map((t) => t.id)).toEqual(['a', 'e']);
    expect(selectNewTrends(trends, 0).map((t) => t.id)).toEqual(['a', 'd', 'e']);
  });

  it('reports nothing for a first analysis (is_new null)', () => {
    expect(selectNewTrends([trend('x', null, 99)], 0)).toEqual([]);
  });
});
