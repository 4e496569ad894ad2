import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-code.enum';
import {
  describeErrorBody,
  ensembleMalformed,
  ensembleUnavailable,
  EnsembleUpstreamError,
  isRetryableEnsembleStatus,
  mapEnsembleStatus,
} from './ensemble-status';
import { redactUpstreamText } from '../../common/redaction/redact';

const TOKEN = 'secret-token-abcdef123456';

describe('mapEnsembleStatus', () => {
  it.each([
    [463, ErrorCode.NOT_FOUND],
    [473, ErrorCode.NOT_FOUND],
    [472, ErrorCode.PROFILE_PRIVATE],
    [471, ErrorCode.PROFILE_RESTRICTED],
    [474, ErrorCode.PROFILE_RESTRICTED],
    [520, ErrorCode.PROFILE_RESTRICTED],
    [466, ErrorCode.VALIDATION_ERROR],
    [401, ErrorCode.UPSTREAM_AUTH],
    [403, ErrorCode.UPSTREAM_AUTH],
    [491, ErrorCode.UPSTREAM_AUTH],
    [492, ErrorCode.UPSTREAM_AUTH],
    [493, ErrorCode.UPSTREAM_AUTH],
    [495, ErrorCode.UPSTREAM_QUOTA_EXCEEDED],
    [429, ErrorCode.UPSTREAM_UNAVAILABLE],
    [500, ErrorCode.UPSTREAM_UNAVAILABLE],
    [502, ErrorCode.UPSTREAM_UNAVAILABLE],
    [503, ErrorCode.UPSTREAM_UNAVAILABLE],
    [504, ErrorCode.UPSTREAM_UNAVAILABLE],
    [501, ErrorCode.UPSTREAM_UNAVAILABLE],
    [422, ErrorCode.UPSTREAM_ERROR],
    [400, ErrorCode.UPSTREAM_ERROR],
    [404, ErrorCode.UPSTREAM_ERROR],
    [302, ErrorCode.UPSTREAM_ERROR],
  ])('maps %i to %s', (status, code) => {
    const error = mapEnsembleStatus(status);
    expect(error).toBeInstanceOf(DomainException);
    expect(error.code).toBe(code);
  });

  it('decides by status only: the detail text never changes the code', () => {
    const misleading = new EnsembleUpstreamError(500, '/tt/user/info', 'user not found, private');
    expect(mapEnsembleStatus(500, misleading).code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    const quota = new EnsembleUpstreamError(463, '/tt/user/info', 'Maximum requests limit reached');
    expect(mapEnsembleStatus(463, quota).code).toBe(ErrorCode.NOT_FOUND);
  });

  it('writes its own client-safe messages and keeps the upstream detail in cause only', () => {
    const cause = new EnsembleUpstreamError(
      491,
      '/tt/user/info',
      'Token not found, please sign up at https://dashboard.ensembledata.com/register',
    );
    const error = mapEnsembleStatus(491, cause);
    expect(error.message).not.toMatch(/dashboard|ensembledata|token not found/i);
    expect(error.details).toBeUndefined();
    expect(error.cause).toBe(cause);
    expect(JSON.stringify(error)).not.toContain('dashboard');
  });

  it('turns a 429 Retry-After into whole retryAfterSeconds', () => {
    expect(mapEnsembleStatus(429, undefined, 1500).retryAfterSeconds).toBe(2);
    expect(mapEnsembleStatus(429, undefined, 10).retryAfterSeconds).toBe(1);
    expect(mapEnsembleStatus(429).retryAfterSeconds).toBeUndefined();
  });

  it('points a 466 at the country field', () => {
    expect(mapEnsembleStatus(466).details).toEqual({
      fields: { country: [expect.any(String)] },
    });
  });
});

describe('isRetryableEnsembleStatus', () => {
  it.each([429, 500, 502, 503, 504])('retries %i', (status) => {
    expect(isRetryableEnsembleStatus(status)).toBe(true);
  });

  it.each([200, 400, 422, 463, 466, 471, 472, 473, 474, 491, 492, 493, 495, 501, 520])(
    'does not retry %i',
    (status) => {
      expect(isRetryableEnsembleStatus(status)).toBe(false);
    },
  );
});

describe('ensembleUnavailable / ensembleMalformed', () => {
  it('carry the right codes and generic messages', () => {
    const down = ensembleUnavailable(new Error('Ensemble /tt/user/info timed out after 200 ms'));
    expect(down.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(down.message).not.toContain('/tt/');
    const bad = ensembleMalformed(new Error('x'));
    expect(bad.code).toBe(ErrorCode.UPSTREAM_MALFORMED);
  });
});

describe('describeErrorBody', () => {
  it('extracts a string detail', () => {
    expect(describeErrorBody('{"detail":"Invalid username or user id."}', TOKEN)).toBe(
      'Invalid username or user id.',
    );
  });

  it('joins 422 validation messages and drops echoed input', () => {
    const body = JSON.stringify({
      detail: [
        { loc: ['query', 'token'], msg: 'too short', type: 'value_error', input: TOKEN },
        { loc: ['query', 'depth'], msg: 'must be > 0', type: 'value_error' },
      ],
    });
    const text = describeErrorBody(body, TOKEN);
    expect(text).toBe('too short; must be > 0');
  });

  it('removes URLs, the token and any token= parameter', () => {
    const body = JSON.stringify({
      detail: `bad ${TOKEN} at https://x.test/apis/tt/user/info?username=a&token=other123456789&b=1 (see /x?token=abc123456789012)`,
    });
    const text = describeErrorBody(body, TOKEN);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('x.test');
    expect(text).not.toContain('other123456789');
    expect(text).not.toContain('abc123456789012');
    expect(text).toBe('bad [REDACTED] at [URL] (see /x?token=[REDACTED]');
  });

  it('returns an empty string for non-JSON or detail-less bodies and caps length', () => {
    expect(describeErrorBody('<html>502</html>', TOKEN)).toBe('');
    expect(describeErrorBody('{"error":"x"}', TOKEN)).toBe('');
    expect(describeErrorBody(JSON.stringify({ detail: 'x'.repeat(1000) }), TOKEN)).toHaveLength(
      200,
    );
  });

  it('redactUpstreamText leaves text alone without a secret', () => {
    expect(redactUpstreamText('plain text', [undefined])).toBe('plain text');
  });
});
