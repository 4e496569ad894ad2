import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';

/** The key from `X-API-Key`, or from `Authorization: Bearer <key>`. */
export function presentedKey(req: Pick<Request, 'headers'>): string | undefined {
  const header = req.headers['x-api-key'];
  const apiKey = Array.isArray(header) ? header[0] : header;
  if (apiKey) return apiKey.trim();
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1].trim();
}

/**
 * A fixed-length digest of a key. Both sides are hashed before comparing so the constant-time
 * comparison works on equal lengths and leaks neither content nor length.
 */
export function keyDigest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

export function sameDigest(a: Buffer, b: Buffer): boolean {
  return timingSafeEqual(a, b);
}
