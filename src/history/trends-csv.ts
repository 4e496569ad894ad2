import { stringify } from 'csv-stringify';
import type { Readable } from 'node:stream';
import type { TrendDto } from '../trends/dto/analyze.response.dto';

const TRENDS_CSV_COLUMNS = [
  'rank',
  'id',
  'tiktok_url',
  'author',
  'caption',
  'views',
  'likes',
  'comments',
  'shares',
  'create_time',
  'score',
  'matched_hashtags',
  'is_new',
] as const;

/** What the CSV reads of a trend. */
export type CsvTrend = Pick<
  TrendDto,
  | 'id'
  | 'tiktok_url'
  | 'caption'
  | 'views'
  | 'likes'
  | 'comments'
  | 'shares'
  | 'create_time'
  | 'trend_score'
  | 'matched_hashtags'
  | 'is_new'
> & { author: { username: string } };

/**
 * RFC 4180 CSV (CRLF, a header row) of ranked trends, streamed. Captions and names are written by
 * strangers and the file is opened in spreadsheets: a text cell starting with `=`, `+`, `-`, `@`,
 * tab or CR gets a leading `'` so it is shown, never run as a formula (CSV injection).
 */
export function trendsCsv(trends: readonly CsvTrend[]): Readable {
  const csv = stringify({
    header: true,
    columns: [...TRENDS_CSV_COLUMNS],
    record_delimiter: 'windows',
    escape_formulas: true,
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
  trends.forEach((t, i) => {
    csv.write({
      rank: i + 1,
      id: t.id,
      tiktok_url: t.tiktok_url,
      author: t.author.username,
      caption: t.caption,
      views: t.views,
      likes: t.likes,
      comments: t.comments,
      shares: t.shares,
      create_time: t.create_time,
      score: t.trend_score,
      matched_hashtags: t.matched_hashtags.join(' '),
      is_new: t.is_new,
    });
  });
  csv.end();
  return csv;
}
