import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { keyDigest, presentedKey, sameDigest } from '../common/auth/api-key';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code.enum';
import { appConfig, type AppConfig } from '../config/configuration';

export const adminDisabled = () =>
  new DomainException(
    ErrorCode.FORBIDDEN,
    'Admin operations are disabled: no admin API key is configured on this server',
  );
export const adminKeyInvalid = () =>
  new DomainException(ErrorCode.UNAUTHORIZED, 'Missing or invalid admin API key');

/**
 * Admin-only routes. Without ADMIN_API_KEY configured they are refused outright (403) rather
 * than left open; otherwise the presented key must match (compared in constant time).
 */
@Injectable()
export class AdminApiKeyGuard implements CanActivate {
  constructor(@Inject(appConfig.KEY) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.adminApiKey;
    if (!expected) {
      throw adminDisabled();
    }
    const presented = presentedKey(context.switchToHttp().getRequest<Request>());
    if (!presented || !sameDigest(keyDigest(presented), keyDigest(expected))) {
      throw adminKeyInvalid();
    }
    return true;
  }
}
