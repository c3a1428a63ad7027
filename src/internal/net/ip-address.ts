import net from 'node:net';

/** Why an address is not a public unicast one; `public` is the only kind outbound requests may reach. */
export type AddressKind =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'unspecified'
  | 'carrier-grade-nat'
  | 'unique-local'
  | 'multicast'
  | 'documentation'
  | 'reserved'
  | 'invalid';

export interface AddressClass {
  /** The address as given (brackets and zone id removed). */
  address: string;
  kind: AddressKind;
  /** For IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4): that address. */
  embeddedIPv4?: string;
}

type Range = [prefix: number[], bits: number, kind: AddressKind];

// IANA special-purpose registries (RFC 6890 and successors), narrowed to what a server-side request must
// never reach. Anything not listed is public.
const IPV4_RANGES: Range[] = [
  [[0, 0, 0, 0], 8, 'unspecified'], // "this network"; 0.0.0.0 reaches the local host on Linux
  [[10, 0, 0, 0], 8, 'private'],
  [[100, 64, 0, 0], 10, 'carrier-grade-nat'],
  [[127, 0, 0, 0], 8, 'loopback'],
  [[169, 254, 0, 0], 16, 'link-local'], // includes the cloud metadata address 169.254.169.254
  [[172, 16, 0, 0], 12, 'private'],
  [[192, 0, 0, 0], 24, 'reserved'],
  [[192, 0, 2, 0], 24, 'documentation'],
  [[192, 88, 99, 0], 24, 'reserved'],
  [[192, 168, 0, 0], 16, 'private'],
  [[198, 18, 0, 0], 15, 'reserved'],
  [[198, 51, 100, 0], 24, 'documentation'],
  [[203, 0, 113, 0], 24, 'documentation'],
  [[224, 0, 0, 0], 4, 'multicast'],
  [[240, 0, 0, 0], 4, 'reserved'], // includes the broadcast address 255.255.255.255
];

const IPV6_RANGES: Range[] = [
  [[0x00, 0x64, 0xff, 0x9b, 0, 1], 48, 'reserved'], // local-use NAT64
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64, 'reserved'], // discard-only
  [[0x20, 0x01, 0x00, 0x00], 32, 'reserved'], // Teredo: the IPv4 inside is obfuscated, so refuse it whole
  [[0x20, 0x01, 0x0d, 0xb8], 32, 'documentation'],
  [[0xfc], 7, 'unique-local'],
  [[0xfe, 0x80], 10, 'link-local'],
  [[0xfe, 0xc0], 10, 'private'], // deprecated site-local
  [[0xff], 8, 'multicast'],
];

function inRange(bytes: readonly number[], prefix: readonly number[], bits: number): boolean {
  for (let i = 0; i < bits; i += 8) {
    const remaining = Math.min(8, bits - i);
    const mask = (0xff << (8 - remaining)) & 0xff;
    if (((bytes[i / 8] ?? 0) & mask) !== ((prefix[i / 8] ?? 0) & mask)) return false;
  }
  return true;
}

function classifyIPv4Bytes(bytes: number[]): AddressKind {
  for (const [prefix, bits, kind] of IPV4_RANGES) if (inRange(bytes, prefix, bits)) return kind;
  return 'public';
}

function parseIPv4(text: string): number[] | null {
  if (!net.isIPv4(text)) return null;
  return text.split('.').map(Number);
}

/** 16 bytes, or null. Accepts `::` compression and a trailing dotted quad (`::ffff:127.0.0.1`). */
export function parseIPv6(text: string): number[] | null {
  if (!net.isIPv6(text)) return null;
  let head = text;
  const tailBytes: number[] = [];
  const lastColon = head.lastIndexOf(':');
  const last = head.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseIPv4(last);
    if (!v4) return null;
    head = `${head.slice(0, lastColon + 1)}0:0`;
    tailBytes.push(...v4);
  }
  const [left, right] = head.includes('::') ? head.split('::') : [head, undefined];
  const groups = (s: string | undefined) => (s ? s.split(':').filter((g) => g !== '') : []);
  const leftGroups = groups(left);
  const rightGroups = groups(right);
  const missing = 8 - leftGroups.length - rightGroups.length;
  const all = right === undefined ? leftGroups : [...leftGroups, ...Array<string>(missing).fill('0'), ...rightGroups];
  if (all.length !== 8) return null;
  const bytes: number[] = [];
  for (const g of all) {
    const n = parseInt(g, 16);
    bytes.push(n >> 8, n & 0xff);
  }
  if (tailBytes.length) bytes.splice(12, 4, ...tailBytes);
  return bytes;
}

/** The IPv4 address an IPv6 form carries, when it is one of the forms that route to IPv4. */
function embeddedIPv4(bytes: number[]): number[] | null {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (deprecated compatible form)
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12);
  if (zeros(0, 12)) return bytes.slice(12);
  // ::ffff:0:a.b.c.d (SIIT IPv4-translated)
  if (zeros(0, 8) && bytes[8] === 0xff && bytes[9] === 0xff && bytes[10] === 0 && bytes[11] === 0) return bytes.slice(12);
  // 64:ff9b::a.b.c.d (well-known NAT64 prefix)
  if (inRange(bytes, [0x00, 0x64, 0xff, 0x9b], 32) && zeros(4, 12)) return bytes.slice(12);
  // 2002:AABB:CCDD::/48 (6to4)
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return bytes.slice(2, 6);
  return null;
}

/** Strips URL brackets (`[::1]`) and an IPv6 zone id (`fe80::1%eth0`). */
function bareAddress(text: string): string {
  let s = text.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const zone = s.indexOf('%');
  return zone >= 0 ? s.slice(0, zone) : s;
}

/** Classifies an IP address literal; anything that is not an IP literal is `invalid`. */
export function classifyAddress(text: string): AddressClass {
  const address = bareAddress(text);
  const v4 = parseIPv4(address);
  if (v4) return { address, kind: classifyIPv4Bytes(v4) };
  const v6 = parseIPv6(address);
  if (!v6) return { address, kind: 'invalid' };
  if (v6.every((b) => b === 0)) return { address, kind: 'unspecified' };
  if (v6.slice(0, 15).every((b) => b === 0) && v6[15] === 1) return { address, kind: 'loopback' };
  const inner = embeddedIPv4(v6);
  if (inner) return { address, kind: classifyIPv4Bytes(inner), embeddedIPv4: inner.join('.') };
  for (const [prefix, bits, kind] of IPV6_RANGES) if (inRange(v6, prefix, bits)) return { address, kind };
  return { address, kind: 'public' };
}

/** True for an IP literal (v4 or v6, bracketed or not). */
export function isIpLiteral(text: string): boolean {
  return net.isIP(bareAddress(text)) !== 0;
}

export function stripBrackets(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}
