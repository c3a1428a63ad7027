import dns from 'node:dns';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { classifyAddress, isIpLiteral, stripBrackets, type AddressKind } from './ip-address.js';

/**
 * The SSRF guard for every request the server makes on a user's behalf (webhooks, document URLs): the
 * target's host is resolved and every address it resolves to must be public. A host with one private
 * address among public ones is refused whole, since the connection could land on any of them.
 */
export interface NetworkPolicy {
  /** DOCSIFT_ALLOW_PRIVATE_NETWORK: on-premise receivers and tests may live on private addresses. */
  allowPrivateNetwork: boolean;
}

/** Resolves a host name to all of its addresses (injectable so tests can stand in for DNS). */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

export const resolveWithDns: ResolveHost = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

export type BlockedReason = Exclude<AddressKind, 'public'> | 'scheme' | 'unresolvable';

/** Refused by the guard. `message` is safe to show the user (it names the host, never internal detail beyond it). */
export class BlockedAddressError extends Error {
  readonly reason: BlockedReason;
  readonly hostname: string;
  readonly address: string | undefined;
  constructor(options: { reason: BlockedReason; hostname: string; address?: string; message: string }) {
    super(options.message);
    this.name = 'BlockedAddressError';
    this.reason = options.reason;
    this.hostname = options.hostname;
    this.address = options.address;
  }
}

function describe(kind: BlockedReason): string {
  const words: Record<BlockedReason, string> = {
    private: 'a private',
    loopback: 'a loopback',
    'link-local': 'a link-local',
    unspecified: 'an unspecified',
    'carrier-grade-nat': 'a carrier-grade NAT',
    'unique-local': 'a unique-local (private)',
    multicast: 'a multicast',
    documentation: 'a documentation-only',
    reserved: 'a reserved',
    invalid: 'an invalid',
    scheme: 'an unsupported',
    unresolvable: 'an unresolvable',
  };
  return words[kind];
}

/** Throws a BlockedAddressError unless `address` (an IP literal) is public or the policy allows private ones. */
export function assertAllowedAddress(address: string, policy: NetworkPolicy, hostname = address): void {
  if (policy.allowPrivateNetwork) return;
  const { kind } = classifyAddress(address);
  if (kind === 'public') return;
  const shown = hostname === address ? address : `${hostname} (${address})`;
  throw new BlockedAddressError({
    reason: kind,
    hostname,
    address,
    message: `${shown} is ${describe(kind)} address; requests to private, loopback and link-local networks are refused (DOCSIFT_ALLOW_PRIVATE_NETWORK).`,
  });
}

/**
 * Resolves `hostname` (a name or an IP literal, brackets allowed) and returns its addresses, every one
 * of them checked. Under allowPrivateNetwork the addresses are returned unchecked.
 */
export async function resolveAllowedAddresses(
  hostname: string,
  policy: NetworkPolicy,
  resolve: ResolveHost = resolveWithDns,
): Promise<LookupAddress[]> {
  const host = stripBrackets(hostname);
  if (isIpLiteral(host)) {
    assertAllowedAddress(host, policy);
    return [{ address: classifyAddress(host).address, family: host.includes(':') ? 6 : 4 }];
  }
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(host);
  } catch (err) {
    throw new BlockedAddressError({
      reason: 'unresolvable',
      hostname: host,
      message: `${host} could not be resolved (${(err as NodeJS.ErrnoException).code ?? 'DNS error'}).`,
    });
  }
  if (addresses.length === 0) {
    throw new BlockedAddressError({ reason: 'unresolvable', hostname: host, message: `${host} has no addresses.` });
  }
  for (const a of addresses) assertAllowedAddress(a.address, policy, host);
  return addresses;
}

/**
 * Checks a URL the way a request to it will be checked: http(s) only, host resolved, every address
 * public (unless the policy allows private networks). For validating targets when they are saved.
 * Returns the parsed URL.
 */
export async function assertAllowedUrl(url: string | URL, policy: NetworkPolicy, resolve: ResolveHost = resolveWithDns): Promise<URL> {
  const parsed = checkUrlShape(url);
  if (!policy.allowPrivateNetwork) await resolveAllowedAddresses(parsed.hostname, policy, resolve);
  return parsed;
}

/** Parses and checks the scheme only (no DNS): http and https, with a host. */
export function checkUrlShape(url: string | URL): URL {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    throw new BlockedAddressError({ reason: 'invalid', hostname: '', message: `'${String(url).slice(0, 200)}' is not a valid URL.` });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new BlockedAddressError({
      reason: 'scheme',
      hostname: parsed.hostname,
      message: `Only http and https URLs are allowed, not ${parsed.protocol.replace(/:$/, '')}.`,
    });
  }
  if (!parsed.hostname) throw new BlockedAddressError({ reason: 'invalid', hostname: '', message: 'The URL has no host.' });
  return parsed;
}

/**
 * A `lookup` for node:net / node:http that resolves and checks in one step, so the socket connects to
 * exactly the address that was checked: a DNS answer that changes between a check and the connect (DNS
 * rebinding) cannot slip a private address in. Node skips `lookup` for IP-literal hosts, so callers
 * check those with assertAllowedAddress first (sendGuardedRequest does).
 */
export function createGuardedLookup(policy: NetworkPolicy, resolve: ResolveHost = resolveWithDns): LookupFunction {
  return (hostname, options, callback) => {
    resolveAllowedAddresses(hostname, policy, resolve).then(
      (addresses) => {
        const family = typeof options === 'object' && options ? options.family : undefined;
        const wanted = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
        if (wanted.length === 0) {
          const err = Object.assign(new Error(`${hostname} has no IPv${family} address`), { code: 'ENOTFOUND' });
          callback(err, '', 0);
          return;
        }
        if (typeof options === 'object' && options?.all) {
          (callback as unknown as (err: null, addresses: LookupAddress[]) => void)(null, wanted);
        } else {
          callback(null, wanted[0]!.address, wanted[0]!.family);
        }
      },
      (err: Error) => callback(err as NodeJS.ErrnoException, '', 0),
    );
  };
}
