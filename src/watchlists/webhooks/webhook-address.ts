import { BlockList, isIP } from 'node:net';

/*
 * Where a webhook may not point: loopback, private, carrier-grade NAT, link-local (which holds
 * the cloud metadata services, 169.254.169.254 and fd00:ec2::254), multicast, reserved and
 * unspecified addresses, in IPv4 and IPv6 (IPv4-mapped IPv6 addresses are checked as IPv4).
 * The documentation ranges (TEST-NET, 2001:db8::/32) reach nothing inside and stay allowed.
 */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv6');
}

const MAPPED_V4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** True for an address a webhook must not reach (anything not a valid IP counts as blocked). */
export function isPrivateAddress(address: string): boolean {
  const mapped = MAPPED_V4.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]);
  const family = isIP(address);
  if (family === 0) return true;
  return BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export type WebhookUrlProblem = 'invalid' | 'scheme' | 'credentials';

/** Parses a webhook URL: http(s) only, no user:password part. */
export function parseWebhookUrl(raw: string): URL | WebhookUrlProblem {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'invalid';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'scheme';
  if (url.username !== '' || url.password !== '') return 'credentials';
  return url;
}

/** The URL's host without IPv6 brackets, as DNS and `isIP` expect it. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}
