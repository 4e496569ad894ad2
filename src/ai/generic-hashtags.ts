import { normalizeHashtag } from '../tiktok/hashtag-normalize';

/**
 * Reach tags that say nothing about a creator's niche: searching them finds "popular on TikTok",
 * not "popular among videos like mine". Lower-case; non-ASCII spellings are kept so raw tags can be
 * recognised before normalization rejects them.
 */
export const GENERIC_HASHTAGS: ReadonlySet<string> = new Set([
  'fyp',
  'fy',
  'fypage',
  'fypp',
  'fyppp',
  'fypシ',
  'fypシ゚viral',
  'foryou',
  'foryoupage',
  'foryourpage',
  'foru',
  '4u',
  '4you',
  '4yp',
  'viral',
  'viralvideo',
  'viralvideos',
  'viraltiktok',
  'goviral',
  'blowthisup',
  'blowup',
  'makemefamous',
  'trending',
  'trend',
  'trendy',
  'trendingnow',
  'tiktok',
  'tiktoker',
  'tiktokviral',
  'tiktoktrend',
  'tiktokindia',
  'explore',
  'explorepage',
  'xyzbca',
  'xyzabc',
  'xyzcba',
  'duet',
  'stitch',
  'capcut',
  'greenscreen',
  'video',
  'videos',
  'parati',
  'paratipage',
  'pourtoi',
  'perte',
  'fürdich',
  'furdich',
  'fyptiktok',
  'fypviral',
  'like',
  'likes',
  'follow',
  'followme',
  'foryoupageofficial',
]);

/** fyp / fyyyp / fypppp / fyp_ / fyp2024 and the like, which nobody can list exhaustively. */
const FYP_VARIANT = /^f+y+p+[\p{L}\p{N}_]{0,12}$/u;
const FOR_YOU_VARIANT = /^(?:for|4)(?:you|u)(?:page)?[\d_]*$/;

export function isGenericHashtag(tag: string): boolean {
  const t = normalizeHashtag.bare(tag.normalize('NFKC'));
  return GENERIC_HASHTAGS.has(t) || FYP_VARIANT.test(t) || FOR_YOU_VARIANT.test(t);
}
