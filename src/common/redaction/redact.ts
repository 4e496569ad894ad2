/** Query parameters whose values are credentials, wherever they appear. */
const SECRET_PARAM = '([?&](?:token|api_key|apikey|key|access_token)=)';
const SECRET_PARAM_IN_URL = new RegExp(`${SECRET_PARAM}[^&#]*`, 'gi');
const SECRET_PARAM_IN_TEXT = new RegExp(`${SECRET_PARAM}[^&#\\s"']*`, 'gi');
const ANY_URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;
/** Shorter "secrets" would blank out ordinary words. */
const MIN_SECRET_LENGTH = 6;

/** Removes secret-bearing query parameters (token, api_key, …) from a URL path. */
export function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  return url.replace(SECRET_PARAM_IN_URL, '$1[REDACTED]');
}

/**
 * Replaces every occurrence of a configured secret in a string: the last line of defence. Text
 * without any secret (every log line, unless something slipped) costs one `includes` per secret.
 */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= MIN_SECRET_LENGTH && out.includes(secret)) {
      out = out.split(secret).join('[REDACTED]');
    }
  }
  return out;
}

/** Upstream text may echo the request: drop URLs (they carry credentials) and the secrets. */
export function redactUpstreamText(text: string, secrets: readonly (string | undefined)[]): string {
  const out = text.replace(ANY_URL, '[URL]').replace(SECRET_PARAM_IN_TEXT, '$1[REDACTED]');
  return scrubSecrets(out, secrets);
}
