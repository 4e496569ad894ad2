/**
 * Normalization of user-supplied TikTok identifiers. Pure; shared by DTO validation and services.
 */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.]{2,24}$/;
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u001f\u007f]|\p{Cs}/u;
const TIKTOK_HOSTS = new Set(['tiktok.com', 'www.tiktok.com', 'm.tiktok.com', 'vm.tiktok.com']);

/** `name`, `@name` or a profile URL (`https://www.tiktok.com/@name[/...]`) -> `name`, else null. */
export function normalizeUsername(input: unknown): string | null {
  if (typeof input !== 'string' || CONTROL_CHARS.test(input)) return null;
  const raw = input.trim();
  if (raw.length === 0 || raw.length > 300) return null;
  let candidate = raw;
  if (/^(https?:\/\/)?([a-z0-9-]+\.)*tiktok\.com\//i.test(raw)) {
    let url: URL;
    try {
      url = new URL(/^https?:\/\//i.test(raw) ? raw : `https://${raw}`);
    } catch {
      return null;
    }
    if (!TIKTOK_HOSTS.has(url.hostname.toLowerCase())) return null;
    const first = url.pathname.split('/').filter(Boolean)[0];
    if (!first || !first.startsWith('@')) return null;
    candidate = decodeURIComponentSafe(first);
  }
  if (candidate.startsWith('@')) candidate = candidate.slice(1);
  if (!USERNAME_PATTERN.test(candidate) || candidate.endsWith('.')) return null;
  return candidate.toLowerCase();
}

/** Free-text search query: trimmed, no control characters, 1..100 chars, else null. */
export function normalizeQuery(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  if (CONTROL_CHARS.test(input)) return null;
  const q = input.trim().replace(/\s+/g, ' ');
  if (q.length === 0 || q.length > 100) return null;
  return q;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
