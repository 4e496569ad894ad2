/**
 * What a page makes the browser load or execute, read from its HTML with regular expressions
 * (enough for the two generated docs pages; no HTML parser is installed).
 */
export interface PageResources {
  /** `<script src>` values, as written. */
  scriptSrcs: string[];
  /** `<script>` elements without src that have code in them. */
  inlineScripts: string[];
  /** `<link href>` values with their rel. */
  links: { rel: string; href: string }[];
  /** `<style>` elements. */
  inlineStyleElements: number;
  /** `style="..."` attributes. */
  inlineStyleAttributes: number;
  /** `on*=` event-handler attributes (inline script). */
  eventHandlerAttributes: string[];
  /** `javascript:` URLs in href/src attributes. */
  javascriptUrls: string[];
}

function attributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const re = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  const inner = tag.replace(/^<[a-zA-Z0-9-]+/, '').replace(/\/?>$/, '');
  for (const m of inner.matchAll(re)) {
    attrs.set(m[1].toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

export function pageResources(html: string): PageResources {
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  const scriptSrcs: string[] = [];
  const inlineScripts: string[] = [];
  for (const m of withoutComments.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script\s*>/gi)) {
    const src = attributes(m[1]).get('src');
    if (src !== undefined) scriptSrcs.push(src);
    else if (m[2].trim() !== '') inlineScripts.push(m[2].trim());
  }
  const links = [...withoutComments.matchAll(/<link\b[^>]*>/gi)]
    .map((m) => attributes(m[0]))
    .filter((a) => a.has('href'))
    .map((a) => ({ rel: (a.get('rel') ?? '').toLowerCase(), href: a.get('href') ?? '' }));
  const tags = [...withoutComments.matchAll(/<[a-zA-Z][^>]*>/g)].map((m) => attributes(m[0]));
  const eventHandlerAttributes = tags.flatMap((a) =>
    [...a.keys()].filter((k) => /^on[a-z]+$/.test(k)),
  );
  const javascriptUrls = tags.flatMap((a) =>
    ['href', 'src', 'action', 'xlink:href']
      .map((k) => a.get(k))
      .filter((v): v is string => v !== undefined && /^\s*javascript:/i.test(v)),
  );
  return {
    scriptSrcs,
    inlineScripts,
    links,
    inlineStyleElements: [...withoutComments.matchAll(/<style\b[^>]*>/gi)].length,
    inlineStyleAttributes: tags.filter((a) => a.has('style')).length,
    eventHandlerAttributes,
    javascriptUrls,
  };
}
