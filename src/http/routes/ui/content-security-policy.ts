/**
 * The UI's CSP: everything from docsift itself, nothing from anywhere else (no CDN, font or script
 * host). Page images are fetched with the API key and shown as blob: URLs.
 */
const BASE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
];

/**
 * `frame-ancestors` from an API key's allowed domains (`example.com`, `*.example.com`, `host:port`).
 * An entry without a port allows any port, as the embed API's Origin check does. No domains: any
 * page may embed; null (no valid key): only docsift itself.
 */
export function frameAncestors(allowedDomains: readonly string[] | null): string {
  if (allowedDomains === null) return "'self'";
  if (allowedDomains.length === 0) return '*';
  const sources = allowedDomains.flatMap((domain) => {
    const withPort = domain.includes(':') ? domain : `${domain}:*`;
    return [`http://${withPort}`, `https://${withPort}`];
  });
  return ["'self'", ...sources].join(' ');
}

export function contentSecurityPolicy(ancestors: string): string {
  return [...BASE_POLICY, `frame-ancestors ${ancestors}`].join('; ');
}
