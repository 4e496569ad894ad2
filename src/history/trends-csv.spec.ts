import { parse } from 'csv-parse/sync';
import { text } from 'node:stream/consumers';
import { trendsCsv, type CsvTrend } from './trends-csv';

const trend = (overrides: Partial<CsvTrend>): CsvTrend => ({
  id: '7301234567890123456',
  tiktok_url: 'https://www.tiktok.com/@cook/video/7301234567890123456',
  author: { username: 'cook' },
  caption: 'Prep five lunches #mealprep',
  views: 1200,
  likes: 300,
  comments: 12,
  shares: 4,
  create_time: '2026-11-26T09:00:00.000Z',
  trend_score: 71.5,
  matched_hashtags: ['mealprep', 'lunch'],
  is_new: true,
  ...overrides,
});

async function rows(trends: CsvTrend[]): Promise<Record<string, string>[]> {
  return parse<Record<string, string>>(await text(trendsCsv(trends)), { columns: true });
}

describe('trendsCsv', () => {
  it('writes CRLF records with a header, numbers and booleans as plain text', async () => {
    const csv = await text(trendsCsv([trend({ is_new: null }), trend({ is_new: false })]));
    expect(csv.split('\r\n')[0]).toBe(
      'rank,id,tiktok_url,author,caption,views,likes,comments,shares,create_time,score,matched_hashtags,is_new',
    );
    const [first, second] = parse<Record<string, string>>(csv, { columns: true });
    expect(first).toMatchObject({ rank: '1', views: '1200', score: '71.5', is_new: '' });
    expect(second).toMatchObject({
      rank: '2',
      matched_hashtags: 'mealprep lunch',
      is_new: 'false',
    });
  });

  it.each(['=HYPERLINK("http://evil.example","x")', '+1+cmd', '-2+3', '@SUM(A1)', '\tTAB', '\rCR'])(
    'neutralises a text cell that a spreadsheet would run as a formula: %j',
    async (payload) => {
      const [row] = await rows([trend({ caption: payload, author: { username: payload } })]);
      expect(row.caption).toBe(`'${payload}`);
      expect(row.author).toBe(`'${payload}`);
    },
  );

  it('leaves ordinary text and numbers alone', async () => {
    const [row] = await rows([trend({ caption: 'a = b, 1 + 1 @home', trend_score: 0 })]);
    expect(row.caption).toBe('a = b, 1 + 1 @home');
    expect(row.score).toBe('0');
  });
});
