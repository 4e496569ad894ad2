import { send, type HttpResult } from '../http';

export { send, type SendOptions } from '../http';

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
