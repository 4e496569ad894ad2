import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainException } from '../errors/domain.exception';
import { ErrorCode } from '../errors/error-code.enum';

function collect(errors: ValidationError[], prefix = '', out: Record<string, string[]> = {}) {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) out[path] = Object.values(error.constraints);
    if (error.children?.length) collect(error.children, path, out);
  }
  return out;
}

/** Whitelisting, strict validation pipe whose failures become the domain error envelope. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = collect(errors);
      return new DomainException(ErrorCode.VALIDATION_ERROR, 'Validation failed', { fields });
    },
  });
}
