import { CONTROL_CHARS } from './tiktok-input';

export const HASHTAG_MIN_LENGTH = 2;
export const HASHTAG_MAX_LENGTH = 50;

const SEARCH_INPUT = /^[\p{L}\p{N}_]{1,100}$/u;
const PICKABLE = /^[a-z0-9_]+$/;
const HAS_ALPHANUMERIC = /[a-z0-9]/;

/** `#Tag ` -> `tag`: trimmed, leading '#'s stripped, lower-cased; no validation. */
function bare(tag: string): string {
  return tag.trim().replace(/^#+/, '').toLowerCase();
}

/** The hashtag forms the service works with, one variant per source of a hashtag. */
export const normalizeHashtag = {
  /**
   * What a client asked to search: `#Tag` or `Tag` -> `tag`; letters of any script, digits and
   * underscore (one leading '#' allowed), else null.
   */
  searchInput: (input: unknown): string | null => {
    if (typeof input !== 'string' || CONTROL_CHARS.test(input)) return null;
    let tag = input.trim().normalize('NFKC');
    if (tag.startsWith('#')) tag = tag.slice(1);
    return SEARCH_INPUT.test(tag) ? tag.toLowerCase() : null;
  },

  /**
   * A hashtag the pick may return (the LLM's answer, or the local extractor's candidates): NFKC
   * (so full-width '＃Ｆｏｏ' becomes 'foo'), bare, and 2..50 characters of [a-z0-9_] with a letter
   * or digit, else null. Other scripts are rejected rather than transliterated, because the
   * search must use them verbatim.
   */
  pick: (raw: string): string | null => {
    const tag = bare(raw.normalize('NFKC'));
    if (tag.length < HASHTAG_MIN_LENGTH || tag.length > HASHTAG_MAX_LENGTH) return null;
    return PICKABLE.test(tag) && HAS_ALPHANUMERIC.test(tag) ? tag : null;
  },

  /** A tag read from an Ensemble payload: NFC, without '#', lower-cased; '' when not a string. */
  parsed: (raw: unknown): string => {
    if (typeof raw !== 'string') return '';
    return raw.normalize('NFC').replace(/^#+/, '').trim().toLowerCase();
  },

  /** A tag already in one of the forms above, for comparing: `#Tag ` -> `tag`. */
  bare,
};
