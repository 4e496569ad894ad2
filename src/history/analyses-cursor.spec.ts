import { decodeAnalysesCursor, encodeAnalysesCursor } from './analyses-cursor';

describe('analyses cursor', () => {
  const position = { analyzedAt: 1_796_000_000_123, id: '6f1c2d3e-4b5a-4c6d-8e7f-901234567890' };

  it('round-trips a position', () => {
    expect(decodeAnalysesCursor(encodeAnalysesCursor(position))).toEqual(position);
  });

  it.each([
    ['not base64url', '%%%'],
    ['no id', Buffer.from('123.').toString('base64url')],
    ['not a uuid', Buffer.from('123.abc').toString('base64url')],
    ['no time', Buffer.from(`x.${position.id}`).toString('base64url')],
    ['empty', ''],
  ])('refuses %s', (_label, cursor) => {
    expect(decodeAnalysesCursor(cursor)).toBeNull();
  });
});
