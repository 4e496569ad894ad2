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
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainException';
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  readonly retryAfterSeconds?: number;
}
