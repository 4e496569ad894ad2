import { isGenericHashtag } from './generic-hashtags';

export const KEYWORD_MIN_LENGTH = 3;
export const KEYWORD_MAX_LENGTH = 30;

/** Function words and TikTok filler that never name a niche. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `
a about above after again against all almost also always am an and another any anyone anything are
around as at away back be because been before being below best better between big both but by can
cant come comes could day days did didnt do does doesnt doing done dont down during each either else
even ever every everyone everything few first for from full get gets getting give go goes going gone
good got great had has have having he her here hers him his how however i if im in into is isnt it
its ive just keep know last least less let lets like little look lot lots made make makes many may
me more most much must my myself need never new next no not nothing now of off oh ok okay on once one
only or other our ours out over own part people please pls really right said same say see she should
show since so some something still such sure take than thank thanks that thats the their them then
there these they thing things think this those though through time to today too try two under until
up us use used very via want was way we well went were what whats when where which while who why will
with without wont would yeah yes yet you your youre yours
follow followers following comment comments share shares save subscribe link bio repost video videos
clip post posts watch wait tiktok tiktoks fyp viral trending duet stitch pov vs lol omg wow
old actually literally amazing awesome finally guys love
contact email mail business inquiries inquiry collab collabs dm dms ig insta instagram youtube
snapchat twitter shop linktree linkinbio account page official
el la los las de del que en un una y por con para es lo mi tu su le les des et est pas pour une dans
der die das und ist nicht mit
`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);

const URL_PATTERN = /\bhttps?:\/\/\S+|\bwww\.\S+/g;
const TAG_OR_MENTION = /[#@][\p{L}\p{N}_.]+/gu;
const APOSTROPHES = /['’‘`]/g;
const DIGITS_ONLY = /^\d+$/;

/**
 * Topic words of a text, in order of first appearance and de-duplicated: lower-case ASCII
 * letters/digits only, hashtags, mentions and links removed, stop words, generic reach words and
 * numbers dropped. Words in other scripts are dropped because the result must be searchable as a
 * hashtag of [a-z0-9_].
 */
export function extractKeywords(text: string): string[] {
  const cleaned = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(URL_PATTERN, ' ')
    .replace(TAG_OR_MENTION, ' ')
    .replace(APOSTROPHES, '');
  const seen = new Set<string>();
  for (const word of cleaned.split(/[^a-z0-9]+/)) {
    if (word.length < KEYWORD_MIN_LENGTH || word.length > KEYWORD_MAX_LENGTH) continue;
    if (DIGITS_ONLY.test(word) || STOP_WORDS.has(word) || isGenericHashtag(word)) continue;
    seen.add(word);
  }
  return [...seen];
}
