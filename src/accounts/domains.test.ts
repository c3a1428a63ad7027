import { describe, expect, it } from 'vitest';
import { AppError } from '../internal/errors/app-error.js';
import { isOriginAllowed, normalizeAllowedDomains } from './domains.js';

describe('normalizeAllowedDomains', () => {
  it('accepts hosts, wildcards, localhost and ports, lower-cased and de-duplicated', () => {
    expect(normalizeAllowedDomains(['Example.com', '*.example.com', 'localhost', 'localhost:5173', 'example.com'])).toEqual([
      'example.com',
      '*.example.com',
      'localhost',
      'localhost:5173',
    ]);
  });

  it('refuses URLs, paths, bare wildcards and empty entries', () => {
    for (const bad of ['https://example.com', 'example.com/path', '*', '*.', '', 'exa mple.com', 'a..b']) {
      expect(() => normalizeAllowedDomains([bad]), bad).toThrow(AppError);
    }
  });
});

describe('isOriginAllowed', () => {
  const allowed = ['example.com', '*.acme.com', 'localhost:5173'];

  it('allows any origin when the list is empty', () => {
    expect(isOriginAllowed([], undefined)).toBe(true);
  });

  it('matches exact hosts on any port, subdomains for wildcards, and ports when given', () => {
    expect(isOriginAllowed(allowed, 'https://example.com')).toBe(true);
    expect(isOriginAllowed(allowed, 'https://example.com:8443')).toBe(true);
    expect(isOriginAllowed(allowed, 'https://app.acme.com')).toBe(true);
    expect(isOriginAllowed(allowed, 'http://localhost:5173')).toBe(true);
  });

  it('refuses other hosts, lookalikes, the wildcard apex, wrong ports and missing origins', () => {
    expect(isOriginAllowed(allowed, 'https://sub.example.com')).toBe(false);
    expect(isOriginAllowed(allowed, 'https://evilacme.com')).toBe(false);
    expect(isOriginAllowed(allowed, 'https://acme.com')).toBe(false);
    expect(isOriginAllowed(allowed, 'http://localhost:3000')).toBe(false);
    expect(isOriginAllowed(allowed, undefined)).toBe(false);
    expect(isOriginAllowed(allowed, 'not a url')).toBe(false);
  });
});
