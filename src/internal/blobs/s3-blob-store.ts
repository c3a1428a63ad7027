import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
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
import { hashing } from './hashing-stream.js';

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
    const key = newKey();
    const sha256 = createHash('sha256').update(data).digest('hex');
    try {
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: data, ContentLength: data.length }));
    } catch (err) {
      throw Object.assign(errors.unavailable('The file store is unavailable; try again later.'), { cause: err });
    }
    return { key, size: data.length, sha256 };
  }

  /**
   * Streams the file as the object's body with its length known up front, so the SDK sends it as it
   * reads it (one PUT, up to S3's 5 GB per PUT; @aws-sdk/lib-storage's multipart helper is not a
   * dependency, and uploads are bounded far below that by DOCSIFT_MAX_UPLOAD_MB).
   */
  async putFile(file: string): Promise<StoredBlob> {
    const { size } = await fsp.stat(file);
    const key = newKey();
    const digest = hashing();
    const body = pipeline(fs.createReadStream(file), digest.stream, () => undefined);
    try {
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentLength: size }));
    } catch (err) {
      body.destroy();
      throw Object.assign(errors.unavailable('The file store is unavailable; try again later.'), { cause: err });
    }
    const result = digest.result();
    // A stream is read once: had the SDK retried a PUT with it, what it sent is not what was hashed.
    if (result.size !== size) {
      await this.delete(key).catch(() => undefined);
      throw errors.unavailable('The file store is unavailable; try again later.');
    }
    return { key, ...result };
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

function newKey(): string {
  const name = randomBytes(16).toString('hex');
  return `s3/${name.slice(0, 2)}/${name}`;
}

/** Refuses any key this store didn't generate (no listing or reading of other objects in the bucket). */
function checkKey(key: string): string {
  if (!KEY_PATTERN.test(key)) throw new Error(`invalid blob key: ${JSON.stringify(key)}`);
  return key;
}

function isNotFound(err: unknown): boolean {
  return err instanceof S3ServiceException && (err.name === 'NotFound' || err.name === 'NoSuchKey' || err.$metadata?.httpStatusCode === 404);
}
