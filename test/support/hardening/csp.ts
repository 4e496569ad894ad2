/** A Content-Security-Policy header as directive -> source list. */
export type Csp = Map<string, string[]>;

export function parseCsp(header: string | null): Csp {
  const csp: Csp = new Map();
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) csp.set(name.toLowerCase(), sources);
  }
  return csp;
}

const FETCH_DIRECTIVE_FALLBACK: Record<string, string[]> = {
  'script-src-elem': ['script-src', 'default-src'],
  'style-src-elem': ['style-src', 'default-src'],
  'script-src': ['default-src'],
  'style-src': ['default-src'],
  'img-src': ['default-src'],
  'connect-src': ['default-src'],
  'worker-src': ['script-src', 'default-src'],
  'font-src': ['default-src'],
};

/** The sources that govern a directive, following the CSP fallback chain. */
export function effectiveSources(csp: Csp, directive: string): string[] | undefined {
  for (const name of [directive, ...(FETCH_DIRECTIVE_FALLBACK[directive] ?? [])]) {
    const sources = csp.get(name);
    if (sources) return sources;
  }
  return undefined;
}

/**
 * Whether `directive` lets a page at `pageUrl` load `resourceUrl`. Covers what this app relies
 * on ('self', exact origins, scheme sources, '*'); nonces and hashes are not used here.
 */
export function cspAllows(csp: Csp, directive: string, pageUrl: URL, resourceUrl: URL): boolean {
  const sources = effectiveSources(csp, directive);
  if (!sources) return true;
  return sources.some((source) => {
    if (source === "'self'") return resourceUrl.origin === pageUrl.origin;
    if (source === '*') return !['data:', 'blob:'].includes(resourceUrl.protocol);
    if (/^[a-z][a-z0-9+.-]*:$/i.test(source)) return resourceUrl.protocol === source.toLowerCase();
    return source.replace(/\/$/, '') === resourceUrl.origin;
  });
}
