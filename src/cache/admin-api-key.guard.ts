import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code.enum';
import { appConfig, type AppConfig } from '../config/configuration';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** The key from `X-API-Key`, or from `Authorization: Bearer <key>`. */
export function presentedKey(req: Pick<Request, 'headers'>): string | undefined {
  const header = req.headers['x-api-key'];
  const apiKey = Array.isArray(header) ? header[0] : header;
  if (apiKey) return apiKey.trim();
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1].trim();
}

/**
 * Admin-only routes. Without ADMIN_API_KEY configured they are refused outright (403) rather
 * than left open; otherwise the presented key must match. Both sides are hashed first so the
 * constant-time comparison works on equal lengths and leaks neither content nor length.
 */
export const adminDisabled = () =>
  new DomainException(
    ErrorCode.FORBIDDEN,
    'Admin operations are disabled: no admin API key is configured on this server',
  );
export const adminKeyInvalid = () =>
  new DomainException(ErrorCode.UNAUTHORIZED, 'Missing or invalid admin API key');

@Injectable()
export class AdminApiKeyGuard implements CanActivate {
  constructor(@Inject(appConfig.KEY) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.adminApiKey;
    if (!expected) {
      throw adminDisabled();
    }
    const presented = presentedKey(context.switchToHttp().getRequest<Request>());
    if (!presented || !timingSafeEqual(digest(presented), digest(expected))) {
      throw adminKeyInvalid();
    }
    return true;
  }
}
