import {
  ArgumentMetadata,
  Injectable,
  ValidationError,
  ValidationPipe,
  type Type,
} from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DomainException } from '../errors/domain.exception';
import { ErrorCode } from '../errors/error-code.enum';

/** Keys that never belong in a request body: class-transformer drops them before whitelisting. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** No request body of ours nests deeper than this; deeper JSON is hostile. */
const MAX_DEPTH = 16;

function collect(errors: ValidationError[], prefix = '', out: Record<string, string[]> = {}) {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) out[path] = Object.values(error.constraints);
    if (error.children?.length) collect(error.children, path, out);
  }
  return out;
}

/**
 * The first problem in words a UI can show verbatim. Messages name their property; a nested
 * path (or a message that does not name it) is prefixed, so the field is never lost.
 */
function validationHeadline(fields: Record<string, string[]>): string {
  const [path, messages] = Object.entries(fields)[0] ?? ['body', []];
  const message = messages[0] ?? 'is invalid';
  const property = path.split('.').pop() ?? path;
  return path === property && message.split(' ').includes(property)
    ? message
    : `${path}: ${message}`;
}

/** The 400 of invalid fields, for checks a DTO cannot express (configured bounds, DNS). */
export function invalid(fields: Record<string, string[]>): DomainException {
  return new DomainException(ErrorCode.VALIDATION_ERROR, validationHeadline(fields), {
    details: { fields },
  });
}

export const OBJECT_REQUIRED = { body: ['body must be a JSON object'] };

const OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  stopAtFirstError: false,
  validationError: { target: false, value: false },
};

/** The exact 400 the pipe gives for `plain` sent as a `metatype` body (for documentation). */
export function validationErrorFor(metatype: Type<object>, plain: object): DomainException {
  const errors = validateSync(plainToInstance(metatype, plain), OPTIONS);
  if (errors.length === 0) throw new Error(`${metatype.name} accepts ${JSON.stringify(plain)}`);
  return invalid(collect(errors));
}

/** Walks the raw JSON iteratively (no recursion on hostile depth) for forbidden keys and depth. */
function assertSafeShape(value: unknown): void {
  const stack: { node: unknown; path: string; depth: number }[] = [
    { node: value, path: '', depth: 0 },
  ];
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > MAX_DEPTH) {
      throw invalid({
        [path || 'body']: [`nesting deeper than ${MAX_DEPTH} levels is not allowed`],
      });
    }
    for (const key of Object.keys(node)) {
      const child = path ? `${path}.${key}` : key;
      // Inherited names (toString, valueOf, …) are skipped by class-transformer, so the whitelist
      // would never see them.
      if (FORBIDDEN_KEYS.has(key) || key in Object.prototype) {
        throw invalid({ [child]: [`property ${key} should not exist`] });
      }
      stack.push({ node: (node as Record<string, unknown>)[key], path: child, depth: depth + 1 });
    }
  }
}

/**
 * Whitelisting, strict validation whose failures become the domain error envelope. Bodies must
 * be JSON objects (or absent); prototype keys and absurd nesting are refused before any transformation.
 */
@Injectable()
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      ...OPTIONS,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      exceptionFactory: (errors) => invalid(collect(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object) {
      // A JSON `null` is "no body": fine where every field is optional, otherwise the answer is
      // that an object is required (naming the missing fields of an absent body would mislead).
      if (value === null) {
        try {
          return await super.transform({}, metadata);
        } catch {
          throw invalid(OBJECT_REQUIRED);
        }
      }
      // A missing body is validated as {} (each required field is then named); anything that is
      // present but not an object is refused as a whole.
      if (value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
        throw invalid(OBJECT_REQUIRED);
      }
      assertSafeShape(value);
    }
    return super.transform(value, metadata);
  }
}
