import path from 'node:path';
import { sendGuardedRequest, RequestTimeoutError } from '../internal/net/guarded-request.js';
import { assertAllowedUrl, BlockedAddressError, type NetworkPolicy } from '../internal/net/ssrf-guard.js';
import { errors } from '../internal/errors/errors.js';
import type { IncomingFile } from './files-service.js';

export interface FetchDocumentOptions {
  policy: NetworkPolicy;
  maxBytes: number;
  timeoutMs?: number;
}

/**
 * Downloads a document a client named by URL, behind the SSRF guard (no private addresses unless
 * allowed, no redirects followed, connection pinned to the checked address) and the upload size limit.
 * Every failure is a 400 naming the field, before anything is stored.
 */
export async function fetchDocumentUrl(url: string, field: string, options: FetchDocumentOptions): Promise<IncomingFile> {
  let response;
  try {
    await assertAllowedUrl(url, options.policy);
    response = await sendGuardedRequest({
      url,
      method: 'GET',
      policy: options.policy,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxResponseBytes: options.maxBytes + 1,
      headers: { accept: '*/*', 'user-agent': 'docsift' },
    });
  } catch (err) {
    if (err instanceof BlockedAddressError) throw errors.fieldInvalid(field, err.message);
    if (err instanceof RequestTimeoutError) throw errors.fieldInvalid(field, `Fetching ${url} timed out.`);
    throw errors.fieldInvalid(field, `Could not fetch ${url}: ${(err as Error).message}`);
  }
  if (response.status >= 300 && response.status < 400) {
    throw errors.fieldInvalid(field, `${url} answered with a redirect (${response.status}); redirects are not followed.`);
  }
  if (response.status !== 200) throw errors.fieldInvalid(field, `${url} answered with status ${response.status}.`);
  if (response.truncated || response.body.length > options.maxBytes) throw errors.fileTooLarge(options.maxBytes);
  return { filename: filenameOf(url, response.headers['content-disposition']), bytes: response.body };
}

function filenameOf(url: string, disposition: string | undefined): string {
  const named = disposition && /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  if (named) return decodeURIComponent(named);
  const base = path.posix.basename(new URL(url).pathname);
  return base ? decodeURIComponent(base) : 'document';
}
