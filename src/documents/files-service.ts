import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { BlobStores } from '../internal/blobs/blob-stores.js';
import type { Db } from '../internal/db/database.js';
import type { Database, DocumentRow, FileRow } from '../internal/db/schema.js';
import { errors } from '../internal/errors/errors.js';
import { newId, nowIso } from '../internal/ids.js';
import { countFilePages, countPages } from '../extraction/pipeline.js';
import { normalizePage, pageInfo, type PageInfo, type PageRequest } from './pagination.js';
import { sniffFile, sniffFormat, type SniffResult } from './sniff-format.js';
import { containsIgnoringCase } from '../templates/list-queries.js';

export interface FileListRequest extends PageRequest {
  filename?: string;
  media_type?: string;
  /** Default 'upload': the files uploaded on their own. */
  origin?: FileRow['origin'] | 'any';
  order?: 'asc' | 'desc';
}

/**
 * A file a request brought: its bytes in memory (downloads, JSON text, multipart parts small enough to
 * be held: http/part-sink.ts), or spooled to a temp file as a larger multipart part streamed in
 * (`spooled`), streamed from there into the blob store.
 */
export type IncomingFile = {
  filename: string;
  /** What the client says about the file, recorded on its row (e.g. the embed API's description and appName). */
  notes?: FileNotes;
} & ({ bytes: Buffer } | { spooled: SpooledFile });

/** A multipart part written to disk as it arrived, hashed while writing; removed after the request. */
export interface SpooledFile {
  path: string;
  size: number;
  sha256: string;
}

export function incomingSize(file: IncomingFile): number {
  return 'bytes' in file ? file.bytes.length : file.spooled.size;
}

/** The file's format, from its bytes or, for a spooled file, from what of the file sniffing needs. */
export function sniffIncoming(file: IncomingFile): Promise<SniffResult> {
  return 'bytes' in file ? sniffFormat(file.bytes) : sniffFile(file.spooled.path);
}

export interface FileNotes {
  description?: string | null;
  /** The surface the file came in through ('embed', ...). */
  source?: string | null;
  appName?: string | null;
}

/**
 * A file checked and put in the blob store, not yet recorded in the database: all that recording it
 * needs, without its bytes (they are in the store), so a request's files are never all held at once.
 */
export interface StoredFile {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  blobKey: string;
  /** Counted at upload (for credits); null when the file can't be opened, which fails it later. */
  pages: number | null;
  notes?: FileNotes;
}

/**
 * A client's file name as stored and shown: any path stripped, NFC-normalized, without control or
 * format characters (bidi overrides, zero-width marks: `invoice\u202Efdp.exe` displayed as
 * "invoiceexe.pdf"), at most 255 characters. A NUL is refused (400): no honest name has one, and
 * other tools cut the name there.
 */
export function cleanFilename(name: string | undefined, fallback = 'document'): string {
  if (name?.includes('\u0000')) throw errors.fieldInvalid('filename', 'A file name may not contain a NUL character.');
  const base = (name ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '').trim();
  // By code point, so a cut never splits a surrogate pair.
  return Array.from(cleaned).slice(0, 255).join('') || fallback;
}

export class FilesService {
  private readonly db: Db;
  /** New blobs go to the current store; reads and deletes to the store each row names. */
  private readonly blobs: BlobStores;

  constructor(deps: { db: Db; blobs: BlobStores }) {
    this.db = deps.db;
    this.blobs = deps.blobs;
  }

  /**
   * Sniffs every file before storing any: one unsupported file rejects the request (415) and
   * leaves nothing behind. A spooled upload is never read into memory: sniffed from its head, its
   * pages counted from the parts of the file each format needs, and streamed into the blob store.
   */
  async prepare(files: IncomingFile[]): Promise<StoredFile[]> {
    const sniffed = [];
    for (const file of files) {
      const filename = cleanFilename(file.filename);
      const format = await sniffIncoming(file);
      if (!format.supported) throw errors.unsupportedFormat(filename, format.detected);
      sniffed.push({ file, filename, mediaType: format.mediaType });
    }
    const prepared: StoredFile[] = [];
    try {
      for (const { file, filename, mediaType } of sniffed) {
        const counted = 'bytes' in file ? countPages(file.bytes, mediaType) : countFilePages(file.spooled.path, mediaType);
        const pages = await counted.catch(() => null);
        const blob = 'bytes' in file ? await this.blobs.current.put(file.bytes) : await this.blobs.current.putFile(file.spooled.path);
        prepared.push({ id: newId('fil'), filename, mediaType, size: blob.size, sha256: blob.sha256, blobKey: blob.key, pages, notes: file.notes });
      }
    } catch (err) {
      await this.discard(prepared);
      throw err;
    }
    return prepared;
  }

