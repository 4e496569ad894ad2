import { redactUpstreamText, redactUrl, scrubSecrets } from './redact';

describe('redactUrl', () => {
  it('masks secret query parameters and keeps the rest', () => {
    expect(redactUrl('/tt/user/info?username=x&token=SECRET123&depth=1')).toBe(
      '/tt/user/info?username=x&token=[REDACTED]&depth=1',
    );
    expect(redactUrl('/a?api_key=abc')).toBe('/a?api_key=[REDACTED]');
    expect(redactUrl('/api/v1/profile')).toBe('/api/v1/profile');
  });
});

describe('scrubSecrets', () => {
  it('removes every occurrence of each secret', () => {
    expect(scrubSecrets('a sk-123456 b sk-123456', ['sk-123456'])).toBe(
      'a [REDACTED] b [REDACTED]',
    );
  });
  it('ignores secrets too short to be meaningful', () => {
    expect(scrubSecrets('abc', ['ab'])).toBe('abc');
  });
});

describe('redactUpstreamText', () => {
  it('drops URLs, secret parameters in free text and the configured secrets', () => {
    expect(
      redactUpstreamText('see https://x.test/a?token=t1 or /b?token=t2 "q" with secret-123456', [
        'secret-123456',
      ]),
    ).toBe('see [URL] or /b?token=[REDACTED] "q" with [REDACTED]');
  });
});
