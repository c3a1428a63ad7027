import { errors } from '../errors/errors.js';
import type { BlobStore } from './blob-store.js';

/**
 * Every blob store this process can reach, keyed by kind. New blobs go to `current` (DOCSIFT_BLOB_STORE);
 * each read, stream and delete goes to the store its file row names in `blob_store`, so switching an
 * install from fs to s3 (or back) leaves the files written before the switch readable.
 */
export class BlobStores {
  readonly current: BlobStore;
  private readonly byKind = new Map<string, BlobStore>();

  constructor(current: BlobStore, others: BlobStore[] = []) {
    this.current = current;
    for (const store of [current, ...others]) {
      if (this.byKind.has(store.kind)) throw new Error(`two blob stores of kind '${store.kind}'`);
      this.byKind.set(store.kind, store);
    }
  }

  /** The store holding a file row's blob; a kind this process isn't configured for is a clear 503. */
  of(kind: string): BlobStore {
    const store = this.byKind.get(kind);
    if (store) return store;
    const hint = kind === 's3' ? ' Set S3_BUCKET (and S3_ENDPOINT, S3_REGION, credentials) to read it.' : '';
    throw errors.unavailable(`This file is kept in the '${kind}' blob store, which this server is not configured for.${hint}`);
  }

  get kinds(): string[] {
    return [...this.byKind.keys()];
  }
}