  /** Removes blobs of prepared files whose rows were never committed. */
  async discard(prepared: StoredFile[]): Promise<void> {
    await Promise.all(prepared.map((p) => this.blobs.current.delete(p.blobKey).catch(() => undefined)));
  }

  /** Records prepared files; pass a transaction to commit them with the rows that use them. */
  async insert(
    db: Kysely<Database>,
    tenantId: string,
    prepared: StoredFile[],
    origin: FileRow['origin'],
  ): Promise<FileRow[]> {
    if (prepared.length === 0) return [];
    const rows: FileRow[] = prepared.map((p) => ({
      id: p.id,
      tenant_id: tenantId,
      filename: p.filename,
      media_type: p.mediaType,
      size: p.size,
      sha256: p.sha256,
      blob_store: this.blobs.current.kind,
      blob_key: p.blobKey,
      pages: p.pages,
      origin,
      created_at: nowIso(),
      description: p.notes?.description ?? null,
      source: p.notes?.source ?? null,
      app_name: p.notes?.appName ?? null,
    }));
    await db.insertInto('files').values(rows).execute();
    return rows;
  }

  async upload(tenantId: string, file: IncomingFile): Promise<FileRow> {
    const prepared = await this.prepare([file]);
    try {
      const [row] = await this.insert(this.db, tenantId, prepared, 'upload');
      return row;
    } catch (err) {
      await this.discard(prepared);
      throw err;
    }
  }

  async get(tenantId: string, id: string): Promise<FileRow> {
    const row = await this.db.selectFrom('files').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw errors.notFound('file', id);
    return row;
  }

  /** The tenant's files among these ids (any that no longer exist are left out). */
  async findMany(tenantId: string, ids: string[]): Promise<FileRow[]> {
    if (ids.length === 0) return [];
    return this.db.selectFrom('files').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
  }

  async getMany(tenantId: string, ids: string[]): Promise<FileRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('files').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => {
      const row = byId.get(id);
      if (!row) throw errors.fieldInvalid('file_ids', `The file '${id}' does not exist.`);
      return row;
    });
  }

  /**
   * Uploaded files, newest first unless `order` says otherwise; `filename` matches a case-insensitive
   * substring, `media_type` the MIME type exactly. `origin: 'any'` lists every file of the tenant,
   * those sent with an extraction or an evaluation too.
   */
  async list(tenantId: string, req: FileListRequest): Promise<{ files: FileRow[]; pagination: PageInfo }> {
    const { page, perPage, offset } = normalizePage(req);
    let base = this.db.selectFrom('files').where('tenant_id', '=', tenantId);
    const origin = req.origin ?? 'upload';
    if (origin !== 'any') base = base.where('origin', '=', origin);
    if (req.filename?.trim()) base = base.where(containsIgnoringCase('filename', req.filename.trim()));
    if (req.media_type?.trim()) base = base.where('media_type', '=', req.media_type.trim().toLowerCase());
    const order = req.order ?? 'desc';
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('created_at', order).orderBy('id', order).limit(perPage).offset(offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { files: rows, pagination: pageInfo(page, perPage, Number(count.n)) };
  }

  /** The latest completed document read from this file (its stored result holds the text the pipeline read), if any. */
  async latestCompletedDocument(tenantId: string, fileId: string): Promise<DocumentRow | undefined> {
    return this.db
      .selectFrom('documents')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('file_id', '=', fileId)
      .where('status', '=', 'completed')
      .orderBy('completed_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async content(tenantId: string, id: string): Promise<{ file: FileRow; stream: Readable }> {
    const file = await this.get(tenantId, id);
    return { file, stream: await this.blobs.of(file.blob_store).stream(file.blob_key) };
  }

  async bytes(file: FileRow): Promise<Buffer> {
    return this.blobs.of(file.blob_store).get(file.blob_key);
  }

  async delete(tenantId: string, id: string): Promise<void> {
    const file = await this.get(tenantId, id);
    await this.db.deleteFrom('files').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    await this.blobs.of(file.blob_store).delete(file.blob_key);
  }

  /** Deletes the rows and blobs of files, after the rows that used them are gone. */
  async deleteRows(files: FileRow[]): Promise<void> {
    if (files.length === 0) return;
    await this.db.deleteFrom('files').where('id', 'in', files.map((f) => f.id)).execute();
    await Promise.all(files.map((f) => this.blobs.of(f.blob_store).delete(f.blob_key)));
  }
}
