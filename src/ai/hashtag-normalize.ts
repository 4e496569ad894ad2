export const HASHTAG_MIN_LENGTH = 2;
export const HASHTAG_MAX_LENGTH = 50;

const VALID_HASHTAG = /^[a-z0-9_]+$/;
const HAS_ALPHANUMERIC = /[a-z0-9]/;

/**
 * Normalises a hashtag candidate to the form the service searches with: NFKC (so full-width
 * '＃Ｆｏｏ' becomes '#foo'), trimmed, leading '#'s stripped, lower-cased. Returns null when the
 * result is not 2..50 characters of [a-z0-9_] with at least one letter or digit; tags in other
 * scripts are rejected rather than transliterated, because the search must use them verbatim.
 */
export function normalizeHashtag(raw: string): string | null {
  const tag = raw.normalize('NFKC').trim().replace(/^#+/, '').toLowerCase();
  if (tag.length < HASHTAG_MIN_LENGTH || tag.length > HASHTAG_MAX_LENGTH) return null;
  if (!VALID_HASHTAG.test(tag) || !HAS_ALPHANUMERIC.test(tag)) return null;
  return tag;
}
