import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ThrottlerException } from '@nestjs/throttler';
import { ErrorEnvelopeDto } from '../errors/error-envelope.dto';
import { toErrorResponse } from '../errors/error-response';
import { notJson } from '../validation/json-body.middleware';

const DESCRIPTIONS: Partial<Record<number, string>> = {
  400: 'Invalid input: `error` names the first invalid field, `details.fields` all of them',
  401: 'Missing or wrong admin key',
  403: 'Private or restricted profile, or a forbidden operation',
  404: 'Unknown profile',
  413: 'Body larger than BODY_LIMIT_BYTES',
  415: 'A body that is not application/json',
  429: 'Rate limited: see Retry-After and X-RateLimit-*',
  502: 'Upstream failure or malformed reply',
  503: 'Upstream quota or credentials, or a backend unavailable',
};

/**
 * Documents error answers by example: each argument is a value the code really throws, rendered
 * by the same function the global filter uses, so the documented body is the one sent.
 */
export function ApiErrorResponses(...errors: unknown[]) {
  return applyDecorators(
    ...errors.map((error) => {
      const { status, body } = toErrorResponse(error);
      return ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        type: ErrorEnvelopeDto,
        example: body,
      });
    }),
  );
}

/** What any route with a JSON body can answer before its handler runs. */
export const JSON_BODY_ERRORS: readonly unknown[] = [
  // The shape body-parser throws for an oversized body.
  { status: HttpStatus.PAYLOAD_TOO_LARGE },
  notJson(),
  new ThrottlerException(),
];
