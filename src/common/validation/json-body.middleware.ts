import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DomainException } from '../errors/domain.exception';
import { ErrorCode } from '../errors/error-code.enum';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

export const notJson = () =>
  new DomainException(
    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    'Request bodies must be JSON (Content-Type: application/json)',
  );

/**
 * A body the JSON parser skips (text/plain, forms, no content type) would otherwise reach the
 * handlers as "no body": harmless for required fields, but an unfiltered `/cache/clear`. Any
 * request that carries a body must declare it as JSON.
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    const length = Number(req.headers['content-length'] ?? 0);
    const hasBody = length > 0 || req.headers['transfer-encoding'] !== undefined;
    if (WITH_BODY.has(req.method) && hasBody && !req.is('application/json')) {
      throw notJson();
    }
    next();
  }
}
