import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { errors } from '../errors/errors.js';
import type { BlobStore, StoredBlob } from './blob-store.js';

/** s3/ab/<32 hex>: distinct from the fs store's keys, so a row's key alone says which store wrote it. */
const KEY_PATTERN = /^s3\/[a-z0-9]{2}\/[a-z0-9]{32}$/;

export interface S3BlobStoreOptions {
  bucket: string;
  /** An S3-compatible endpoint (MinIO, Ceph, s3rver…); unset means AWS. */
  endpoint?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Bucket in the path, not the host name: what most self-hosted S3 servers need (default: true with an endpoint). */
  forcePathStyle?: boolean;
  /** A ready client (tests); the other connection options are then ignored. */
  client?: S3Client;
}

/**
 * Blobs as objects in one S3-compatible bucket, through the AWS SDK v3. A PUT is atomic (an object
 * appears whole or not at all), so unlike the fs store no temp-and-rename is needed. A failed write is
 * reported as 503 SERVICE_UNAVAILABLE: the storage is down, not the request wrong.
 */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: S3BlobStoreOptions) {
    this.bucket = options.bucket;
    this.client =
      options.client ??
      new S3Client({
        endpoint: options.endpoint,
        region: options.region ?? 'us-east-1',
        forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
        credentials:
          options.accessKeyId && options.secretAccessKey
            ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
            : undefined,
        // Only checksum when the operation demands it: many S3-compatible servers don't accept the
        // SDK's default streaming CRC trailers. Integrity is checked by the sha256 docsift records.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        maxAttempts: 3,
      });
  }

  async put(data: Buffer): Promise<StoredBlob> {
    const name = randomBytes(16).toString('hex');
    const key = `s3/${name.slice(0, 2)}/${name}`;
    const sha256 = createHash('sha256').update(data).digest('hex');
    try {
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: data, ContentLength: data.length }));
    } catch (err) {
      throw Object.assign(errors.unavailable('The file store is unavailable; try again later.'), { cause: err });
    }
    return { key, size: data.length, sha256 };
  }

  async get(key: string): Promise<Buffer> {
    const body = await this.getBody(key);
    return Buffer.from(await body.transformToByteArray());
  }

  async stream(key: string): Promise<Readable> {
    const body = await this.getBody(key);
    // In Node the SDK's body is an IncomingMessage (a Readable); anything else is buffered.
    if (body instanceof Readable) return body;
    const bytes = await (body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray();
    return Readable.from(Buffer.from(bytes));
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  /** Closes the client's sockets. */
  close(): void {
    this.client.destroy();
  }

  private async getBody(key: string) {
    const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
    if (!result.Body) throw new Error(`blob ${key} has no body`);
    return result.Body as Readable & { transformToByteArray(): Promise<Uint8Array> };
  }
}

/** Refuses any key this store didn't generate (no listing or reading of other objects in the bucket). */
function checkKey(key: string): string {
  if (!KEY_PATTERN.test(key)) throw new Error(`invalid blob key: ${JSON.stringify(key)}`);
  return key;
}

function isNotFound(err: unknown): boolean {
  return err instanceof S3ServiceException && (err.name === 'NotFound' || err.name === 'NoSuchKey' || err.$metadata?.httpStatusCode === 404);
}
