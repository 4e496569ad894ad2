import { InvalidAiAnswerError, parseHashtagAnswer } from './hashtag-answer';

const answer = (hashtags: unknown[]): string => JSON.stringify({ hashtags });
const item = (hashtag: string, reason = 'fits the niche') => ({ hashtag, reason });
const five = ['veganmealprep', 'mealprep', 'plantbased', 'budgetmeals', 'tofurecipes'];

function reasonOf(content: string): string {
  try {
    parseHashtagAnswer(content);
  } catch (error) {
    if (error instanceof InvalidAiAnswerError) return error.reason;
    throw error;
  }
  throw new Error('expected the answer to be rejected');
}

describe('parseHashtagAnswer', () => {
  it('accepts exactly 5 distinct valid hashtags, normalized, in the given order', () => {
    const parsed = parseHashtagAnswer(
      answer([
        item('#VeganMealPrep', 'most used\n  in top posts'),
        ...five.slice(1).map((t) => item(t)),
      ]),
    );
    expect(parsed.map((p) => p.hashtag)).toEqual(five);
    expect(parsed[0].reason).toBe('most used in top posts');
  });

  it('accepts JSON wrapped in a Markdown code fence', () => {
    const fenced = '```json\n' + answer(five.map((t) => item(t))) + '\n```';
    expect(parseHashtagAnswer(fenced).map((p) => p.hashtag)).toEqual(five);
  });

  it('caps very long reasons', () => {
    const parsed = parseHashtagAnswer(answer(five.map((t) => item(t, 'x'.repeat(500)))));
    expect([...parsed[0].reason]).toHaveLength(200);
    expect(parsed[0].reason.endsWith('…')).toBe(true);
  });

  it.each([
    ['', 'empty answer'],
    ['   ', 'empty answer'],
    ['{"hashtags": [', 'answer is not valid JSON'],
    ['Sure! Here are your hashtags: #a #b', 'answer is not valid JSON'],
    ['[]', 'answer has no "hashtags" array'],
    ['{"tags": []}', 'answer has no "hashtags" array'],
    [answer(five.slice(0, 4).map((t) => item(t))), 'expected 5 hashtags, got 4'],
    [answer([...five, 'extra'].map((t) => item(t))), 'expected 5 hashtags, got 6'],
    [answer([...five.slice(0, 4), '#MealPrep'].map((t) => item(t))), 'duplicate hashtag: mealprep'],
    [
      answer([...five.slice(0, 4), 'meal prep'].map((t) => item(t))),
      'item 5 is not a valid hashtag: "meal prep"',
    ],
    [
      answer([...five.slice(0, 4), '料理'].map((t) => item(t))),
      'item 5 is not a valid hashtag: "料理"',
    ],
    [
      answer([...five.slice(0, 4).map((t) => item(t)), 'mealprep']),
      'item 5 is not {hashtag, reason} strings',
    ],
    [
      answer([...five.slice(0, 4).map((t) => item(t)), { hashtag: 'x1' }]),
      'item 5 is not {hashtag, reason} strings',
    ],
    [
      answer([...five.slice(0, 4).map((t) => item(t)), item('keto', '  ')]),
      'item 5 has an empty reason',
    ],
  ])('rejects %j: %s', (content, reason) => {
    expect(reasonOf(content)).toBe(reason);
  });

  it('throws an Error whose message names the reason', () => {
    expect(() => parseHashtagAnswer('nope')).toThrow('Invalid AI answer: answer is not valid JSON');
  });
});
