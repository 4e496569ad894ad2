import type { HttpStatus } from '@nestjs/common';
import { ErrorCode } from './error-code.enum';

export type ErrorDetails = Record<string, unknown> | unknown[];

/**
 * The only exception type services throw. `message` is safe to show to clients; anything
 * internal belongs in `cause`, which is logged but never serialised.
 */
export interface DomainExceptionOptions {
  /** Safe, structured context for the client (`details` in the error body). */
  details?: ErrorDetails;
  /** What went wrong inside; logged, never sent. */
  cause?: unknown;
  /** Sent as `Retry-After`. */
  retryAfterSeconds?: number;
  /**
   * Overrides the code's usual status where one code has two meanings on the wire: an upstream
   * that failed (502) vs. one we refuse to call during a breaker's cool-down (503).
   */
  status?: HttpStatus;
}

export class DomainException extends Error {
  readonly details?: ErrorDetails;
  readonly retryAfterSeconds?: number;
  readonly status?: HttpStatus;

  constructor(
    readonly code: ErrorCode,
    message: string,
    { details, cause, retryAfterSeconds, status }: DomainExceptionOptions = {},
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'DomainException';
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
    this.status = status;
  }
}
