import path from 'node:path';
import { errors } from '../../internal/errors/errors.js';
import { RequestTimeoutError, sendGuardedRequest } from '../../internal/net/guarded-request.js';
import { BlockedAddressError, type NetworkPolicy } from '../../internal/net/ssrf-guard.js';
import type { IncomingFile } from '../../documents/files-service.js';

const MAX_REDIRECTS = 5;
const TIMEOUT_MS = 30_000;

/**
 * Downloads a document a run names by URL, before anything is created: every hop goes through the
 * SSRF guard (redirects are followed by hand so each target is checked afresh), the body is capped
 * at the upload limit, and any failure is the client's 400 naming the URL, so a retried request
 * never leaves a run behind.
 */
export async function fetchDocument(options: { url: string; name?: string; policy: NetworkPolicy; maxBytes: number; field: string }): Promise<IncomingFile> {
  let url = options.url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let res;
    try {
      res = await sendGuardedRequest({ url, method: 'GET', policy: options.policy, timeoutMs: TIMEOUT_MS, maxResponseBytes: options.maxBytes + 1 });
    } catch (err) {
      if (err instanceof BlockedAddressError) throw errors.fieldInvalid(options.field, err.message);
      if (err instanceof RequestTimeoutError) throw errors.fieldInvalid(options.field, `The file URL did not answer within ${TIMEOUT_MS / 1000} s.`);
      throw errors.fieldInvalid(options.field, `The file URL could not be fetched: ${(err as Error).message}.`);
    }
    const location = res.headers.location;
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url).toString();
      continue;
    }
    if (res.status < 200 || res.status >= 300) {
      throw errors.fieldInvalid(options.field, `The file URL answered HTTP ${res.status}.`);
    }
    if (res.truncated || res.body.length > options.maxBytes) throw errors.fileTooLarge(options.maxBytes);
    return { filename: options.name ?? filenameOf(url), bytes: res.body };
  }
  throw errors.fieldInvalid(options.field, `The file URL redirected more than ${MAX_REDIRECTS} times.`);
}

function filenameOf(url: string): string {
  try {
    const base = path.posix.basename(decodeURIComponent(new URL(url).pathname));
    return base || 'document';
  } catch {
    return 'document';
  }
}
