import { ValidateIf } from 'class-validator';

/**
 * Optional means "may be absent", not "may be null": class-validator's IsOptional() lets `null`
 * through to the service (and past property defaults), so only `undefined` skips validation.
 */
export const OptionalField = () =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);
