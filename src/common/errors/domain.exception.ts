import type { HttpStatus } from '@nestjs/common';
import { ErrorCode } from './error-code.enum';

export type ErrorDetails = Record<string, unknown> | unknown[];

/**
 * The only exception type services throw. `message` is safe to show to clients; anything
 * internal belongs in `cause`, which is logged but never serialised.
 */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
    options?: { cause?: unknown; retryAfterSeconds?: number; status?: HttpStatus },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainException';
    this.retryAfterSeconds = options?.retryAfterSeconds;
    this.status = options?.status;
  }

  readonly retryAfterSeconds?: number;
  /**
   * Overrides the code's usual status where one code has two meanings on the wire: an upstream
   * that failed (502) vs. one we refuse to call during a breaker's cool-down (503).
   */
  readonly status?: HttpStatus;
}
