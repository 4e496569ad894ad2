import { keyDigest, presentedKey, sameDigest } from './api-key';

describe('presentedKey', () => {
  it('reads X-API-Key first, then a Bearer token', () => {
    expect(presentedKey({ headers: { 'x-api-key': ' k1 ' } })).toBe('k1');
    expect(presentedKey({ headers: { authorization: 'Bearer k2' } })).toBe('k2');
    expect(presentedKey({ headers: { authorization: 'bearer   k3' } })).toBe('k3');
    expect(presentedKey({ headers: { authorization: 'Basic abc' } })).toBeUndefined();
    expect(presentedKey({ headers: {} })).toBeUndefined();
  });
});

describe('sameDigest', () => {
  it('compares keys of any length by digest', () => {
    expect(sameDigest(keyDigest('secret'), keyDigest('secret'))).toBe(true);
    expect(sameDigest(keyDigest('secret'), keyDigest('secret!'))).toBe(false);
    expect(sameDigest(keyDigest(''), keyDigest('x'))).toBe(false);
  });
});
