import type { ExecutionContext } from '@nestjs/common';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code.enum';
import type { AppConfig } from '../config/configuration';
import { AdminApiKeyGuard } from './admin-api-key.guard';

function contextWith(headers: Record<string, string>): ExecutionContext {
  const req = { headers };
  return { switchToHttp: () => ({ getRequest: () => req }) } as unknown as ExecutionContext;
}

function guard(adminApiKey: string | undefined): AdminApiKeyGuard {
  return new AdminApiKeyGuard({ adminApiKey } as AppConfig);
}

function codeOf(run: () => unknown): ErrorCode | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainException) return error.code;
    throw error;
  }
  return undefined;
}

describe('AdminApiKeyGuard', () => {
  it('refuses with FORBIDDEN when no admin key is configured', () => {
    expect(codeOf(() => guard(undefined).canActivate(contextWith({ 'x-api-key': 'x' })))).toBe(
      ErrorCode.FORBIDDEN,
    );
  });

  it('refuses with UNAUTHORIZED on a missing, shorter, longer or different key', () => {
    const attempts: Record<string, string>[] = [
      {},
      { 'x-api-key': 'secre' },
      { 'x-api-key': 'secret!' },
      { 'x-api-key': 'terces' },
    ];
    for (const headers of attempts) {
      expect(codeOf(() => guard('secret').canActivate(contextWith(headers)))).toBe(
        ErrorCode.UNAUTHORIZED,
      );
    }
  });

  it('lets the right key through either header', () => {
    expect(guard('secret').canActivate(contextWith({ 'x-api-key': 'secret' }))).toBe(true);
    expect(guard('secret').canActivate(contextWith({ authorization: 'Bearer secret' }))).toBe(true);
  });
});
