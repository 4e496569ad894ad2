import type { ErrorCode } from '../../../src/common/errors/error-code.enum';
import type { ErrorEnvelopeDto } from '../../../src/common/errors/error-envelope.dto';
import type { HttpResult } from '../http';

const ENVELOPE_KEYS = new Set(['error', 'code', 'details']);

/**
 * Asserts the response is exactly the public error envelope `{error, code, details?}` with the
 * given status and code: JSON, no other keys (no `message`, `statusCode`, `stack`), no stack
 * trace or file path anywhere in the text.
 */
export function expectErrorEnvelope(
  res: HttpResult,
  status: number,
  code: ErrorCode | `${ErrorCode}`,
): ErrorEnvelopeDto {
  expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { code } });
  expect(res.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  const body = res.body as Record<string, unknown>;
  expect(typeof body).toBe('object');
  expect(Object.keys(body).filter((key) => !ENVELOPE_KEYS.has(key))).toEqual([]);
  expect(typeof body.error).toBe('string');
  expect((body.error as string).length).toBeGreaterThan(0);
  expect(res.text).not.toMatch(/\bat .+:\d+:\d+|\.ts:\d+|node_modules|Error:/);
  return body as unknown as ErrorEnvelopeDto;
}

/** The `details.fields` map of a VALIDATION_ERROR envelope. */
export function validationFields(envelope: ErrorEnvelopeDto): Record<string, string[]> {
  const details = envelope.details as { fields?: Record<string, string[]> } | undefined;
  expect(details?.fields).toBeDefined();
  return details?.fields ?? {};
}
