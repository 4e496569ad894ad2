/**
 * The public cursor of a creator's analyses: the position (analyzed_at, id) of the last one
 * returned, as opaque base64url text. Decoding is strict, so a forged or mangled cursor is a 400.
 */
export interface AnalysesPosition {
  analyzedAt: number;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ANALYSES_CURSOR_PATTERN = /^[A-Za-z0-9_-]{1,120}$/;

export function encodeAnalysesCursor(position: AnalysesPosition): string {
  return Buffer.from(`${position.analyzedAt}.${position.id}`, 'utf8').toString('base64url');
}

export function decodeAnalysesCursor(cursor: string): AnalysesPosition | null {
  if (!ANALYSES_CURSOR_PATTERN.test(cursor)) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(\d{1,15})\.(.+)$/.exec(text);
  if (!match || !UUID.test(match[2])) return null;
  const analyzedAt = Number(match[1]);
  if (!Number.isSafeInteger(analyzedAt)) return null;
  // Re-encoding must give the same text: no alternative spellings of one position.
  const position = { analyzedAt, id: match[2] };
  return encodeAnalysesCursor(position) === cursor ? position : null;
}
