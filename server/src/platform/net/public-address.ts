import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

export class AddressRefused extends Error {}

/** True when ip is an ordinary public unicast address or inside one of the allowed ranges. */
export function isReachableAddress(ip: string, allowCidrs: readonly string[]): boolean {
  let parsed = ipaddr.parse(ip);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  for (const cidr of allowCidrs) {
    const [range, bits] = cidr.includes('/') ? ipaddr.parseCIDR(cidr) : [ipaddr.parse(cidr), ipaddr.parse(cidr).kind() === 'ipv4' ? 32 : 128];
    if (range.kind() === parsed.kind() && parsed.match(range, bits)) {
      return true;
    }
  }
  return parsed.range() === 'unicast';
}

/** True for an address on the company's own network (allowed by KEFU_ALLOW_PRIVATE_CIDRS), where plaintext may be all a server speaks. */
export function isInsideAddress(ip: string): boolean {
  let parsed = ipaddr.parse(ip);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() !== 'unicast';
}

/**
 * Resolves a host an admin gave (a mail server) to the one address Kefu will connect to,
 * refusing private, loopback and link-local ones unless allowed: connecting to the
 * checked address, not the name, keeps DNS rebinding from reaching the inside.
 */
export async function resolvePublicAddress(host: string, allowCidrs: readonly string[]): Promise<string> {
  let address: string;
  try {
    ({ address } = await lookup(host));
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'lookup failed';
    throw new AddressRefused(`cannot find the host ${host} (${code})`);
  }
  if (!isReachableAddress(address, allowCidrs)) {
    throw new AddressRefused(`${host} resolves to ${address}, a private or local address (allow it with KEFU_ALLOW_PRIVATE_CIDRS)`);
  }
  return address;
}
