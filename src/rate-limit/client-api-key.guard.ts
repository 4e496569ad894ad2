import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { SKIP_CLIENT_KEY } from '../common/auth/skip-client-key.decorator';
import { RequestContext } from '../common/context/request-context';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code.enum';
import { ClientKeys } from './client-keys.service';

const API_PREFIX = '/api/v1/';

/**
 * With CLIENT_API_KEYS set, every /api/v1 route needs a client key (docs, health and metrics
 * live outside /api/v1 and stay open). The client's name goes into the request context, where
 * the unit budget and the usage report read it.
 */
@Injectable()
export class ClientApiKeyGuard implements CanActivate {
  constructor(
    private readonly keys: ClientKeys,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.keys.enabled) return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (!req.path.startsWith(API_PREFIX)) return true;
    const skip = this.reflector.getAllAndOverride<boolean>(SKIP_CLIENT_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (skip) return true;
    const name = this.keys.identify(req);
    if (name === null) {
      throw new DomainException(ErrorCode.UNAUTHORIZED, 'Missing or invalid API key');
    }
    const stats = RequestContext.current();
    if (stats) stats.clientName = name;
    return true;
  }
}
