/**
 * A small fetch wrapper for the e2e specs: typed results (`unknown` bodies, narrowed by the
 * caller) instead of supertest's `any`, and raw bodies for the malformed-input cases.
 */
export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  /** The JSON body, or undefined when the body is not JSON. */
  body: unknown;
}

async function toResult(res: Response): Promise<HttpResult> {
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

export async function postJson(
  base: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  return postText(base, path, JSON.stringify(body), headers);
}

/** A POST labelled JSON whose body is sent verbatim, with any extra headers. */
export function postText(
  base: string,
  path: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  return send(base, path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

export async function postRaw(
  base: string,
  path: string,
  raw: string,
  contentType = 'application/json',
): Promise<HttpResult> {
  return send(base, path, { method: 'POST', headers: { 'content-type': contentType }, body: raw });
}

export async function getPath(
  base: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  return toResult(await fetch(`${base}${path}`, { headers }));
}

/** Every header of a response as `name: value` lines, for leak checks. */
export function headerText(headers: Headers): string {
  return [...headers.entries()].map(([name, value]) => `${name}: ${value}`).join('\n');
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  /** Sent verbatim; a string is UTF-8 encoded. */
  body?: string;
}

/**
 * One raw HTTP exchange with full control of method, headers and body bytes (no JSON encoding,
 * no default content type), for the hostile-input specs.
 */
export async function send(
  base: string,
  path: string,
  options: SendOptions = {},
): Promise<HttpResult> {
  const res = await fetch(`${base}${path}`, {
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
  });
  return toResult(res);
}
