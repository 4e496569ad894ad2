import type { HttpResult } from '../../tiktok/support/http';

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
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

/** A JSON POST, with any extra headers (e.g. the admin key). */
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
