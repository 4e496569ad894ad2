import { extractKeywords } from './caption-keywords';

describe('extractKeywords', () => {
  it('keeps topic words in order of first appearance, once each', () => {
    expect(extractKeywords('Sourdough focaccia with rosemary — sourdough forever')).toEqual([
      'sourdough',
      'focaccia',
      'rosemary',
      'forever',
    ]);
  });

  it('drops stop words, short words, numbers, hashtags, mentions, links and reach words', () => {
    expect(
      extractKeywords(
        "I can't believe it's 2025! Day 12 of #mealprep with @maya https://t.co/x1 go viral fyp tofu",
      ),
    ).toEqual(['believe', 'tofu']);
  });

  it('normalizes width and case, and drops other scripts', () => {
    expect(extractKeywords('ＶＥＧＡＮ 料理 Ramen')).toEqual(['vegan', 'ramen']);
  });
});
