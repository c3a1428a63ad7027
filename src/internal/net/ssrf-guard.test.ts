import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyAddress } from './ip-address.js';
import { sendGuardedRequest } from './guarded-request.js';
import { assertAllowedUrl, BlockedAddressError, resolveAllowedAddresses, type ResolveHost } from './ssrf-guard.js';

const strict = { allowPrivateNetwork: false };
const open = { allowPrivateNetwork: true };

describe('classifyAddress', () => {
  it.each([
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['169.254.0.1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['100.64.0.1', 'carrier-grade-nat'],
    ['100.127.255.255', 'carrier-grade-nat'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['192.0.2.10', 'documentation'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456:789a::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['0:0:0:0:0:ffff:192.168.0.1', 'private'],
    ['::127.0.0.1', 'loopback'],
    ['::ffff:0:127.0.0.1', 'loopback'],
    ['64:ff9b::169.254.169.254', 'link-local'],
    ['64:ff9b::a00:1', 'private'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:c0a8:101::1', 'private'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
    ['not-an-ip', 'invalid'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address).kind).toBe(kind);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '169.253.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '2002:808:808::1', '64:ff9b::808:808'])(
    '%s is public',
    (address) => {
      expect(classifyAddress(address).kind).toBe('public');
    },
  );
});

describe('assertAllowedUrl', () => {
  const fakeDns =
    (table: Record<string, string[]>): ResolveHost =>
    async (host) => {
      const addresses = table[host];
      if (!addresses) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
      return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };
  const dns = fakeDns({
    'hooks.example.com': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
    'metadata.example.com': ['169.254.169.254'],
    'mixed.example.com': ['93.184.216.34', '10.0.0.5'],
    'v6local.example.com': ['fd00::1'],
    'mapped.example.com': ['::ffff:127.0.0.1'],
  });

  it.each([
    'http://127.0.0.1/hook',
    'http://localhost:8080/hook',
    'http://2130706433/', // decimal 127.0.0.1
    'http://0x7f.1/', // hex shorthand
    'http://017700000001/', // octal
    'http://127.1/',
    'http://0/',
    'http://[::1]:9000/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[fe80::1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://100.64.1.1/',
    'https://metadata.example.com/',
    'https://mixed.example.com/',
    'https://v6local.example.com/',
    'https://mapped.example.com/',
  ])('refuses %s', async (url) => {
    const resolve: ResolveHost = async (host) => (host === 'localhost' ? [{ address: '127.0.0.1', family: 4 }] : dns(host));
    await expect(assertAllowedUrl(url, strict, resolve)).rejects.toBeInstanceOf(BlockedAddressError);
  });

  it('accepts a host whose addresses are all public', async () => {
    const url = await assertAllowedUrl('https://hooks.example.com/in', strict, dns);
    expect(url.hostname).toBe('hooks.example.com');
  });

  it('refuses hosts that do not resolve, and schemes other than http(s)', async () => {
    await expect(assertAllowedUrl('https://nowhere.example.com/', strict, dns)).rejects.toMatchObject({ reason: 'unresolvable' });
    await expect(assertAllowedUrl('ftp://hooks.example.com/', strict, dns)).rejects.toMatchObject({ reason: 'scheme' });
    await expect(assertAllowedUrl('file:///etc/passwd', open, dns)).rejects.toMatchObject({ reason: 'scheme' });
    await expect(assertAllowedUrl('not a url', open, dns)).rejects.toMatchObject({ reason: 'invalid' });
  });

  it('lets everything through when private networks are allowed, without resolving', async () => {
    await expect(assertAllowedUrl('http://127.0.0.1:1/x', open, dns)).resolves.toBeInstanceOf(URL);
    await expect(assertAllowedUrl('http://nowhere.example.com/', open, dns)).resolves.toBeInstanceOf(URL);
  });

  it('names the reason in the error', async () => {
    await expect(resolveAllowedAddresses('metadata.example.com', strict, dns)).rejects.toThrow(/link-local/);
  });
});

describe('sendGuardedRequest', () => {
  let server: http.Server;
  let port = 0;
  let hits = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits++;
      if (req.url === '/redirect') {
        res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
      } else if (req.url === '/big') {
        res.writeHead(200).end('x'.repeat(5000));
      } else if (req.url === '/slow') {
        setTimeout(() => res.writeHead(200).end('late'), 2000).unref();
      } else {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('refuses a loopback target without connecting', async () => {
    const before = hits;
    await expect(sendGuardedRequest({ url: `http://127.0.0.1:${port}/`, policy: strict, timeoutMs: 1000 })).rejects.toBeInstanceOf(BlockedAddressError);
    await expect(sendGuardedRequest({ url: `http://localhost:${port}/`, policy: strict, timeoutMs: 1000 })).rejects.toBeInstanceOf(BlockedAddressError);
    expect(hits).toBe(before);
  });

  it('connects to the address the guarded lookup checked (pinned), not a second DNS answer', async () => {
    // The fake resolver is the only thing that knows this name: if the socket did its own lookup, it would fail.
    const resolve: ResolveHost = async () => [{ address: '127.0.0.1', family: 4 }];
    const res = await sendGuardedRequest({ url: `http://receiver.invalid:${port}/`, policy: open, timeoutMs: 1000, resolve });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('ok');
    await expect(sendGuardedRequest({ url: `http://receiver.invalid:${port}/`, policy: strict, timeoutMs: 1000, resolve })).rejects.toMatchObject({
      reason: 'loopback',
    });
  });

  it('does not follow redirects, keeps at most maxResponseBytes, and times out', async () => {
    const redirect = await sendGuardedRequest({ url: `http://127.0.0.1:${port}/redirect`, policy: open, timeoutMs: 1000 });
    expect(redirect.status).toBe(302);
    const big = await sendGuardedRequest({ url: `http://127.0.0.1:${port}/big`, policy: open, timeoutMs: 1000, maxResponseBytes: 1024 });
    expect(big.body.length).toBe(1024);
    expect(big.truncated).toBe(true);
    await expect(sendGuardedRequest({ url: `http://127.0.0.1:${port}/slow`, policy: open, timeoutMs: 150 })).rejects.toThrow(/within 150 ms/);
  });
});
