import { errors } from '../internal/errors/errors.js';

/** `example.com`, `*.example.com`, `app.example.com`, `localhost`, optionally with a `:port`. */
const DOMAIN_PATTERN = /^(\*\.)?(?=.{1,253}(:|$))[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?$/;

export const MAX_ALLOWED_DOMAINS = 50;

/** Validates and normalizes the domains an API key may be embedded from (lower case, no duplicates). */
export function normalizeAllowedDomains(domains: readonly string[] | undefined, field = 'allowed_domains'): string[] {
  if (!domains) return [];
  if (domains.length > MAX_ALLOWED_DOMAINS) {
    throw errors.fieldInvalid(field, `At most ${MAX_ALLOWED_DOMAINS} allowed domains can be set.`);
  }
  const out: string[] = [];
  for (const raw of domains) {
    const domain = String(raw).trim().toLowerCase();
    if (!DOMAIN_PATTERN.test(domain)) {
      throw errors.fieldInvalid(
        field,
        `'${String(raw).slice(0, 100)}' is not a valid domain; use e.g. example.com, *.example.com or localhost.`,
      );
    }
    if (!out.includes(domain)) out.push(domain);
  }
  return out;
}

/**
 * Whether a page embedded from `origin` (an Origin/Referer URL or a bare host) may use a key with
 * these allowed domains. An empty list allows every origin. `*.example.com` matches subdomains only;
 * an entry without a port matches any port.
 */
export function isOriginAllowed(allowedDomains: readonly string[], origin: string | undefined): boolean {
  if (allowedDomains.length === 0) return true;
  if (!origin) return false;
  let host: string;
  let port: string;
  try {
    const url = new URL(origin.includes('://') ? origin : `http://${origin}`);
    host = url.hostname.toLowerCase();
    port = url.port;
  } catch {
    return false;
  }
  return allowedDomains.some((entry) => {
    const [pattern, entryPort] = entry.split(':') as [string, string | undefined];
    if (entryPort !== undefined && entryPort !== port) return false;
    if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
    return host === pattern;
  });
}
