import { hostOf, isPrivateAddress, parseWebhookUrl } from './webhook-address';

describe('webhook addresses', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.0.0.1',
    '172.16.5.4',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd00:ec2::254',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    'ff02::1',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows %s',
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );

  it('parses http(s) URLs only, without credentials', () => {
    expect(parseWebhookUrl('ftp://example.com/x')).toBe('scheme');
    expect(parseWebhookUrl('javascript:alert(1)')).toBe('scheme');
    expect(parseWebhookUrl('not a url')).toBe('invalid');
    expect(parseWebhookUrl('https://user:pw@example.com/')).toBe('credentials');
    const url = parseWebhookUrl('https://[::1]:8443/hook');
    expect(typeof url).not.toBe('string');
    expect(hostOf(url as URL)).toBe('::1');
  });
});
