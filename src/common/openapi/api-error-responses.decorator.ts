import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorCode } from '../errors/error-code.enum';
import { ErrorEnvelopeDto } from '../errors/error-envelope.dto';

const EXAMPLES: Record<
  number,
  { description: string; error: string; code: ErrorCode; details?: unknown }
> = {
  400: {
    description: 'Invalid input',
    error: 'Validation failed',
    code: ErrorCode.VALIDATION_ERROR,
    details: { fields: { username: ['username must be a TikTok username'] } },
  },
  401: {
    description: 'Missing or wrong API key',
    error: 'Invalid API key',
    code: ErrorCode.UNAUTHORIZED,
  },
  403: {
    description: 'Private or restricted profile',
    error: 'This profile is private',
    code: ErrorCode.PROFILE_PRIVATE,
  },
  404: {
    description: 'Unknown profile',
    error: 'TikTok user not found',
    code: ErrorCode.NOT_FOUND,
  },
  429: {
    description: 'Rate limited',
    error: 'Too many requests, slow down',
    code: ErrorCode.RATE_LIMITED,
  },
  502: {
    description: 'Upstream failure or malformed reply',
    error: 'TikTok data provider is unavailable',
    code: ErrorCode.UPSTREAM_UNAVAILABLE,
  },
  503: {
    description: 'Upstream quota or credentials',
    error: 'TikTok data quota exhausted',
    code: ErrorCode.UPSTREAM_QUOTA_EXCEEDED,
  },
};

/** Documents the error envelope for the given statuses, with an example each. */
export function ApiErrorResponses(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) => {
      const { description, ...example } = EXAMPLES[status];
      return ApiResponse({ status, description, type: ErrorEnvelopeDto, example });
    }),
  );
}
