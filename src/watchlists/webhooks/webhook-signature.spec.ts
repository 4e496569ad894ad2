import { createHmac } from 'node:crypto';
import { newWebhookSecret, signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signature', () => {
  const secret = 'whsec_test';
  const body = '{"event":"watchlist.run.completed"}';
  const now = Date.UTC(2026, 11, 2, 12, 0, 0);

  it('is t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>', () => {
    const t = now / 1000;
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signWebhook(secret, body, now)).toBe(`t=${t},v1=${expected}`);
  });

  it('verifies its own signature within the tolerance, and nothing else', () => {
    const header = signWebhook(secret, body, now);
    expect(verifyWebhook(secret, body, header, now + 299_000)).toBe(true);
    expect(verifyWebhook(secret, body, header, now + 301_000)).toBe(false);
    expect(verifyWebhook('whsec_other', body, header, now)).toBe(false);
    expect(verifyWebhook(secret, `${body} `, header, now)).toBe(false);
    expect(verifyWebhook(secret, body, header.replace(/v1=../, 'v1=00'), now)).toBe(false);
    expect(verifyWebhook(secret, body, 'garbage', now)).toBe(false);
    expect(verifyWebhook(secret, body, `t=${now / 1000},v1=abc`, now)).toBe(false);
  });

  it('makes distinct, prefixed secrets', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
