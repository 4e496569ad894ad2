import { CAPTION_MAX_CHARS, HASHTAG_ANSWER_FORMAT, buildHashtagPrompt } from './hashtag-prompt';
import { makeInput, type PostSpec } from './ai-fixtures.spec-helper';

const posts: PostSpec[] = [
  { id: '1', caption: 'Old post about rye bread', hashtags: ['rye'], ageDays: 30 },
  {
    id: '2',
    caption: 'Newest post: sourdough "focaccia"\nwith rosemary',
    hashtags: ['sourdough', 'focaccia', 'fyp'],
    ageDays: 1,
    stats: { views: 20_000, likes: 1_500, comments: 100, shares: 400 },
  },
  { id: '3', caption: 'Middle post, bagels', hashtags: [], ageDays: 10 },
];

describe('buildHashtagPrompt', () => {
  const [system, user] = buildHashtagPrompt(makeInput(posts, 'Home baker | Berlin 🍞'));

  it('states the task and the rules in the system message', () => {
    expect(system.role).toBe('system');
    expect(system.content).toContain('5 hashtags');
    expect(system.content).toMatch(/Avoid generic reach tags \(fyp, .*foryou.*viral.*trending/);
    expect(system.content).toContain('unless nothing else fits');
    expect(system.content).toContain('one-line reason');
    expect(system.content).toContain('untrusted');
  });

  it('gives the bio and every post with hashtags, counts and engagement, newest first', () => {
    expect(user.role).toBe('user');
    expect(user.content).toContain('Bio: "Home baker | Berlin 🍞"');
    expect(user.content).toContain('@chefmaya');
    const lines = user.content.split('\n');
    const headers = lines.filter((l) => /^\d+\. /.test(l));
    expect(headers).toHaveLength(3);
    expect(headers[0]).toBe(
      '1. 2025-05-31 | views 20,000 | likes 1,500 | comments 100 | shares 400 | engagement 10.0%',
    );
    expect(lines).toContain('   hashtags: #sourdough #focaccia #fyp');
    expect(lines).toContain('   caption: "Newest post: sourdough \\"focaccia\\" with rosemary"');
    expect(lines).toContain('   hashtags: (none)');
    const order = ['Newest post', 'Middle post', 'Old post'].map((c) => user.content.indexOf(c));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order.every((i) => i > 0)).toBe(true);
  });

  it('does not depend on the input order of the posts', () => {
    const reversed = buildHashtagPrompt(makeInput([...posts].reverse(), 'Home baker | Berlin 🍞'));
    expect(reversed[1].content).toBe(user.content);
  });

  it('truncates long captions at a word boundary and shares the budget across many posts', () => {
    const long = `${'sourdough starter feeding schedule '.repeat(40)}END`;
    const [, single] = buildHashtagPrompt(makeInput([{ id: '1', caption: long }]));
    const caption = JSON.parse(single.content.split('caption: ')[1]) as string;
    expect(caption.length).toBeLessThanOrEqual(CAPTION_MAX_CHARS);
    expect(caption.endsWith('…')).toBe(true);
    expect(caption).not.toContain('END');
    expect(caption).toMatch(/(sourdough|starter|feeding|schedule)…$/);

    const many = Array.from({ length: 120 }, (_, i) => ({ id: String(i), caption: long }));
    const [, big] = buildHashtagPrompt(makeInput(many));
    expect(big.content.split('\n').filter((l) => l.startsWith('   caption: '))).toHaveLength(120);
    expect(big.content.length).toBeLessThan(40_000);
  });

  it('handles a creator with no posts', () => {
    const [, empty] = buildHashtagPrompt(makeInput([], ''));
    expect(empty.content).toContain('Analysed posts: none.');
    expect(empty.content).toContain('Bio: ""');
  });
});

describe('HASHTAG_ANSWER_FORMAT', () => {
  it('is a strict schema for exactly 5 {hashtag, reason} objects', () => {
    expect(HASHTAG_ANSWER_FORMAT.strict).toBe(true);
    expect(HASHTAG_ANSWER_FORMAT.name).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    const { schema } = HASHTAG_ANSWER_FORMAT;
    expect(schema).toMatchObject({
      type: 'object',
      properties: {
        hashtags: {
          type: 'array',
          minItems: 5,
          maxItems: 5,
          items: {
            type: 'object',
            properties: { hashtag: { type: 'string' }, reason: { type: 'string' } },
            required: ['hashtag', 'reason'],
            additionalProperties: false,
          },
        },
      },
      required: ['hashtags'],
      additionalProperties: false,
    });
    expect(Object.keys(schema.properties as object)).toEqual(['hashtags']);
  });
});
