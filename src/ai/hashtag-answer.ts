import { HASHTAG_COUNT } from './hashtag-prompt';
import { normalizeHashtag } from '../tiktok/hashtag-normalize';

/** The model answered, but not with 5 distinct valid hashtags; counts as an AI failure. */
export class InvalidAiAnswerError extends Error {
  constructor(readonly reason: string) {
    super(`Invalid AI answer: ${reason}`);
    this.name = 'InvalidAiAnswerError';
  }
}

export interface AiHashtagSuggestion {
  hashtag: string;
  reason: string;
}

export const REASON_MAX_CHARS = 200;

/** Some OpenAI-compatible servers wrap JSON in a Markdown fence even in json_schema mode. */
const CODE_FENCE = /^```(?:json)?\s*([\s\S]*?)\s*```$/i;

/**
 * Validates the model's JSON answer: `{hashtags: [{hashtag, reason}]}` with exactly 5 items whose
 * hashtags normalize to distinct valid tags and whose reasons are non-empty. Reasons are collapsed
 * to one line and capped. Throws InvalidAiAnswerError, whose reason quotes at most a short excerpt.
 */
export function parseHashtagAnswer(content: string): AiHashtagSuggestion[] {
  const text = content.trim();
  if (text === '') throw new InvalidAiAnswerError('empty answer');
  let parsed: unknown;
  try {
    parsed = JSON.parse(CODE_FENCE.exec(text)?.[1] ?? text);
  } catch {
    throw new InvalidAiAnswerError('answer is not valid JSON');
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.hashtags)) {
    throw new InvalidAiAnswerError('answer has no "hashtags" array');
  }
  const items: unknown[] = parsed.hashtags;
  if (items.length !== HASHTAG_COUNT) {
    throw new InvalidAiAnswerError(`expected ${HASHTAG_COUNT} hashtags, got ${items.length}`);
  }
  const seen = new Set<string>();
  return items.map((item, i) => {
    if (!isRecord(item) || typeof item.hashtag !== 'string' || typeof item.reason !== 'string') {
      throw new InvalidAiAnswerError(`item ${i + 1} is not {hashtag, reason} strings`);
    }
    const hashtag = normalizeHashtag.pick(item.hashtag);
    if (hashtag === null) {
      throw new InvalidAiAnswerError(
        `item ${i + 1} is not a valid hashtag: ${excerpt(item.hashtag)}`,
      );
    }
    if (seen.has(hashtag)) throw new InvalidAiAnswerError(`duplicate hashtag: ${hashtag}`);
    seen.add(hashtag);
    const reason = item.reason.replace(/\s+/g, ' ').trim();
    if (reason === '') throw new InvalidAiAnswerError(`item ${i + 1} has an empty reason`);
    return { hashtag, reason: capReason(reason) };
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function capReason(reason: string): string {
  const chars = [...reason];
  return chars.length <= REASON_MAX_CHARS
    ? reason
    : `${chars.slice(0, REASON_MAX_CHARS - 1).join('')}…`;
}

function excerpt(value: string): string {
  return JSON.stringify([...value].slice(0, 40).join(''));
}
